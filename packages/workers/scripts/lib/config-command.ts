import { CONFIG_KEYS, type ConfigKey } from '../../src/domain/runtime-config.ts';
import { d1ExecuteArgs, readTargetFlag, type D1Target } from './d1-target.ts';
import {
  alertMetricSchema,
  alertThresholdsSchema,
  emailSchema,
  parseSemver,
  type AlertMetric,
  type AlertThreshold,
} from '@corates/shared';

/** What `pnpm maintainer` was asked to do, parsed from argv. */
export interface ConfigCommand {
  action: 'set' | 'show' | 'grant-admin' | 'revoke-admin' | 'thresholds';
  values: Partial<Record<ConfigKey, string>>;
  /** The account `grant-admin` / `revoke-admin` changes. */
  email?: string;
  /** `thresholds`: alert thresholds to store and metrics to stop watching (none of either: show). */
  thresholds?: { set: AlertThreshold[]; clear: AlertMetric[] };
  target: D1Target;
}

export const USAGE = `Usage:
  pnpm maintainer show [--remote] [--env production] [--persist-to DIR]
  pnpm maintainer set [--min-client X.Y.Z] [--cache-version V] [--remote] [--env production] [--persist-to DIR]
  pnpm maintainer grant-admin --email ADDRESS [--remote] [--env production] [--persist-to DIR]
  pnpm maintainer revoke-admin --email ADDRESS [--remote] [--env production] [--persist-to DIR]
  pnpm maintainer thresholds [--set METRIC=MAX[:MINORS]]... [--clear METRIC]... [--remote] [--env production] [--persist-to DIR]

Changes minSupportedClient / cacheVersion in the D1 app_config table: no redeploy needed.
grant-admin / revoke-admin set an existing account's platform role (admins see /admin).
thresholds shows or changes the alert thresholds (docs/runbooks/alerts.md); METRIC is one of
backlogOps, backlogAgeMinutes, outdatedShare, nearMinShare, syncFailureRate, replayP95Ms; shares
and rates are fractions (0.05 = 5%); nearMinShare takes :MINORS, the minor versions above
minSupportedClient that count as near.
Without --remote it changes the local database that \`pnpm start\` uses.`;

export class UsageError extends Error {}

export function parseConfigCommand(argv: string[]): ConfigCommand {
  const [action, ...rest] = argv;
  if (
    action !== 'set' &&
    action !== 'show' &&
    action !== 'grant-admin' &&
    action !== 'revoke-admin' &&
    action !== 'thresholds'
  )
    throw new UsageError(`unknown action ${JSON.stringify(action ?? '')}`);
  const cmd: ConfigCommand = { action, values: {}, target: { remote: false } };
  if (action === 'thresholds') cmd.thresholds = { set: [], clear: [] };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--min-client': {
        const v = value();
        if (!parseSemver(v))
          throw new UsageError(`--min-client must be a semver version like 1.4.0, not ${v}`);
        cmd.values.minSupportedClient = v;
        break;
      }
      case '--cache-version': {
        const v = value();
        if (!/^[\w.-]{1,64}$/.test(v))
          throw new UsageError('--cache-version must be 1-64 letters, digits, ".", "_" or "-"');
        cmd.values.cacheVersion = v;
        break;
      }
      case '--email': {
        const v = emailSchema.safeParse(value());
        if (!v.success) throw new UsageError('--email must be an email address');
        cmd.email = v.data;
        break;
      }
      case '--set':
      case '--clear': {
        if (!cmd.thresholds) throw new UsageError(`${flag} is for thresholds`);
        const v = value();
        if (flag === '--clear') cmd.thresholds.clear.push(parseMetric(v));
        else cmd.thresholds.set.push(parseThreshold(v));
        break;
      }
      default:
        if (!readTargetFlag(flag!, value, cmd.target)) throw new UsageError(`unknown flag ${flag}`);
    }
  }
  const isAdminAction = action === 'grant-admin' || action === 'revoke-admin';
  if (isAdminAction !== (cmd.email !== undefined))
    throw new UsageError(
      isAdminAction ? `${action} needs --email` : '--email is for grant-admin / revoke-admin',
    );
  if (isAdminAction && Object.keys(cmd.values).length > 0)
    throw new UsageError(`${action} takes no --min-client / --cache-version`);
  if (action === 'set' && Object.keys(cmd.values).length === 0) {
    throw new UsageError('set needs --min-client and/or --cache-version');
  }
  if (cmd.thresholds) {
    if (Object.keys(cmd.values).length > 0)
      throw new UsageError('thresholds takes no --min-client / --cache-version');
    const all = [...cmd.thresholds.set.map((t) => t.metric), ...cmd.thresholds.clear];
    if (new Set(all).size !== all.length) throw new UsageError('each metric at most once');
  }
  if (cmd.target.remote && cmd.target.persistTo)
    throw new UsageError('--persist-to is for the local database only');
  return cmd;
}

