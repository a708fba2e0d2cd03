import { subscriptionLag } from '@corates/shared';
import type { ShareGraphInput } from '@corates/shared/share-graph';
import { readTargetFlag, TARGET_FLAGS, type D1Target } from './d1-target.ts';
import { UsageError } from './config-command.ts';

/**
 * `npm run federation -- …` (docs/federation.md "From the command line"): the admin views of
 * issue 17 from a shell. What it reads comes from D1 (`wrangler d1 execute`, local or deployed, as
 * the maintainer tool does); what only the running server can do — pull, unsubscribe (it deletes
 * the mirror project's document too) — goes to the server's API as a platform admin.
 */
export type FederationCommand =
  | { action: 'shares'; projectId?: string; target: D1Target }
  | { action: 'share'; shareId: string; target: D1Target }
  | {
      action: 'graph';
      shareId: string;
      format: 'text' | 'dot' | 'svg';
      svgFile?: string;
      target: D1Target;
    }
  | { action: 'subscriptions'; target: D1Target }
  | { action: 'pull' | 'unsubscribe'; subscriptionId: string; url: string };

export const FEDERATION_USAGE = `Usage:
  npm run federation -- shares [--project ID] ${TARGET_FLAGS}
  npm run federation -- share SHARE_ID ${TARGET_FLAGS}
  npm run federation -- graph SHARE_ID [--dot | --svg FILE] ${TARGET_FLAGS}
  npm run federation -- subscriptions ${TARGET_FLAGS}
  npm run federation -- pull SUBSCRIPTION_ID --url ORIGIN
  npm run federation -- unsubscribe SUBSCRIPTION_ID --url ORIGIN

shares, share, graph: this server as a publisher — its shares, a share's subscribers with their lag
(changes not yet acknowledged), last pull, last error and schema-mismatch refusals, and the
records the share covers as a graph (text, Graphviz DOT, or an SVG picture written to FILE).
subscriptions: this server as a subscriber — state, publisher, position, lag (changes the
publisher had at the last pull that this server does not hold yet), last pull, last error.
Without --remote they read the local database that \`npm start\` uses.
pull, unsubscribe: done by the running server at ORIGIN (e.g. http://localhost:8787), signed in
as a platform admin whose email and password are in CORATES_ADMIN_EMAIL and
CORATES_ADMIN_PASSWORD.`;

const ID = /^[\w-]{1,64}$/;

export function parseFederationCommand(argv: string[]): FederationCommand {
  const [action, ...rest] = argv;
  const target: D1Target = { remote: false };
  const positional: string[] = [];
  let projectId: string | undefined;
  let format: 'text' | 'dot' | 'svg' = 'text';
  let svgFile: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (!flag.startsWith('--')) positional.push(flag);
    else if (flag === '--project') projectId = id(value(), '--project');
    else if (flag === '--dot') format = 'dot';
    else if (flag === '--svg') {
      format = 'svg';
      svgFile = value();
    } else if (flag === '--url') url = origin(value());
    else if (!readTargetFlag(flag, value, target)) throw new UsageError(`unknown flag ${flag}`);
  }
  if (target.remote && target.persistTo)
    throw new UsageError('--persist-to is for the local database only');
  const only = (allowed: boolean, what: string) => {
    if (!allowed) throw new UsageError(`${what} is not for ${action}`);
  };
  const one = (name: string) => {
    if (positional.length !== 1) throw new UsageError(`${action} takes one ${name}`);
    return id(positional[0]!, name);
  };
  const isRemoteAction = action === 'pull' || action === 'unsubscribe';
  only(projectId === undefined || action === 'shares', '--project');
  only(format === 'text' || action === 'graph', '--dot / --svg');
  only(url === undefined || isRemoteAction, '--url');
  only(
    !isRemoteAction || (!target.remote && !target.env && !target.persistTo),
    '--remote / --env / --persist-to',
  );
  switch (action) {
    case 'shares':
      if (positional.length > 0) throw new UsageError('shares takes no id (use --project)');
      return { action, ...(projectId ? { projectId } : {}), target };
    case 'share':
      return { action, shareId: one('SHARE_ID'), target };
    case 'graph':
      return {
        action,
        shareId: one('SHARE_ID'),
        format,
        ...(svgFile ? { svgFile } : {}),
        target,
      };
    case 'subscriptions':
      if (positional.length > 0) throw new UsageError('subscriptions takes no id');
      return { action, target };
    case 'pull':
    case 'unsubscribe': {
      const subscriptionId = one('SUBSCRIPTION_ID');
      if (!url) throw new UsageError(`${action} needs --url (the running server's origin)`);
      return { action, subscriptionId, url };
    }
    default:
      throw new UsageError(`unknown action ${JSON.stringify(action ?? '')}`);
  }
}

