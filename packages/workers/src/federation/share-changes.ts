import { readProjectDoc } from '@corates/shared/doc';
import { SCHEMA_VERSION, shareChangeSchema, type ShareChanges } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import { toHex } from '../lib/hex.ts';
import { storedContents, storedDoc } from '../domain/stored-project.ts';
import {
  planShareGraph,
  planShareUpdates,
  readableChecklists,
  recordKey,
  shareClosure,
  type LoggedRecord,
  type ShareRoots,
  type ShareSource,
  type SourcePdf,
} from './share-content.ts';

/** How long a tombstone is kept: a subscriber that has not pulled for longer must refetch. */
export const TOMBSTONE_HORIZON_MS = 30 * 24 * 60 * 60 * 1000;

/** What a refresh reads and writes: D1, and R2 to hash a PDF not hashed yet. */
export interface ShareEnv {
  DB: D1Database;
  PDFS: R2Bucket;
}

/** A refresh that lost a race to another reads the log again and replans, this many times. */
const ATTEMPTS = 3;
/** JSON arrays bound to one statement stay well below D1's 2 MB value limit. */
const CHUNK_CHARS = 256 * 1024;

/**
 * A PDF's SHA-256 (hex) from its bytes in R2, written back to its row (only if still unknown), for a
 * PDF stored before uploads recorded it. Null when the bytes are missing.
 */
export async function pdfSha256(
  env: ShareEnv,
  pdf: { id: string; r2Key: string },
): Promise<string | null> {
  const object = await env.PDFS.get(pdf.r2Key);
  if (!object) return null;
  const digest = new crypto.DigestStream('SHA-256');
  await object.body.pipeTo(digest);
  const hex = toHex(new Uint8Array(await digest.digest));
  await env.DB.prepare('UPDATE pdfs SET sha256 = ? WHERE id = ? AND sha256 IS NULL')
    .bind(hex, pdf.id)
    .run();
  return hex;
}

interface PdfRow {
  id: string;
  study_id: string;
  file_name: string;
  size: number;
  tag: SourcePdf['tag'];
  sha256: string | null;
  r2_key: string;
  created_at: number;
  updated_at: number;
}

/**
 * What the project's shares are computed from, read from D1: the document and checklist contents
 * its ProjectDoc exported (only the contents that may go), its PDFs (hashing those not hashed yet)
 * and its name.
 */
async function loadSource(env: ShareEnv, projectId: string): Promise<ShareSource> {
  const [yDoc, pdfRows, project] = await Promise.all([
    storedDoc(env.DB, projectId),
    env.DB.prepare(
      `SELECT id, study_id, file_name, size, tag, sha256, r2_key, created_at, updated_at
       FROM pdfs WHERE project_id = ? ORDER BY created_at, id`,
    )
      .bind(projectId)
      .all<PdfRow>(),
    env.DB.prepare('SELECT name FROM projects WHERE id = ?')
      .bind(projectId)
      .first<{ name: string }>(),
  ]);
  const doc = readProjectDoc(yDoc);
  const contents = await storedContents(env.DB, projectId, [...readableChecklists(doc)]);
  const pdfs = await Promise.all(
    pdfRows.results.map(async (p): Promise<SourcePdf> => ({
      id: p.id,
      studyId: p.study_id,
      fileName: p.file_name,
      size: p.size,
      tag: p.tag,
      sha256: p.sha256 ?? (await pdfSha256(env, { id: p.id, r2Key: p.r2_key })),
      createdAt: new Date(p.created_at).toISOString(),
      updatedAt: new Date(p.updated_at).toISOString(),
    })),
  );
  return { project: { id: projectId, name: project?.name ?? '' }, doc, contents, pdfs };
}

/** `items` as JSON arrays of at most CHUNK_CHARS each (one bound value per statement). */
function jsonChunks(items: readonly unknown[]): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const item of items) {
    const json = JSON.stringify(item);
    if (part.length > 0 && size + json.length > CHUNK_CHARS) {
      out.push(`[${part.join(',')}]`);
      part = [];
      size = 0;
    }
    part.push(json);
    size += json.length + 1;
  }
  if (part.length > 0) out.push(`[${part.join(',')}]`);
  return out;
}

