import { describe, expect, it } from 'vitest';
import type { Decision } from './decision.ts';
import { rob2Definition } from './rob2.ts';
import { rob2DomainJudgement, rob2JudgementSchema } from './rob2-scoring.ts';
import { robinsIDefinition } from './robins-i.ts';
import { robinsIDomainJudgement, robinsIJudgementSchema } from './robins-i-scoring.ts';
import type { ChecklistAnswers, ChecklistDefinition, ChecklistItem } from './types.ts';

/**
 * Property: making one answer worse never improves a domain's judgement. "Worse" is a rank per
 * question, given only where the tool implies an order (e.g. "outcome assessors aware?" N < NI < Y);
 * questions that only pick a path (ROBINS-I 4.4 complete-case analysis?, 4.7 imputation?, 4.8
 * MAR?) have no rank, and neither do pairs the tool leaves unordered (ROBINS-I 3.3 NI vs Y; 1a's
 * 1.1 SN/NI, which skips 1.2 and 1.3 and so ends at Serious where over-adjustment with poorly
 * measured confounders is Critical [RI-D1a-13]). Equal ranks mean the answers must give the same
 * judgement.
 */

/** `'Y PY:0 N PN NI:1'` → { Y: 0, PY: 0, N: 1, PN: 1, NI: 1 }. */
function ranks(spec: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const group of spec.split(/(?<=:\d+)\s+/)) {
    const [codes, rank] = group.split(':');
    for (const code of codes!.trim().split(/\s+/)) out[code] = Number(rank);
  }
  return out;
}

type Orders = Record<string, Record<string, string>>;

const ROBINS_I_ORDERS: Orders = {
  d1a: {
    // 1.1 WN and 1.2 WN are a step worse than Y/PY in the 20 November 2025 release ([RI-D1a-WN],
    // [RI-D1a-12WN]); they used to rank with Y/PY.
    '1.1': 'Y PY:0 WN:1',
    '1.2': 'Y PY:0 WN:1 SN NI NA:2',
    '1.3': 'N PN NI NA:0 Y PY:1',
    '1.4': 'N PN:0 Y PY:1',
  },
  d1b: {
    '1.1': 'Y PY:0 N PN NI:1',
    '1.2': 'Y PY:0 WN:1 SN NI NA:2',
    '1.3': 'Y PY:0 WN:1 SN NI NA:2',
    '1.4': 'N PN NI NA:0 Y PY:1',
    '1.5': 'N PN:0 Y PY:1',
  },
  d2: {
    '2.1': 'Y PY:0 N PN NI:1',
    '2.2': 'Y PY:0 N PN NI NA:1',
    // After 2.3 WY/NI, 2.4 SY is Critical at once, after 2.3 SY it is not ([RI-D2-24SY]).
    '2.3': 'SY:0 WY NI NA:1 N PN:2',
    '2.4': 'N PN:0 WY NI:1 SY:2',
    '2.5': 'N PN:0 Y PY NI:1',
  },
  d3: {
    '3.1': 'Y PY:0 WN NI:1 SN:2',
    '3.2': 'N PN NI NA:0 Y PY:1',
    '3.3': 'N PN:0 Y PY:1',
    '3.4': 'N PN:0 Y PY:1',
    '3.5': 'N PN NI NA:0 Y PY:1',
    '3.6': 'Y PY:0 N PN NI NA:1',
    '3.7': 'Y PY:0 N PN NI NA:1',
    '3.8': 'N PN NI NA:0 Y PY:1',
  },
  d4: {
    '4.1': 'Y PY:0 N PN NI:1',
    '4.2': 'Y PY:0 N PN NI:1',
    '4.3': 'Y PY:0 N PN NI:1',
    '4.5': 'N PN:0 Y PY NI NA:1',
    '4.6': 'Y PY WN NI NA:0 SN:1',
    '4.9': 'Y PY:0 WN NI NA:1 SN:2',
    '4.10': 'Y PY:0 WN NI NA:1 SN:2',
    '4.11': 'Y PY:0 N PN NA:1',
  },
  d5: {
    '5.1': 'N PN:0 NI:1 Y PY:2',
    '5.2': 'N PN:0 Y PY NI:1',
    '5.3': 'N PN:0 WY NI NA:1 SY:2',
  },
  d6: {
    '6.1': 'Y PY:0 N PN NI:1',
    '6.2': 'N PN:0 NI:1 Y PY:2',
    '6.3': 'N PN:0 NI:1 Y PY:2',
    '6.4': 'N PN:0 NI:1 Y PY:2',
  },
};

