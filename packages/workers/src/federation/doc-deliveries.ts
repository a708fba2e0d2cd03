import * as Y from 'yjs';

/**
 * What the publisher knows of one subscriber's copy of one checklist document (docs/federation.md
 * "Checklist documents"): the state vector the subscriber is known to hold (`acked`), and the
 * state vector of the last update sent that is not known to have arrived (`sent`, with the seq of
 * the change that carried it). One of these per (subscriber, checklist), however many updates go.
 *
 * A pull is a GET, so the subscriber never says what it holds; it says how far it applied the
 * log instead: it moves its cursor only with a page applied, so asking `since` a seq means every
 * change up to it arrived. Yjs updates are idempotent, so sending too much is only wasteful, and
 * every choice here errs that way: never assume the subscriber holds more than it surely does.
 */
export interface DocDelivery {
  /** Encoded state vector (`Y.encodeStateVector`) the subscriber holds; null: nothing. */
  acked: Uint8Array | null;
  sent: { seq: number; vector: Uint8Array } | null;
}

const NOTHING: DocDelivery = { acked: null, sent: null };
/** The state vector of an empty document. */
export const EMPTY_VECTOR = Y.encodeStateVector(new Map());

/**
 * What the subscriber holds when it asks for changes `since` a seq, before this answer: an update
 * sent with a change at or below `since` arrived (acknowledged) — the answer covering that seq
 * carried it, or `passedOver` dropped it; one above `since` may not have (a page repeated after a
 * crash is answered again against what was acknowledged). At `since = 0` (a first pull or a
 * refetch) the subscriber replaces everything it held with this answer, so nothing counts as held;
 * an unacknowledged send is kept, to be merged with this one (two such answers may be in flight).
 */
export function acknowledge(held: DocDelivery | undefined, since: number): DocDelivery {
  if (!held) return NOTHING;
  if (since === 0) return { acked: null, sent: held.sent };
  if (held.sent && held.sent.seq <= since) return { acked: held.sent.vector, sent: null };
  return held;
}

/**
 * For a checklist an answer does not carry, though it covers `(since, checkpoint]` (the checklist
 * changed since, and its change moved beyond the page): a subscriber applying this answer keeps
 * what it held and moves past the seq of an update sent earlier, so that send no longer counts. An
 * answer from 0 leaves the subscriber nothing of the checklist: nothing is acknowledged, and an
 * earlier send is kept (another answer from 0 may be the one applied) but counts for nothing.
 * (Applied to all of a subscriber's other rows in one statement: checklist-docs.ts.)
 */
export function passedOver(held: DocDelivery, since: number, checkpoint: number): DocDelivery {
  if (since === 0)
    return { acked: null, sent: held.sent && { seq: held.sent.seq, vector: EMPTY_VECTOR } };
  const covered = held.sent !== null && held.sent.seq > since && held.sent.seq <= checkpoint;
  return covered ? { acked: held.acked, sent: null } : held;
}

/** The state vector to encode the next update against (`Y.encodeStateAsUpdate(doc, base)`). */
export function baseVector(known: DocDelivery): Uint8Array {
  return known.acked ?? EMPTY_VECTOR;
}

/**
 * After an update bringing the subscriber to `vector` went out with the change at `seq`. When an
 * earlier one is still unacknowledged (a repeated page, or two pulls of the subscriber at once),
 * the subscriber will have applied at most one of them, not knowing which: the acknowledgement then
 * counts only what both carried (the lower vector), and only once the subscriber is past both seqs
 * (the later): past only the earlier, it may have applied an answer carrying neither, or it may
 * still apply the other.
 */
export function afterSending(known: DocDelivery, seq: number, vector: Uint8Array): DocDelivery {
  if (!known.sent) return { acked: known.acked, sent: { seq, vector } };
  return {
    acked: known.acked,
    sent: { seq: Math.max(known.sent.seq, seq), vector: lowerVector(known.sent.vector, vector) },
  };
}

/** Per client the lower clock of two encoded state vectors; a client only one has is left out. */
export function lowerVector(a: Uint8Array, b: Uint8Array): Uint8Array {
  const x = Y.decodeStateVector(a);
  const y = Y.decodeStateVector(b);
  const out = new Map<number, number>();
  for (const [client, clock] of x) {
    const other = y.get(client);
    if (other !== undefined) out.set(client, Math.min(clock, other));
  }
  return Y.encodeStateVector(out);
}