function id(text: string, name: string): string {
  if (!ID.test(text)) throw new UsageError(`${name} must be an id (letters, digits, _ and -)`);
  return text;
}

function origin(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`--url must be an origin like http://localhost:8787, not ${text}`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname.length > 1 || u.search)
    throw new UsageError(`--url must be an origin like http://localhost:8787, not ${text}`);
  return u.origin;
}

// ---- SQL (ids are validated by parseFederationCommand: letters, digits, _ and -) ----

const SHARE_STATUS = `CASE WHEN s.revoked_at IS NOT NULL THEN 'revoked' WHEN s.paused_at IS NOT NULL THEN 'paused' ELSE 'active' END`;
const SHARE_COLUMNS = `s.id, s.project_id, p.name AS project_name, s.scope, ${SHARE_STATUS} AS status, s.last_seq, s.created_at, (SELECT count(*) FROM share_subscribers x WHERE x.share_id = s.id) AS subscribers FROM shares s LEFT JOIN projects p ON p.id = s.project_id`;

/** The statements a read command runs, in order; their answers come back in the same order. */
export function federationSql(cmd: FederationCommand): string[] {
  switch (cmd.action) {
    case 'shares':
      return [
        `SELECT ${SHARE_COLUMNS}${cmd.projectId ? ` WHERE s.project_id = '${cmd.projectId}'` : ''} ORDER BY s.created_at;`,
      ];
    case 'share':
      return [
        `SELECT ${SHARE_COLUMNS} WHERE s.id = '${cmd.shareId}';`,
        `SELECT x.server_id, v.origin, x.acked_seq, max(s.last_seq - x.acked_seq, 0) AS lag, x.last_pull_at, x.last_error, x.schema_refusals, x.created_at FROM share_subscribers x JOIN servers v ON v.id = x.server_id JOIN shares s ON s.id = x.share_id WHERE x.share_id = '${cmd.shareId}' ORDER BY x.created_at;`,
        `SELECT entity, count(*) AS records FROM share_records WHERE share_id = '${cmd.shareId}' GROUP BY entity ORDER BY entity;`,
      ];
    case 'graph':
      return [
        `SELECT id FROM shares WHERE id = '${cmd.shareId}';`,
        `SELECT entity, entity_id, label FROM share_records WHERE share_id = '${cmd.shareId}' ORDER BY entity, entity_id;`,
        `SELECT from_entity, from_id, to_entity, to_id FROM share_edges WHERE share_id = '${cmd.shareId}' ORDER BY from_entity, from_id, to_entity, to_id;`,
      ];
    case 'subscriptions':
      return [
        `SELECT s.id, v.origin, s.share_id, s.state, s.cursor, s.publisher_seq, s.last_pull_at, s.last_error, s.created_at FROM subscriptions s JOIN servers v ON v.id = s.publisher_id ORDER BY s.created_at;`,
      ];
    default:
      return [];
  }
}

// ---- Output ----

type Row = Record<string, unknown>;

/** An epoch-milliseconds column as ISO time; null as "never". */
export function when(ms: unknown): string {
  return typeof ms === 'number' ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never';
}