interface ShareState {
  last_seq: number;
  updated_at: number;
  source_at: number | null;
  scope: 'project' | 'studies';
  revoked_at: number | null;
}

/**
 * Brings one share's log (`share_updates`) and DAG (`share_records`, `share_edges`) to what it
 * covers in `source`, writing only what differs. Every write is guarded on the share's `last_seq`
 * and `updated_at` as read (a refresh that lands moves `updated_at`): of two refreshes at once one
 * batch lands and the other writes nothing and answers false. Tombstones older than
 * TOMBSTONE_HORIZON_MS are purged and the horizon raised past them, in the same batch.
 */
async function refreshShare(
  d1: D1Database,
  shareId: string,
  source: ShareSource,
  sourceAt: number,
  now: number,
): Promise<boolean> {
  const [stateRows, logged, nodes, edges, roots] = await d1.batch([
    d1
      .prepare('SELECT last_seq, updated_at, source_at, scope, revoked_at FROM shares WHERE id = ?')
      .bind(shareId),
    d1
      .prepare('SELECT entity, entity_id, op, row FROM share_updates WHERE share_id = ?')
      .bind(shareId),
    d1
      .prepare('SELECT entity, entity_id, label FROM share_records WHERE share_id = ?')
      .bind(shareId),
    d1
      .prepare(
        `SELECT from_entity || ':' || from_id || '>' || to_entity || ':' || to_id AS k
         FROM share_edges WHERE share_id = ?`,
      )
      .bind(shareId),
    d1
      .prepare(`SELECT entity_id FROM share_roots WHERE share_id = ? AND entity = 'study'`)
      .bind(shareId),
  ]);
  const state = (stateRows?.results as ShareState[] | undefined)?.[0];
  if (!state || state.revoked_at !== null) return true;
  const shareRoots: ShareRoots =
    state.scope === 'project'
      ? { scope: 'project' }
      : {
          scope: 'studies',
          studyIds: new Set((roots?.results as { entity_id: string }[]).map((r) => r.entity_id)),
        };
  const closure = shareClosure(source, shareRoots);
  const byKey = new Map<string, LoggedRecord>(
    (logged?.results as ({ entity: string; entity_id: string } & LoggedRecord)[]).map((r) => [
      recordKey(r.entity as never, r.entity_id),
      { op: r.op, row: r.row },
    ]),
  );
  const plan = planShareUpdates(byKey, closure.records);
  const graph = planShareGraph(
    new Map(
      (nodes?.results as { entity: string; entity_id: string; label: string }[]).map((n) => [
        recordKey(n.entity as never, n.entity_id),
        n.label,
      ]),
    ),
    new Set((edges?.results as { k: string }[]).map((e) => e.k)),
    closure,
  );
  const unchanged =
    plan.length === 0 &&
    graph.putNodes.length + graph.dropNodes.length + graph.addEdges.length === 0 &&
    graph.dropEdges.length === 0;
  if (unchanged && state.source_at === sourceAt) return true;

  const lastSeq = state.last_seq;
  // Guard: the share is still as read (same last change, no refresh landed since).
  const guard = `EXISTS (SELECT 1 FROM shares WHERE id = ?1 AND last_seq = ?2 AND updated_at = ?3)`;
  const bind = (sql: string, ...rest: unknown[]) =>
    d1.prepare(sql).bind(shareId, lastSeq, state.updated_at, ...rest);
  const statements: D1PreparedStatement[] = [];
  for (const chunk of jsonChunks(
    plan.map((u, i) => [u.entity, u.id, lastSeq + i + 1, u.op, u.row]),
  ))
    statements.push(
      bind(
        `INSERT INTO share_updates (share_id, entity, entity_id, seq, op, row, changed_at)
         SELECT ?1, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
           json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), ?4
         FROM json_each(?5) j WHERE ${guard}
         ON CONFLICT (share_id, entity, entity_id)
         DO UPDATE SET seq = excluded.seq, op = excluded.op, row = excluded.row,
           changed_at = excluded.changed_at`,
        now,
        chunk,
      ),
    );
  for (const chunk of jsonChunks(graph.putNodes.map((n) => [n.entity, n.id, n.label])))
    statements.push(
      bind(
        `INSERT INTO share_records (share_id, entity, entity_id, label, included_at)
         SELECT ?1, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
           json_extract(j.value, '$[2]'), ?4
         FROM json_each(?5) j WHERE ${guard}
         ON CONFLICT (share_id, entity, entity_id) DO UPDATE SET label = excluded.label`,
        now,
        chunk,
      ),
    );
  for (const chunk of jsonChunks(graph.dropNodes))
    statements.push(
      bind(
        `DELETE FROM share_records WHERE share_id = ?1 AND ${guard}
         AND entity || ':' || entity_id IN (SELECT value FROM json_each(?4))`,
        chunk,
      ),
    );
  for (const chunk of jsonChunks(
    graph.addEdges.map((e) => [e.from.entity, e.from.id, e.to.entity, e.to.id]),
  ))
    statements.push(
      bind(
        `INSERT OR IGNORE INTO share_edges
           (share_id, from_entity, from_id, to_entity, to_id, included_at)
         SELECT ?1, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
           json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), ?4
         FROM json_each(?5) j WHERE ${guard}`,
        now,
        chunk,
      ),
    );
  for (const chunk of jsonChunks(graph.dropEdges))
    statements.push(
      bind(
        `DELETE FROM share_edges WHERE share_id = ?1 AND ${guard}
         AND from_entity || ':' || from_id || '>' || to_entity || ':' || to_id
           IN (SELECT value FROM json_each(?4))`,
        chunk,
      ),
    );
  const purgeBefore = now - TOMBSTONE_HORIZON_MS;
  statements.push(
    bind(
      `UPDATE shares SET horizon_seq = max(horizon_seq, coalesce((SELECT max(seq)
         FROM share_updates WHERE share_id = ?1 AND op = 'leave' AND changed_at < ?4), 0))
       WHERE id = ?1 AND ${guard}`,
      purgeBefore,
    ),
    bind(
      `DELETE FROM share_updates WHERE share_id = ?1 AND op = 'leave' AND changed_at < ?4
       AND ${guard}`,
      purgeBefore,
    ),
    // Last: it moves what the guard reads. `updated_at` strictly grows, so a refresh that read the
    // share before this one landed is refused even when both planned no new seq.
    bind(
      `UPDATE shares SET last_seq = ?4, source_at = ?5, updated_at = max(?6, updated_at + 1)
       WHERE id = ?1 AND last_seq = ?2 AND updated_at = ?3`,
      lastSeq + plan.length,
      sourceAt,
      now,
    ),
  );
  const results = await d1.batch(statements);
  return (results.at(-1)?.meta.changes ?? 0) > 0;
}

