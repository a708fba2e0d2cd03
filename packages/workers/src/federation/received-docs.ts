import * as Y from 'yjs';
import type { ShareChange } from '@corates/shared';
import { readChecklistContent, type ChecklistContent } from '@corates/shared/doc';
import { fromBase64 } from '../lib/base64.ts';

/**
 * The subscriber's copies of the share's checklist documents (docs/federation.md "Checklist
 * documents"): one Yjs state per checklist whose content the publisher sent, in
 * `received_checklist_docs`, chunked below D1's 2 MB value limit. A checklist whose content is
 * withheld (or that left the share) has none.
 */

/** D1 values are capped at 2 MB; chunks stay well below. */
const CHUNK_BYTES = 512 * 1024;

/**
 * The cursor guard every write of a page carries (pull.ts applyPage binds ?1 id, ?2 the cursor the
 * page was asked at: a read from 0 under way moves `refetch_cursor`, otherwise `cursor`).
 */
export const PAGE_GUARD =
  '(SELECT coalesce(refetch_cursor, cursor) FROM subscriptions WHERE id = ?1) = ?2';

/**
 * Where a page's checklist states go: the held copy, or the copy a read from 0 builds beside it
 * until its last page swaps it in (pull.ts).
 */
export type DocsTable = 'received_checklist_docs' | 'refetch_checklist_docs';

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** The held states of a subscription's checklists (all, or those of `ids`), each a full update. */
async function readStates(
  d1: D1Database,
  subscriptionId: string,
  ids?: readonly string[],
  table: DocsTable = 'received_checklist_docs',
): Promise<Map<string, Uint8Array>> {
  const rows = await d1
    .prepare(
      `SELECT checklist_id, data FROM ${table} WHERE subscription_id = ?1
       AND (?2 IS NULL OR checklist_id IN (SELECT value FROM json_each(?2)))
       ORDER BY checklist_id, idx`,
    )
    .bind(subscriptionId, ids === undefined ? null : JSON.stringify(ids))
    // D1 answers a BLOB as an array of byte values.
    .all<{ checklist_id: string; data: ArrayLike<number> }>();
  const parts = new Map<string, Uint8Array[]>();
  for (const r of rows.results) {
    const list = parts.get(r.checklist_id) ?? [];
    list.push(new Uint8Array(r.data as ArrayLike<number>));
    parts.set(r.checklist_id, list);
  }
  return new Map([...parts].map(([id, p]) => [id, joined(p)]));
}

/**
 * A received checklist's Yjs state (a full update: apply it to a fresh Y.Doc), or null when this
 * server holds none (never sent, withheld, or no longer shared). For the mirror project.
 */
export async function receivedChecklistState(
  d1: D1Database,
  subscriptionId: string,
  checklistId: string,
): Promise<Uint8Array | null> {
  return (await readStates(d1, subscriptionId, [checklistId])).get(checklistId) ?? null;
}

/**
 * Each held checklist's content (of all, or of those in `ids`), read from its state by the shared
 * document reader.
 */
export async function receivedContents(
  d1: D1Database,
  subscriptionId: string,
  ids?: readonly string[],
): Promise<Map<string, ChecklistContent>> {
  const out = new Map<string, ChecklistContent>();
  for (const [id, state] of await readStates(d1, subscriptionId, ids)) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    out.set(id, readChecklistContent(doc));
  }
  return out;
}

/** A page's checklist documents could not be applied: an update that is not one. */
export class BadDocUpdate extends Error {}

/**
 * The writes that bring the held checklist states in line with a page, for applyPage's batch
 * (each guarded on the cursor, as the rest of it): a `docUpdate` is applied to the state held
 * (nothing from `since = 0`, where the batch replaces everything), an upsert without one or a
 * leave drops the state. Applying an update twice changes nothing (Yjs updates are idempotent), so
 * a page repeated after a crash converges. Throws BadDocUpdate for an update that does not apply.
 * `table`: the held copy, or the one a read from 0 under way builds.
 */
export async function receivedDocStatements(
  d1: D1Database,
  subscriptionId: string,
  expected: number,
  since: number,
  changes: readonly ShareChange[],
  table: DocsTable = 'received_checklist_docs',
): Promise<D1PreparedStatement[]> {
  const updates = changes.flatMap((c) =>
    c.entity === 'checklist' && c.op === 'upsert' && c.docUpdate !== undefined
      ? [{ id: c.id, update: c.docUpdate }]
      : [],
  );
  const held =
    since === 0 || updates.length === 0
      ? new Map<string, Uint8Array>()
      : await readStates(
          d1,
          subscriptionId,
          updates.map((u) => u.id),
          table,
        );
  const stmts: D1PreparedStatement[] = [];
  const states = new Map<string, Uint8Array>();
  for (const { id, update } of updates) {
    const doc = new Y.Doc();
    try {
      const before = held.get(id);
      if (before) Y.applyUpdate(doc, before);
      Y.applyUpdate(doc, fromBase64(update));
    } catch (err) {
      throw new BadDocUpdate(
        `checklist ${id}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    states.set(id, Y.encodeStateAsUpdate(doc));
  }
  // What the page replaces or drops goes first, in one statement (from 0: everything held).
  const replaced = changes.flatMap((c) => (c.entity === 'checklist' ? [c.id] : []));
  stmts.push(
    d1
      .prepare(
        `DELETE FROM ${table} WHERE subscription_id = ?1 AND ${PAGE_GUARD}
           AND (?3 = 0 OR checklist_id IN (SELECT value FROM json_each(?4)))`,
      )
      .bind(subscriptionId, expected, since, JSON.stringify(replaced)),
  );
  for (const c of changes) {
    if (c.entity !== 'checklist') continue;
    const state = states.get(c.id);
    if (state === undefined) continue;
    for (let i = 0, idx = 0; i < state.byteLength; i += CHUNK_BYTES, idx++)
      stmts.push(
        d1
          .prepare(
            `INSERT INTO ${table} (subscription_id, checklist_id, idx, data)
             SELECT ?1, ?3, ?4, ?5 WHERE ${PAGE_GUARD}`,
          )
          .bind(subscriptionId, expected, c.id, idx, state.slice(i, i + CHUNK_BYTES).buffer),
      );
  }
  return stmts;
}
