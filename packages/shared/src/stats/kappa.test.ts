import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Kappa,
  contingencyTable,
  identityWeights,
  kappaOfTable,
  linearWeights,
  pairedAgreement,
} from './kappa.ts';

/** The estimate's figures rounded as the sources print them (4 decimals). */
const printed = (k: Kappa) => {
  if (!k.defined) throw new Error(`kappa undefined: ${k.reason}`);
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  return { value: r(k.value), se: r(k.standardError), ci: k.ci95.map(r) };
};

/** Expands a table of counts back into one (row category, column category) pair per subject. */
const pairsOf = (categories: readonly string[], table: number[][]) =>
  table.flatMap((row, i) =>
    row.flatMap((count, j) =>
      Array.from({ length: count }, () => [categories[i]!, categories[j]!] as const),
    ),
  );

describe('[AGR-K] Cohen’s κ against published worked examples', () => {
  it('[AGR-K1] Cohen (1960; 1968, Table 1): N = 200, pₒ = .70, pₑ = .41 → κ = .492', () => {
    // Three diagnostic categories; the proportions Cohen prints, times N = 200.
    const table = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ];
    const k = kappaOfTable(table, identityWeights(3));
    expect(k.defined && Math.round(k.value * 1000) / 1000).toBe(0.492);
  });

  it('[AGR-K2] Cohen (1968), Table 1 with his disagreement weights 0/1/3/6 → κw = .348', () => {
    // Cohen weighs disagreements v (0, 1, 3, 6); κw is the same with agreement weights 1 − v/6.
    const v = [
      [0, 1, 3],
      [1, 0, 6],
      [3, 6, 0],
    ];
    const table = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ];
    const k = kappaOfTable(
      table,
      v.map((row) => row.map((x) => 1 - x / 6)),
    );
    expect(k.defined && Math.round(k.value * 1000) / 1000).toBe(0.348);
  });

  it('[AGR-K3] SAS/STAT PROC FREQ “Agreement Study” (skin condition, n = 88): κ 0.3449, ASE 0.0724, 95 % CI 0.2030–0.4868', () => {
    // Two dermatologists rate 88 patients terrible / poor / marginal / clear (SAS/STAT User's
    // Guide, The FREQ Procedure, Getting Started: Agreement Study). ASE is the Fleiss–Cohen–Everitt
    // large-sample standard error; the limits are κ ± 1.96 ASE.
    const categories = ['terrible', 'poor', 'marginal', 'clear'];
    const table = [
      [10, 4, 1, 0],
      [5, 10, 12, 2],
      [2, 4, 12, 5],
      [0, 2, 6, 13],
    ];
    const result = pairedAgreement(pairsOf(categories, table), categories, { ordinal: false });
    expect(result.n).toBe(88);
    expect(result.agreements).toBe(45);
    expect(printed(result.kappa)).toEqual({ value: 0.3449, se: 0.0724, ci: [0.203, 0.4868] });
  });

  it('[AGR-K4] SAS PROC FREQ printout (3 × 3, n = 19): κ 0.4842 (ASE 0.1380, 0.2137–0.7547); linear weighted κ 0.4701 (ASE 0.1457, 0.1845–0.7558)', () => {
    // The SAS output statsmodels reproduces in statsmodels/stats/tests/test_inter_rater.py; SAS's
    // default weighted-κ weights (Cicchetti–Allison) are the linear weights.
    const categories = ['1', '2', '3'];
    const table = [
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ];
    const result = pairedAgreement(pairsOf(categories, table), categories, { ordinal: true });
    expect(printed(result.kappa)).toEqual({ value: 0.4842, se: 0.138, ci: [0.2137, 0.7547] });
    expect(printed(result.weightedKappa!)).toEqual({
      value: 0.4701,
      se: 0.1457,
      ci: [0.1845, 0.7558],
    });
  });
});

describe('[AGR-K] when κ is undefined', () => {
  it('[AGR-K5] no pairs: percent null, κ undefined (no ratings), never NaN', () => {
    const r = pairedAgreement([], ['low', 'high'], { ordinal: true });
    expect(r).toEqual({
      n: 0,
      agreements: 0,
      percent: null,
      kappa: { defined: false, reason: 'no-ratings' },
      weightedKappa: { defined: false, reason: 'no-ratings' },
    });
  });

  it('[AGR-K6] every rating in one category: 100 % agreement, κ undefined (one category)', () => {
    const r = pairedAgreement(
      [
        ['low', 'low'],
        ['low', 'low'],
      ],
      ['low', 'some-concerns', 'high'],
      { ordinal: true },
    );
    expect(r.percent).toBe(1);
    expect(r.kappa).toEqual({ defined: false, reason: 'one-category' });
    expect(r.weightedKappa).toEqual({ defined: false, reason: 'one-category' });
  });

  it('[AGR-K7] a rating outside the scale is refused', () => {
    expect(() => contingencyTable(['a', 'b'], [['a', 'c']])).toThrow(RangeError);
  });
});

