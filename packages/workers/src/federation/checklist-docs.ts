import type { ShareChange, ShareChanges } from '@corates/shared';
import type { Bindings } from '../env.ts';
import { projectDoc } from '../durable/project-doc-stub.ts';
import { toBase64 } from '../lib/base64.ts';
import type { DocAnswer } from './checklist-updates.ts';
import {
  acknowledge,
  afterSending,
  baseVector,
  EMPTY_VECTOR,
  type DocDelivery,
} from './doc-deliveries.ts';

/**
 * Checklist documents in a page of a share's changes (docs/federation.md "Checklist documents"):
 * each checklist upsert whose content may go carries `docUpdate`, a Yjs update against the state
 * vector the subscriber holds, so a large document costs only its diff.
 */

/**
 * Update bytes one page carries at most: the page ends after the checklist that passes it. Its
 * base64 (4/3) stays well below what a subscriber reads of a page (peer-fetch.ts, 8 MiB).
 */
export const PAGE_DOC_BYTES = 4 * 1024 * 1024;

/** D1 answers a BLOB as an array of byte values. */
interface DeliveryRow {
  checklist_id: string;
  acked: number[] | null;
  sent_seq: number | null;
  sent: number[] | null;
  token: string;
}

const bytes = (b: number[] | null) => (b === null ? null : new Uint8Array(b));
/** D1 binds an ArrayBuffer as a BLOB (a copy: a view's buffer may hold more than the view). */
const blob = (b: Uint8Array | null) => (b === null ? null : b.slice().buffer);

/**
 * Adds `docUpdate` to the page's checklist upserts and records, per (subscriber, checklist), what
 * was sent (`share_doc_deliveries`, the rules in doc-deliveries.ts). A checklist goes with its
 * document only when both the log (D1's copy: the logged row's content is not null) and the
 * ProjectDoc's live document allow it; otherwise without, which tells the subscriber to drop what it
 * held. May end the page early (PAGE_DOC_BYTES): then `checkpoint` is the last change kept and
 * `hasMore` is true.
 *
 * Every write to a delivery row is guarded on the token read with it and followed by the deletion
 * of the row if the guard failed: two requests of one subscriber at once leave either one's row or
 * none — a missing row sends the whole document next time, never too little.
 */