/** The time the project's document was last exported to D1 (0: never). */
async function exportedAt(d1: D1Database, projectId: string): Promise<number> {
  const row = await d1
    .prepare('SELECT updated_at FROM project_summaries WHERE project_id = ?')
    .bind(projectId)
    .first<{ updated_at: number }>();
  return row?.updated_at ?? 0;
}

/**
 * Brings the log and DAG of the project's shares (all that are not revoked, or only `shareId`) up
 * to the project's D1 copies. Called where those change — the ProjectDoc's export alarm and PDF
 * writes — so a pull only reads the log. The export time is read before the copies, so a refresh
 * never records a newer export than the one it read.
 */
export async function refreshProjectShares(
  env: ShareEnv,
  projectId: string,
  shareId?: string,
): Promise<void> {
  const rows = await env.DB.prepare(
    `SELECT id FROM shares WHERE project_id = ?1 AND revoked_at IS NULL AND (?2 IS NULL OR id = ?2)
     ORDER BY id`,
  )
    .bind(projectId, shareId ?? null)
    .all<{ id: string }>();
  if (rows.results.length === 0) return;
  const sourceAt = await exportedAt(env.DB, projectId);
  const source = await loadSource(env, projectId);
  for (const { id } of rows.results)
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++)
      if (await refreshShare(env.DB, id, source, sourceAt, Date.now())) break;
}

/**
 * `refreshProjectShares` after a write that already happened (an export, a PDF change): a failure
 * must not fail the write. It is logged and the shares marked as owing a refresh (`source_at`
 * null), which their next pull does (`ensureShareFresh`).
 */