const ROB2_ORDERS: Orders = {
  d1: { '1.1': 'Y PY NI:0 N PN:1', '1.2': 'Y PY:0 NI:1 N PN:2', '1.3': 'N PN NI:0 Y PY:1' },
  d2a: {
    '2.1': 'N PN:0 Y PY NI:1',
    '2.2': 'N PN:0 Y PY NI:1',
    '2.3': 'N PN:0 NI:1 Y PY:2',
    '2.4': 'N PN:0 Y PY NI:1',
    '2.5': 'Y PY:0 N PN NI:1',
    '2.6': 'Y PY:0 N PN NI:1',
    '2.7': 'N PN:0 Y PY NI:1',
  },
  d2b: {
    '2.1': 'N PN:0 Y PY NI:1',
    '2.2': 'N PN:0 Y PY NI:1',
    '2.3': 'Y PY NA:0 N PN NI:1',
    '2.4': 'N PN NA:0 Y PY NI:1',
    '2.5': 'N PN NA:0 Y PY NI:1',
    '2.6': 'Y PY:0 N PN NI:1',
  },
  d3: {
    '3.1': 'Y PY:0 N PN NI:1',
    '3.2': 'Y PY:0 N PN:1',
    '3.3': 'N PN NA:0 Y PY NI:1',
    '3.4': 'N PN NA:0 Y PY NI:1',
  },
  d4: {
    '4.1': 'N PN NI:0 Y PY:1',
    '4.2': 'N PN:0 NI:1 Y PY:2',
    '4.3': 'N PN:0 Y PY NI:1',
    '4.4': 'N PN:0 Y PY NI:1',
    '4.5': 'N PN:0 Y PY NI:1',
  },
  d5: { '5.1': 'Y PY:0 N PN NI:1', '5.2': 'N PN:0 NI:1 Y PY:2', '5.3': 'N PN:0 NI:1 Y PY:2' },
  // RoB 2 for cluster-randomised trials ([RoB2-C-…]).
  d1a: { '1a.1': 'Y PY NI:0 N PN:1', '1a.2': 'Y PY:0 NI:1 N PN:2', '1a.3': 'N PN NI:0 Y PY:1' },
  d1b: { '1b.1': 'Y PY:0 N PN NI:1', '1b.2': 'N PN:0 NI:1 Y PY:2', '1b.3': 'N PN NI:0 Y PY:1' },
  d2ac: {
    '2.1a': 'N PN:0 Y PY NI:1',
    '2.1b': 'N PN:0 Y PY NI:1',
    '2.2': 'N PN:0 Y PY NI:1',
    '2.3': 'N PN:0 NI:1 Y PY:2',
    '2.4': 'N PN:0 Y PY NI:1',
    '2.5': 'Y PY:0 N PN NI:1',
    '2.6': 'Y PY:0 N PN NI:1',
    '2.7': 'N PN:0 Y PY NI:1',
  },
  d3c: {
    '3.1a': 'Y PY:0 N PN NI:1',
    '3.1b': 'Y PY:0 N PN NI:1',
    '3.2': 'Y PY:0 N PN:1',
    '3.3': 'N PN NA:0 Y PY NI:1',
    '3.4': 'N PN NA:0 Y PY NI:1',
  },
  d4c: {
    '4.1': 'N PN NI:0 Y PY:1',
    '4.2': 'N PN:0 NI:1 Y PY:2',
    '4.3a': 'N PN:0 Y PY NI:1',
    '4.3b': 'N PN:0 Y PY NI:1',
    '4.4': 'N PN:0 Y PY NI:1',
    '4.5': 'N PN:0 Y PY NI:1',
  },
  // The cross-over variant's domain S ([RoB2-X-S-…]).
  ds: { 'S.1': 'Y PY:0 N PN NI:1', 'S.2': 'Y PY:0 N PN NI:1', 'S.3': 'Y PY:0 NI:1 N PN:2' },
};

// A fixed seed keeps the run reproducible; a failure prints the answers that broke the property.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES = 800;

function checkMonotone(
  definition: ChecklistDefinition,
  orders: Orders,
  domainId: string,
  scale: readonly string[],
  judge: (domainId: string, answers: ChecklistAnswers) => Decision<string>,
) {
  {
    const questions = orders[domainId]!;
    const section = definition.sections.find((s) => s.id === domainId)!;
    const items = section.items.filter((i: ChecklistItem) => i.kind === undefined);
    const random = prng(domainId.length * 7919 + domainId.charCodeAt(1));
    let compared = 0;
    for (let n = 0; n < SAMPLES; n++) {
      const answers: Record<string, string> = {};
      for (const item of items) {
        answers[item.id] = item.options[Math.floor(random() * item.options.length)]!.value;
      }
      for (const [number, spec] of Object.entries(questions)) {
        const item = items.find((i) => i.number === number)!;
        const rank = ranks(spec);
        const codes = item.options.map((o) => o.value).filter((c) => c in rank);
        const a = codes[Math.floor(random() * codes.length)]!;
        const b = codes[Math.floor(random() * codes.length)]!;
        const [better, worse] = rank[a]! <= rank[b]! ? [a, b] : [b, a];
        const ja = judge(domainId, { ...answers, [item.id]: better });
        const jb = judge(domainId, { ...answers, [item.id]: worse });
        if (ja.status !== 'judged' || jb.status !== 'judged') continue;
        compared++;
        const ok =
          rank[better] === rank[worse]
            ? jb.judgement === ja.judgement
            : scale.indexOf(jb.judgement) >= scale.indexOf(ja.judgement);
        // Built only on failure: formatting every comparison would dominate the run time.
        if (!ok) {
          const context = `${domainId} ${number}: ${better} → ${worse} with ${JSON.stringify(answers)}`;
          expect({ [better]: ja.judgement, [worse]: jb.judgement }, context).toBe('monotone');
        }
      }
    }
    // Guards against a generator that never produces comparable pairs.
    expect(compared, domainId).toBeGreaterThan(SAMPLES);
  }
}

describe('[MONO] a worse answer never improves a domain judgement', () => {
  it.each(Object.keys(ROBINS_I_ORDERS))('[MONO] ROBINS-I V2 domain %s', (domainId) => {
    checkMonotone(
      robinsIDefinition,
      ROBINS_I_ORDERS,
      domainId,
      robinsIJudgementSchema.options,
      (d, a) => robinsIDomainJudgement(d, a),
    );
  });
  it.each(Object.keys(ROB2_ORDERS))('[MONO] RoB 2 domain %s', (domainId) => {
    checkMonotone(rob2Definition, ROB2_ORDERS, domainId, rob2JudgementSchema.options, (d, a) =>
      rob2DomainJudgement(d, a),
    );
  });
});
