import { readProjectDoc } from '@corates/shared/doc';
import { SCHEMA_VERSION, shareChangeSchema, type ShareChanges } from '@corates/shared';
import type { Database } from '../db/client.ts';
import type { shares } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { storedContents, storedDoc } from '../domain/stored-project.ts';
import { studyIdsOf } from './shares.ts';
import { planShareUpdates, recordKey, shareRecords, type LoggedRecord } from './share-content.ts';

type Share = typeof shares.$inferSelect;

/** How long a tombstone is kept: a subscriber that has not pulled for longer must refetch. */
export const TOMBSTONE_HORIZON_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Brings the share's log (`share_updates`) up to what the share covers now, read from the D1
 * copies the project's ProjectDoc exports (so within about 2 s of an edit). Every write is guarded
 * on the share's `last_seq` still being the one read: when two pulls refresh at once, one batch
 * lands and the other writes nothing (both planned the same changes). Tombstones older than
 * TOMBSTONE_HORIZON_MS are purged and the horizon raised past them, in the same batch.
 */
export async function refreshShareUpdates(
  db: Database,
  d1: D1Database,
  share: Share,
  now: Date,
): Promise<void> {
  const studyIds = share.scope === 'project' ? null : new Set(await studyIdsOf(db, share.id));
  const [doc, contents, logged, seqRow] = await Promise.all([
    storedDoc(d1, share.projectId),
    storedContents(d1, share.projectId),
    d1
      .prepare('SELECT entity, entity_id, op, row FROM share_updates WHERE share_id = ?')
      .bind(share.id)
      .all<{ entity: 'study' | 'checklist'; entity_id: string } & LoggedRecord>(),
    d1
      .prepare('SELECT last_seq FROM shares WHERE id = ?')
      .bind(share.id)
      .first<{ last_seq: number }>(),
  ]);
  const lastSeq = seqRow?.last_seq ?? 0;
  const byKey = new Map<string, LoggedRecord>(
    logged.results.map((r) => [recordKey(r.entity, r.entity_id), { op: r.op, row: r.row }]),
  );
  const plan = planShareUpdates(byKey, shareRecords(readProjectDoc(doc), contents, studyIds));
  const at = now.getTime();
  const purgeBefore = at - TOMBSTONE_HORIZON_MS;
  const writes = plan.map((u, i) =>
    d1
      .prepare(
        `INSERT INTO share_updates (share_id, entity, entity_id, seq, op, row, changed_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE (SELECT last_seq FROM shares WHERE id = ?1) = ?8
         ON CONFLICT (share_id, entity, entity_id)
         DO UPDATE SET seq = excluded.seq, op = excluded.op, row = excluded.row,
           changed_at = excluded.changed_at`,
      )
      .bind(share.id, u.entity, u.id, lastSeq + i + 1, u.op, u.row, at, lastSeq),
  );
  await d1.batch([
    ...writes,
    d1
      .prepare(
        `UPDATE shares SET horizon_seq = max(horizon_seq, coalesce((SELECT max(seq)
           FROM share_updates WHERE share_id = ?1 AND op = 'leave' AND changed_at < ?2), 0))
         WHERE id = ?1`,
      )
      .bind(share.id, purgeBefore),
    d1
      .prepare(`DELETE FROM share_updates WHERE share_id = ? AND op = 'leave' AND changed_at < ?`)
      .bind(share.id, purgeBefore),
    d1
      .prepare('UPDATE shares SET last_seq = ?, updated_at = ? WHERE id = ? AND last_seq = ?')
      .bind(lastSeq + plan.length, at, share.id, lastSeq),
  ]);
}

/**
 * A page of the share's changes after `since` (DESIGN.md "Federation"). A `since` below the
 * tombstone horizon (the subscriber may have missed a purged leave) or above the last seq (the
 * publisher's log is not the one it pulled from) is 409 MUST_REFETCH. From 0 the page holds no
 * tombstones: a subscriber starting afresh has nothing to remove.
 */
export async function readSharePage(
  d1: D1Database,
  shareId: string,
  since: number,
  limit: number,
): Promise<ShareChanges> {
  const seqs = await d1
    .prepare('SELECT last_seq, horizon_seq FROM shares WHERE id = ?')
    .bind(shareId)
    .first<{ last_seq: number; horizon_seq: number }>();
  const lastSeq = seqs?.last_seq ?? 0;
  if (since > lastSeq || (since > 0 && since < (seqs?.horizon_seq ?? 0)))
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
  return {
    schemaVersion: SCHEMA_VERSION,
    changes,
    checkpoint: page.at(-1)?.seq ?? lastSeq,
    hasMore: rows.results.length > limit,
  };
}