export async function refreshSharesAfterWrite(env: ShareEnv, projectId: string): Promise<void> {
  try {
    await refreshProjectShares(env, projectId);
  } catch (e) {
    console.error('share refresh failed', projectId, e);
    await env.DB.prepare('UPDATE shares SET source_at = NULL WHERE project_id = ?')
      .bind(projectId)
      .run()
      .catch(() => undefined);
  }
}

/**
 * The fallback at a pull, one cheap read: refreshes the share only when its log is owed a refresh
 * (never refreshed, or a refresh after a write failed) or the project's export is newer than what
 * the log was made from (an export whose refresh did not run).
 */
export async function ensureShareFresh(
  env: ShareEnv,
  share: { id: string; projectId: string },
): Promise<void> {
  const row = await env.DB.prepare(
    `SELECT s.source_at, coalesce(p.updated_at, 0) AS export_at FROM shares s
     LEFT JOIN project_summaries p ON p.project_id = s.project_id WHERE s.id = ?`,
  )
    .bind(share.id)
    .first<{ source_at: number | null; export_at: number }>();
  if (row && row.source_at !== null && row.export_at <= row.source_at) return;
  await refreshProjectShares(env, share.projectId, share.id);
}

/**
 * A page of the share's changes after `since` (DESIGN.md "Federation"). A `since` below the
 * tombstone horizon (the subscriber may have missed a purged leave) or above the last seq (the
 * publisher's log is not the one it pulled from) is 409 MUST_REFETCH. From 0 the page holds no
 * tombstones: a subscriber starting afresh has nothing to remove. A `since` that continues a read
 * from 0 (`refetch`) is not checked against the horizon: the copy it builds holds only what that
 * read brought, and every leave after its first page is still in the log (a leave is purged once
 * 30 days old; the subscriber restarts a read from 0 begun 7.5 days ago: REFETCH_MAX_AGE_MS).
 */
export async function readSharePage(
  d1: D1Database,
  shareId: string,
  since: number,
  limit: number,
  refetch = false,
): Promise<ShareChanges> {
  const seqs = await d1
    .prepare('SELECT last_seq, horizon_seq FROM shares WHERE id = ?')
    .bind(shareId)
    .first<{ last_seq: number; horizon_seq: number }>();
  const lastSeq = seqs?.last_seq ?? 0;
  if (since > lastSeq || (since > 0 && !refetch && since < (seqs?.horizon_seq ?? 0)))
    throw new AppError('MUST_REFETCH', 'read the share again from the start (since=0)', {
      horizon: seqs?.horizon_seq ?? 0,
      lastSeq,
    });
  const rows = await d1
    .prepare(
      `SELECT seq, entity, entity_id, op, row FROM share_updates
       WHERE share_id = ? AND seq > ? AND (? > 0 OR op = 'upsert') ORDER BY seq LIMIT ?`,
    )
    .bind(shareId, since, since, limit + 1)
    .all<{ seq: number; entity: string; entity_id: string; op: string; row: string | null }>();
  const page = rows.results.slice(0, limit);
  const hasMore = rows.results.length > limit;
  const changes = page.map((r) =>
    // Parsed (not cast) so the page answers exactly the wire schema, whatever an older row holds.
    shareChangeSchema.parse({
      seq: r.seq,
      entity: r.entity,
      id: r.entity_id,
      op: r.op,
      ...(r.row === null ? {} : { row: JSON.parse(r.row) as unknown }),
    }),
  );
  // A page that reaches the log's end checkpoints at the last seq: what lies between its last
  // row and it is gone from the log (leaves skipped from 0, purged ones). Short of it, a refetch
  // whose last row sits below the horizon would be answered MUST_REFETCH again, every pull.
  const checkpoint = hasMore ? page.at(-1)!.seq : Math.max(page.at(-1)?.seq ?? 0, lastSeq);
  return {
    schemaVersion: SCHEMA_VERSION,
    changes,
    checkpoint,
    hasMore,
    // The subscriber's lag is counted from it. A write between the two reads above can put rows
    // past the `last_seq` read first: the page's own rows are never counted as still to come.
    lastSeq: Math.max(lastSeq, checkpoint),
  };
}
