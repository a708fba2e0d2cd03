// `npm run federation -- …`: federation's admin views from a shell (issue 17). The usage and what
// each command reads are in lib/federation-command.ts; docs/federation.md has the runbook.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { layoutShareGraph, shareGraphDot, shareGraphSvg } from '@corates/shared/share-graph';
import { UsageError } from './lib/config-command.ts';
import { d1ExecuteArgs } from './lib/d1-target.ts';
import {
  FEDERATION_USAGE,
  federationSql,
  formatGraph,
  formatShare,
  formatShares,
  formatSubscriptions,
  graphOf,
  parseFederationCommand,
  type FederationCommand,
} from './lib/federation-command.ts';

type Row = Record<string, unknown>;

/** Runs the read statements in one `wrangler d1 execute` and answers each one's rows. */
function query(cmd: Extract<FederationCommand, { target: unknown }>): Row[][] {
  // Set by scripts/federation.sh: the folder `npm start` keeps its local state in.
  const args = d1ExecuteArgs(
    federationSql(cmd).join(' '),
    cmd.target,
    process.env.CORATES_LOCAL_STATE_DIR,
    true,
  );
  const result = spawnSync('wrangler', args, {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.exit(result.status ?? 1);
  }
  return (JSON.parse(result.stdout) as { results: Row[] }[]).map((s) => s.results);
}

/** Signs in as the platform admin named in the environment; answers the session cookie. */
async function signIn(url: string): Promise<string> {
  const email = process.env.CORATES_ADMIN_EMAIL;
  const password = process.env.CORATES_ADMIN_PASSWORD;
  if (!email || !password)
    throw new UsageError('set CORATES_ADMIN_EMAIL and CORATES_ADMIN_PASSWORD (a platform admin)');
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) fail(`signing in as ${email} at ${url}`, res.status, await res.text());
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function fail(what: string, status: number, body: string): never {
  console.error(`error: ${what}: ${status} ${body}`);
  process.exit(1);
}

async function onServer(cmd: Extract<FederationCommand, { url: string }>): Promise<void> {
  const cookie = await signIn(cmd.url);
  const path = `/api/federation/subscriptions/${encodeURIComponent(cmd.subscriptionId)}`;
  const res = await fetch(`${cmd.url}${path}${cmd.action === 'pull' ? '/pull' : ''}`, {
    method: cmd.action === 'pull' ? 'POST' : 'DELETE',
    headers: { Cookie: cookie, Origin: cmd.url, 'Content-Type': 'application/json' },
    ...(cmd.action === 'pull' ? { body: '{}' } : {}),
  });
  const body = await res.text();
  if (!res.ok) fail(`${cmd.action} ${cmd.subscriptionId}`, res.status, body);
  if (cmd.action === 'unsubscribe') {
    console.log(`Unsubscribed ${cmd.subscriptionId} on ${cmd.url}.`);
    return;
  }
  const pulled = JSON.parse(body) as {
    applied: number;
    refetched: boolean;
    subscription: { cursor: number; lag: number | null; lastError: string | null; state: string };
  };
  const s = pulled.subscription;
  console.log(
    `Pulled ${cmd.subscriptionId}: ${pulled.applied} changes applied${pulled.refetched ? ' (refetched from 0)' : ''}, cursor ${s.cursor}, lag ${s.lag ?? '-'}, state ${s.state}${s.lastError ? `, last error: ${s.lastError}` : ''}.`,
  );
  if (s.lastError) process.exit(1);
}

try {
  const cmd = parseFederationCommand(process.argv.slice(2));
  switch (cmd.action) {
    case 'shares':
      console.log(formatShares(query(cmd)[0] ?? []));
      break;
    case 'share':
      console.log(formatShare(cmd.shareId, query(cmd)));
      break;
    case 'subscriptions':
      console.log(formatSubscriptions(query(cmd)[0] ?? []));
      break;
    case 'graph': {
      const answers = query(cmd);
      if ((answers[0] ?? []).length === 0) throw new UsageError(`no share ${cmd.shareId}`);
      const graph = graphOf(answers);
      if (cmd.format === 'dot') console.log(shareGraphDot(graph, cmd.shareId));
      else if (cmd.format === 'svg' && cmd.svgFile) {
        writeFileSync(
          cmd.svgFile,
          shareGraphSvg(layoutShareGraph(graph), `Share ${cmd.shareId}`) + '\n',
        );
        console.log(
          `Wrote ${cmd.svgFile}: ${graph.nodes.length} records, ${graph.edges.length} edges.`,
        );
      } else console.log(formatGraph(graph));
      break;
    }
    case 'pull':
    case 'unsubscribe':
      await onServer(cmd);
      break;
  }
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`error: ${e.message}\n\n${FEDERATION_USAGE}`);
  process.exit(2);
}
