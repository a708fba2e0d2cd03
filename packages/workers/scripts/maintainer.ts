// `pnpm maintainer …`: raise minSupportedClient or bump cacheVersion without a redeploy, and grant
// or revoke the platform admin role, show or change the alert thresholds. See docs/runbooks/
// retire-old-clients.md, admins.md and alerts.md.
import { spawnSync } from 'node:child_process';
import { parseConfigCommand, USAGE, UsageError, wranglerArgs } from './lib/config-command.ts';
import { d1TargetName } from './lib/d1-target.ts';

try {
  const cmd = parseConfigCommand(process.argv.slice(2));
  const isAdminAction = cmd.email !== undefined;
  // Set by scripts/maintainer.sh: the folder `npm start` keeps its local state in.
  const localStateDir = process.env.CORATES_LOCAL_STATE_DIR;
  const result = spawnSync('wrangler', wranglerArgs(cmd, localStateDir), {
    // The admin actions read wrangler's JSON to tell a missing account from success.
    stdio: isAdminAction ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) {
    if (isAdminAction) process.stdout.write(result.stdout);
    process.exit(result.status ?? 1);
  }
  const where = d1TargetName(cmd.target);
  if (cmd.action === 'set') {
    console.log(
      `Updated ${where}: ${JSON.stringify(cmd.values)}. Clients see it on their next /api/metadata check.`,
    );
  } else if (cmd.thresholds && cmd.thresholds.set.length + cmd.thresholds.clear.length > 0) {
    console.log(
      `Updated the alert thresholds in ${where}: set ${JSON.stringify(cmd.thresholds.set)}, cleared ${JSON.stringify(cmd.thresholds.clear)}. The next alert check uses them.`,
    );
  } else if (isAdminAction) {
    const [statement] = JSON.parse(result.stdout) as [{ results: unknown[] }];
    if (statement.results.length === 0) {
      console.error(`error: no account with the email ${cmd.email} in ${where}`);
      process.exit(1);
    }
    const role = cmd.action === 'grant-admin' ? 'admin' : 'member';
    console.log(
      `${cmd.email} is now a platform ${role} in ${where} (takes effect on next request).`,
    );
  }
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`error: ${e.message}\n\n${USAGE}`);
  process.exit(2);
}
