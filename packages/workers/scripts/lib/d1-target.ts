import { resolve } from 'node:path';

/**
 * Which D1 database a maintenance command reads or changes (`pnpm maintainer`, `pnpm federation`):
 * the local one `npm start` serves, another local state folder, or the deployed one.
 */
export interface D1Target {
  remote: boolean;
  env?: string;
  persistTo?: string;
}

/**
 * The `wrangler d1 execute` arguments for `sql`. A local command without `--persist-to` goes to
 * `localStateDir`, the folder `npm start` serves from: wrangler's own default is another folder,
 * whose database the running app never reads. `json`: answer each statement's rows as JSON.
 */
export function d1ExecuteArgs(
  sql: string,
  target: D1Target,
  localStateDir: string | undefined,
  json: boolean,
): string[] {
  const args = ['d1', 'execute', 'DB', target.remote ? '--remote' : '--local', '--command', sql];
  if (target.env) args.push('--env', target.env);
  const persistTo = target.remote ? undefined : (target.persistTo ?? localStateDir);
  if (persistTo) args.push('--persist-to', persistTo);
  if (json) args.push('--json');
  return args;
}

/** Where the command went, in words ("the local database", "the deployed database (production)"). */
export function d1TargetName(target: D1Target): string {
  return target.remote
    ? `the deployed database${target.env ? ` (${target.env})` : ''}`
    : 'the local database';
}

/**
 * Reads one of the target flags (`--remote`, `--env NAME`, `--persist-to DIR`) into `target`;
 * false for any other flag. `value()` takes the flag's value from the command line. A relative DIR
 * is resolved against `cwd`, by default where `npm run` was typed (INIT_CWD): the scripts run
 * wrangler from packages/workers, where `.data/b` would be another, empty, database.
 */
export function readTargetFlag(
  flag: string,
  value: () => string,
  target: D1Target,
  cwd: string = process.env.INIT_CWD ?? process.cwd(),
): boolean {
  if (flag === '--remote') target.remote = true;
  else if (flag === '--env') target.env = value();
  else if (flag === '--persist-to') target.persistTo = resolve(cwd, value());
  else return false;
  return true;
}

/** The usage line's target flags. */
export const TARGET_FLAGS = '[--remote] [--env production] [--persist-to DIR]';