function parseMetric(text: string): AlertMetric {
  const metric = alertMetricSchema.safeParse(text);
  if (!metric.success)
    throw new UsageError(`unknown metric ${text} (${alertMetricSchema.options.join(', ')})`);
  return metric.data;
}

/** `METRIC=MAX[:MINORS]`, validated by the same schema as the admin API. */
function parseThreshold(text: string): AlertThreshold {
  const match = /^(\w+)=([\d.]+)(?::(\d+))?$/.exec(text);
  if (!match) throw new UsageError(`--set takes METRIC=MAX[:MINORS], not ${text}`);
  const [, name, max, minors] = match;
  const metric = parseMetric(name!);
  if (minors !== undefined && metric !== 'nearMinShare')
    throw new UsageError(':MINORS is for nearMinShare only');
  const threshold: AlertThreshold = {
    metric,
    max: Number(max),
    ...(metric === 'nearMinShare' ? { minorVersions: Number(minors ?? 0) } : {}),
  };
  const checked = alertThresholdsSchema.safeParse({ thresholds: [threshold] });
  if (!checked.success)
    throw new UsageError(`${text}: ${checked.error.issues.map((i) => i.message).join('; ')}`);
  return threshold;
}

function thresholdsSql(t: NonNullable<ConfigCommand['thresholds']>): string {
  if (t.set.length === 0 && t.clear.length === 0)
    return "SELECT metric, max, minor_versions, datetime(updated_at / 1000, 'unixepoch') AS updated_at FROM alert_thresholds ORDER BY metric;";
  return [
    ...t.clear.map((m) => `DELETE FROM alert_thresholds WHERE metric = '${m}';`),
    ...t.set.map(
      (x) =>
        `INSERT INTO alert_thresholds (metric, max, minor_versions, updated_at) VALUES ('${x.metric}', ${x.max}, ${x.minorVersions ?? 'NULL'}, unixepoch('subsec') * 1000) ON CONFLICT(metric) DO UPDATE SET max = excluded.max, minor_versions = excluded.minor_versions, updated_at = excluded.updated_at;`,
    ),
  ].join(' ');
}

/** One statement per value; an UPSERT so the command is safe to repeat. Values are pre-validated. */
export function configSql(cmd: ConfigCommand): string {
  if (cmd.thresholds) return thresholdsSql(cmd.thresholds);
  if (cmd.email !== undefined) {
    const role = cmd.action === 'grant-admin' ? 'admin' : 'member';
    // RETURNING lets the command tell "no such account" from success.
    return `UPDATE user SET platform_role = '${role}' WHERE email = ${sqlString(cmd.email)} RETURNING email, platform_role;`;
  }
  if (cmd.action === 'show') {
    return `SELECT key, value, datetime(updated_at / 1000, 'unixepoch') AS updated_at FROM app_config WHERE key IN (${CONFIG_KEYS.map((k) => `'${k}'`).join(', ')});`;
  }
  return Object.entries(cmd.values)
    .map(
      ([key, value]) =>
        `INSERT INTO app_config (key, value, updated_at) VALUES ('${key}', '${value}', unixepoch('subsec') * 1000) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;`,
    )
    .join(' ');
}

/** A SQL string literal (emails may legally contain quotes). */
function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The `wrangler d1 execute` arguments for the command (see d1ExecuteArgs). */
export function wranglerArgs(cmd: ConfigCommand, localStateDir?: string): string[] {
  return d1ExecuteArgs(configSql(cmd), cmd.target, localStateDir, cmd.action !== 'set');
}
