import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acknowledge,
  afterSending,
  baseVector,
  lowerVector,
  passedOver,
} from './doc-deliveries.ts';
import type { DocDelivery } from './doc-deliveries.ts';

const sv = (entries: [number, number][]) => Y.encodeStateVector(new Map(entries));
const decoded = (v: Uint8Array | null | undefined) =>
  v ? [...Y.decodeStateVector(v)].sort(([a], [b]) => a - b) : v;

describe('the state vector a checklist update is encoded against', () => {
  it('starts from nothing for a subscriber never sent anything, and at since=0 whatever was sent', () => {
    expect(decoded(baseVector(acknowledge(undefined, 7)))).toEqual([]);
    const held = { acked: sv([[1, 5]]), sent: { seq: 3, vector: sv([[1, 9]]) } };
    expect(decoded(baseVector(acknowledge(held, 0)))).toEqual([]);
    // A send not yet acknowledged is kept to be merged: another answer from 0 may be the one applied.
    expect(acknowledge(held, 0).sent?.seq).toBe(3);
  });

  it('drops a send an answer covers without carrying its checklist; from 0 nothing counts', () => {
    const held = { acked: sv([[1, 5]]), sent: { seq: 12, vector: sv([[1, 9]]) } };
    expect(passedOver(held, 10, 12)).toEqual({ acked: held.acked, sent: null });
    expect(passedOver(held, 10, 11)).toEqual(held);
    // An answer from 0 without it leaves the subscriber nothing of it; the send is kept to be
    // merged (another answer from 0 may be the one applied), counting for nothing.
    const fromZero = passedOver(held, 0, 11);
    expect([fromZero.acked, fromZero.sent?.seq, decoded(fromZero.sent?.vector)]).toEqual([
      null,
      12,
      [],
    ]);
  });

  it('counts an update as arrived once the subscriber asks since its change (or later)', () => {
    const held = { acked: sv([[1, 5]]), sent: { seq: 12, vector: sv([[1, 9]]) } };
    expect(decoded(baseVector(acknowledge(held, 12)))).toEqual([[1, 9]]);
    expect(decoded(baseVector(acknowledge(held, 40)))).toEqual([[1, 9]]);
    expect(acknowledge(held, 40).sent).toBeNull();
  });

  it('answers a repeated page (asked again since before the change) against what was acknowledged', () => {
    const held = { acked: sv([[1, 5]]), sent: { seq: 12, vector: sv([[1, 9]]) } };
    const known = acknowledge(held, 11);
    expect(decoded(baseVector(known))).toEqual([[1, 5]]);
    // Sent again, now further on: which of the two arrived is unknown, so only what both carried
    // counts once acknowledged.
    const again = afterSending(
      known,
      15,
      sv([
        [1, 11],
        [2, 3],
      ]),
    );
    expect(again.sent?.seq).toBe(15);
    expect(decoded(again.sent?.vector)).toEqual([[1, 9]]);
    expect(decoded(baseVector(acknowledge(again, 12)))).toEqual([[1, 5]]);
    expect(decoded(baseVector(acknowledge(again, 15)))).toEqual([[1, 9]]);
  });

  it('replaces an acknowledged send by the next one', () => {
    const known = acknowledge({ acked: null, sent: { seq: 2, vector: sv([[1, 4]]) } }, 2);
    const next = afterSending(known, 9, sv([[1, 6]]));
    expect([decoded(next.acked), next.sent?.seq, decoded(next.sent?.vector)]).toEqual([
      [[1, 4]],
      9,
      [[1, 6]],
    ]);
  });

  it('never counts more than the subscriber surely holds, whatever answers are lost, repeated or applied out of turn', () => {
    // One checklist among other records of a share, against a subscriber's pulls. The checklist's
    // document grows; its change moves to a new seq when the log catches up (`logged`), so two
    // answers may carry different updates under one seq. Each answer covers (since, checkpoint]
    // (`cut`: pages end early), is asked from the cursor or from 0 (a refetch), and is lost (a crash
    // before the cursor is written), applied, or set aside while an earlier answer to the same
    // cursor is applied instead (two pulls at once). Whenever the checklist goes out, the vector it
    // is diffed against is at most what the subscriber holds, so nothing is missed.
    const arb = fc.array(
      fc.record({
        fate: fc.constantFrom('lost', 'applied', 'earlier'),
        grow: fc.nat(3),
        logged: fc.boolean(),
        other: fc.boolean(),
        refetch: fc.boolean(),
        cut: fc.nat(3),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (pulls) => {
        let clock = 0;
        let lastSeq = 1;
        let checklistSeq = 1;
        let cursor = 0;
        let held: DocDelivery | undefined;
        let subscriberHas = 0;
        // Answers not applied: the cursor they were asked at, their checkpoint, what they carried.
        let pending: { expected: number; since: number; checkpoint: number; clock?: number }[] = [];
        for (const p of pulls) {
          clock += p.grow;
          if (p.logged) checklistSeq = ++lastSeq;
          if (p.other) ++lastSeq;
          const since = p.refetch ? 0 : cursor;
          const checkpoint = Math.min(lastSeq, since + 1 + p.cut);
          const carried = checklistSeq > since && checklistSeq <= checkpoint;
          const answer: (typeof pending)[number] = { expected: cursor, since, checkpoint };
          if (carried) {
            const known = acknowledge(held, since);
            const base = Y.decodeStateVector(baseVector(known)).get(1) ?? 0;
            expect(base).toBeLessThanOrEqual(since === 0 ? 0 : subscriberHas);
            held = afterSending(known, checklistSeq, sv(clock > 0 ? [[1, clock]] : []));
            answer.clock = clock;
          } else if (held) held = passedOver(held, since, checkpoint);
          pending.push(answer);
          // Two pulls at once ask the same thing from the same cursor (after MUST_REFETCH both
          // ask from 0); the subscriber applies only an answer to a request it still awaits.
          const applied =
            p.fate === 'applied'
              ? pending.at(-1)
              : p.fate === 'earlier'
                ? pending.find((a) => a.expected === cursor && a.since === since)
                : undefined;
          // The subscriber applies an answer only while its cursor is the one it asked at.
          if (applied && applied.expected === cursor) {
            if (applied.since === 0) subscriberHas = 0;
            if (applied.clock !== undefined) subscriberHas = Math.max(subscriberHas, applied.clock);
            cursor = applied.checkpoint;
            pending = [];
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('lowerVector keeps per client the lower clock, and only clients both have', () => {
    expect(
      decoded(
        lowerVector(
          sv([
            [1, 4],
            [2, 7],
            [3, 1],
          ]),
          sv([
            [1, 6],
            [2, 2],
          ]),
        ),
      ),
    ).toEqual([
      [1, 4],
      [2, 2],
    ]);
  });
});