describe('[AGR-K] weights', () => {
  it('[AGR-K8] linear weights over k categories: 1 − |i − j| / (k − 1)', () => {
    expect(linearWeights(3)).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0.5],
      [0, 0.5, 1],
    ]);
    expect(linearWeights(2)).toEqual(identityWeights(2));
  });
});

const SCALE = ['low', 'low-except-confounding', 'moderate', 'serious', 'critical'];
const rating = fc.constantFrom(...SCALE);
const ratingPairs = fc.array(fc.tuple(rating, rating), { minLength: 1, maxLength: 60 });

describe('[AGR-P] properties of κ', () => {
  it('[AGR-P1] identical ratings using at least two categories give κ = 1 and weighted κ = 1', () => {
    fc.assert(
      fc.property(
        fc.array(rating, { minLength: 2, maxLength: 60 }).filter((r) => new Set(r).size >= 2),
        (ratings) => {
          const r = pairedAgreement(
            ratings.map((x) => [x, x] as const),
            SCALE,
            { ordinal: true },
          );
          for (const k of [r.kappa, r.weightedKappa!]) {
            expect(k.defined).toBe(true);
            if (k.defined) {
              expect(k.value).toBeCloseTo(1, 12);
              expect(k.ci95[1]).toBe(1);
            }
          }
          expect(r.percent).toBe(1);
        },
      ),
    );
  });

  it('[AGR-P2] κ, weighted κ and their intervals are symmetric in the two raters', () => {
    fc.assert(
      fc.property(ratingPairs, (pairs) => {
        const ab = pairedAgreement(pairs, SCALE, { ordinal: true });
        const ba = pairedAgreement(
          pairs.map(([a, b]) => [b, a] as const),
          SCALE,
          { ordinal: true },
        );
        expect(ba.percent).toBe(ab.percent);
        for (const key of ['kappa', 'weightedKappa'] as const) {
          const x = ab[key]!;
          const y = ba[key]!;
          expect(y.defined).toBe(x.defined);
          if (x.defined && y.defined) {
            expect(y.value).toBeCloseTo(x.value, 12);
            // The SE is a square root of a variance that can round to nearly 0 for tiny tables,
            // where float error of 1e-16 in the variance becomes ~1e-8 in the SE.
            expect(y.standardError).toBeCloseTo(x.standardError, 6);
          }
        }
      }),
    );
  });

  it('[AGR-P3] κ is at most 1, its interval contains it within [−1, 1], and it is undefined only when one category was used', () => {
    fc.assert(
      fc.property(ratingPairs, (pairs) => {
        const r = pairedAgreement(pairs, SCALE, { ordinal: true });
        const used = new Set(pairs.flat());
        for (const k of [r.kappa, r.weightedKappa!]) {
          if (!k.defined) {
            expect(k.reason).toBe('one-category');
            expect(used.size).toBe(1);
            continue;
          }
          expect(Number.isFinite(k.value) && Number.isFinite(k.standardError)).toBe(true);
          expect(k.value).toBeLessThanOrEqual(1 + 1e-12);
          expect(k.ci95[0]).toBeGreaterThanOrEqual(-1);
          expect(k.ci95[1]).toBeLessThanOrEqual(1);
          expect(k.ci95[0]).toBeLessThanOrEqual(k.value + 1e-12);
          expect(k.ci95[1]).toBeGreaterThanOrEqual(Math.min(1, k.value) - 1e-12);
        }
      }),
    );
  });

  it('[AGR-P4] on a two-category scale weighted κ is κ', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('y', 'n'), fc.constantFrom('y', 'n')), {
          minLength: 1,
          maxLength: 40,
        }),
        (pairs) => {
          const r = pairedAgreement(pairs, ['y', 'n'], { ordinal: true });
          expect(r.weightedKappa).toEqual(r.kappa);
        },
      ),
    );
  });
});