/** Rows as an aligned plain-text table (the header row first). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function formatShares(rows: Row[]): string {
  if (rows.length === 0) return 'No shares.';
  return table(
    ['SHARE', 'PROJECT', 'SCOPE', 'STATUS', 'LAST SEQ', 'SUBSCRIBERS', 'CREATED'],
    rows.map((r) => [
      text(r.id),
      `${text(r.project_name)} (${text(r.project_id)})`,
      text(r.scope),
      text(r.status),
      text(r.last_seq),
      text(r.subscribers),
      when(r.created_at),
    ]),
  );
}

/** `share SHARE_ID`: the share, its subscribers with their lag, and what it covers. */
export function formatShare(shareId: string, [share, subscribers, records]: Row[][]): string {
  const s = share?.[0];
  if (!s) throw new UsageError(`no share ${shareId}`);
  const out = [
    `Share ${text(s.id)} of project ${text(s.project_name)} (${text(s.project_id)})`,
    `  scope ${text(s.scope)}, ${text(s.status)}, last seq ${text(s.last_seq)}, created ${when(s.created_at)}`,
    '',
  ];
  const subs = subscribers ?? [];
  if (subs.length === 0) out.push('No subscribers: no invite to it was redeemed.');
  else
    out.push(
      table(
        ['SUBSCRIBER', 'ORIGIN', 'ACKED', 'LAG', 'LAST PULL', 'SCHEMA REFUSALS', 'LAST ERROR'],
        subs.map((r) => [
          text(r.server_id),
          text(r.origin),
          text(r.acked_seq),
          text(r.lag),
          when(r.last_pull_at),
          text(r.schema_refusals),
          text(r.last_error) || '-',
        ]),
      ),
    );
  const covered = records ?? [];
  out.push(
    '',
    covered.length === 0
      ? 'Records: none recorded yet (the share graph is written at the next pull).'
      : `Records: ${covered.map((r) => `${text(r.records)} ${text(r.entity)}`).join(', ')}`,
  );
  return out.join('\n');
}

/** `graph`'s rows as the picture's input: node ids are `entity:id`, unique across entities. */
export function graphOf([, records, edges]: Row[][]): ShareGraphInput {
  return {
    nodes: (records ?? []).map((r) => ({
      id: `${text(r.entity)}:${text(r.entity_id)}`,
      entity: text(r.entity),
      title: text(r.label),
    })),
    edges: (edges ?? []).map((e) => ({
      from: `${text(e.from_entity)}:${text(e.from_id)}`,
      to: `${text(e.to_entity)}:${text(e.to_id)}`,
    })),
  };
}

/** The graph as indented text: each root, then what depends on it, depth first. */
export function formatGraph(graph: ShareGraphInput): string {
  if (graph.nodes.length === 0) return 'The share covers no records yet.';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const e of graph.edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) continue;
    children.set(e.from, [...(children.get(e.from) ?? []), e.to]);
    hasParent.add(e.to);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number) => {
    const n = byId.get(id)!;
    const again = seen.has(id);
    lines.push(
      `${'  '.repeat(depth)}${n.entity} ${n.id.slice(n.entity.length + 1)}: ${n.title}${again ? ' (above)' : ''}`,
    );
    if (again) return;
    seen.add(id);
    for (const c of children.get(id) ?? []) visit(c, depth + 1);
  };
  for (const n of graph.nodes) if (!hasParent.has(n.id)) visit(n.id, 0);
  // A cycle has no root: whatever was not reached is listed too, never dropped.
  for (const n of graph.nodes) if (!seen.has(n.id)) visit(n.id, 0);
  return `${graph.nodes.length} records, ${graph.edges.length} edges\n${lines.join('\n')}`;
}

/**
 * `subscriptions`: each with its lag as the server's API counts it (`subscriptionLag`: the
 * publisher's last seq at the last page minus the cursor), `-` before the first page.
 */
export function formatSubscriptions(rows: Row[]): string {
  if (rows.length === 0) return 'No subscriptions.';
  return table(
    ['SUBSCRIPTION', 'PUBLISHER', 'SHARE', 'STATE', 'CURSOR', 'LAG', 'LAST PULL', 'LAST ERROR'],
    rows.map((r) => [
      text(r.id),
      text(r.origin),
      text(r.share_id),
      text(r.state),
      text(r.cursor),
      text(
        subscriptionLag(
          typeof r.publisher_seq === 'number' ? r.publisher_seq : null,
          Number(r.cursor),
        ),
      ) || '-',
      when(r.last_pull_at),
      text(r.last_error) || '-',
    ]),
  );
}