export async function attachDocUpdates(
  env: Pick<Bindings, 'DB' | 'PROJECT_DOC'>,
  share: { id: string; projectId: string },
  subscriberId: string,
  since: number,
  page: ShareChanges,
  budgetBytes = PAGE_DOC_BYTES,
): Promise<ShareChanges> {
  const d1 = env.DB;
  const upserts = page.changes
    .filter((c) => c.entity === 'checklist' && c.op === 'upsert')
    .map((c) => c.id);
  const ids = JSON.stringify(upserts);
  const [readableRows, deliveryRows] =
    upserts.length === 0
      ? [[], []]
      : await Promise.all([
          d1
            .prepare(
              `SELECT entity_id FROM share_updates WHERE share_id = ? AND entity = 'checklist'
                 AND entity_id IN (SELECT value FROM json_each(?))
                 AND json_extract(row, '$.content') IS NOT NULL`,
            )
            .bind(share.id, ids)
            .all<{ entity_id: string }>()
            .then((r) => r.results),
          d1
            .prepare(
              `SELECT checklist_id, acked, sent_seq, sent, token FROM share_doc_deliveries
               WHERE subscriber_id = ? AND checklist_id IN (SELECT value FROM json_each(?))`,
            )
            .bind(subscriberId, ids)
            .all<DeliveryRow>()
            .then((r) => r.results),
        ]);
  const readable = new Set(readableRows.map((r) => r.entity_id));
  const held = new Map<string, { delivery: DocDelivery; token: string }>(
    deliveryRows.map((r) => [
      r.checklist_id,
      {
        delivery: {
          acked: bytes(r.acked),
          sent:
            r.sent_seq === null || r.sent === null
              ? null
              : { seq: r.sent_seq, vector: new Uint8Array(r.sent) },
        },
        token: r.token,
      },
    ]),
  );
  const known = new Map(
    upserts
      .filter((id) => readable.has(id))
      .map((id) => [id, acknowledge(held.get(id)?.delivery, since)] as const),
  );
  const answers = new Map<string, DocAnswer>();
  if (known.size > 0) {
    const wanted = [...known].map(([checklistId, k]) => ({
      checklistId,
      stateVector: baseVector(k),
    }));
    const got = await projectDoc(env as Bindings, share.projectId).federatedChecklistUpdates(
      share.projectId,
      wanted,
      budgetBytes,
    );
    for (const a of got) answers.set(a.checklistId, a);
  }

  const kept: ShareChange[] = [];
  const statements: D1PreparedStatement[] = [];
  const carried: string[] = [];
  const dropped: string[] = [];
  // One token for every row this answer writes: a row holding another after the batch lost a race.
  const token = crypto.randomUUID();
  let cut = false;
  for (const c of page.changes) {
    if (c.entity !== 'checklist') {
      kept.push(c);
      continue;
    }
    const k = known.get(c.id);
    const answer = answers.get(c.id);
    if (c.op === 'upsert' && k && !answer) {
      cut = true; // past the page's update bytes: this one and the rest come with the next page
      break;
    }
    if (c.op === 'upsert' && k && answer && !answer.withheld) {
      kept.push({ ...c, docUpdate: toBase64(answer.update) });
      carried.push(c.id);
      const next = afterSending(k, c.seq, answer.stateVector);
      statements.push(writeDelivery(d1, subscriberId, c.id, held.get(c.id)?.token, next, token));
      continue;
    }
    // Withheld now, or left the share: the subscriber drops its copy, so nothing is held.
    kept.push(c);
    dropped.push(c.id);
  }
  const checkpoint = cut ? kept.at(-1)!.seq : page.checkpoint;
  statements.push(
    // A written row whose guard failed (another request of the subscriber wrote it meanwhile) is
    // deleted: the next update is then the whole document, never too little.
    d1
      .prepare(
        `DELETE FROM share_doc_deliveries WHERE subscriber_id = ?1
           AND ((checklist_id IN (SELECT value FROM json_each(?2)) AND token != ?3)
             OR checklist_id IN (SELECT value FROM json_each(?4)))`,
      )
      .bind(subscriberId, JSON.stringify(carried), token, JSON.stringify(dropped)),
    // doc-deliveries.ts `passedOver`, for every other row of the subscriber at once: a send this
    // answer covers without carrying its checklist no longer counts; from 0 nothing is held, and a
    // send still unacknowledged counts for nothing.
    d1
      .prepare(
        `UPDATE share_doc_deliveries
         SET acked = NULL, sent = CASE WHEN sent_seq IS NULL THEN NULL ELSE ?4 END, token = ?5
         WHERE subscriber_id = ?1 AND ?2 = 0
           AND checklist_id NOT IN (SELECT value FROM json_each(?3))`,
      )
      .bind(subscriberId, since, JSON.stringify(carried), blob(EMPTY_VECTOR), crypto.randomUUID()),
    d1
      .prepare(
        `UPDATE share_doc_deliveries SET sent = NULL, sent_seq = NULL, token = ?5
         WHERE subscriber_id = ?1 AND sent_seq > ?2 AND sent_seq <= ?3
           AND checklist_id NOT IN (SELECT value FROM json_each(?4))`,
      )
      .bind(subscriberId, since, checkpoint, JSON.stringify(carried), crypto.randomUUID()),
  );
  await d1.batch(statements);
  return {
    ...page,
    changes: kept,
    checkpoint,
    hasMore: page.hasMore || cut,
  };
}

/**
 * Writes a delivery row if it is still the one read (`readToken`; absent: no row was read), with
 * this answer's `token`; the batch then deletes the row if it holds another (see above).
 */
function writeDelivery(
  d1: D1Database,
  subscriberId: string,
  checklistId: string,
  readToken: string | undefined,
  next: DocDelivery,
  token: string,
): D1PreparedStatement {
  const values = [
    blob(next.acked),
    next.sent?.seq ?? null,
    blob(next.sent?.vector ?? null),
    token,
  ] as const;
  return readToken === undefined
    ? d1
        .prepare(
          `INSERT INTO share_doc_deliveries (subscriber_id, checklist_id, acked, sent_seq, sent, token)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .bind(subscriberId, checklistId, ...values)
    : d1
        .prepare(
          `UPDATE share_doc_deliveries SET acked = ?3, sent_seq = ?4, sent = ?5, token = ?6
           WHERE subscriber_id = ?1 AND checklist_id = ?2 AND token = ?7`,
        )
        .bind(subscriberId, checklistId, ...values, readToken);
}
