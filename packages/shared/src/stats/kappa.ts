/**
 * Agreement between two raters who each put the same subjects into one of k categories: percent
 * agreement, Cohen's κ (Cohen 1960) and weighted κ (Cohen 1968), each with the large-sample
 * standard error of Fleiss, Cohen & Everitt (1969) and the 95 % confidence interval built on it —
 * the same estimates SAS PROC FREQ reports as "ASE" and its confidence limits.
 *
 * References:
 * - Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas 1960;20:37–46.
 * - Cohen J. Weighted kappa: nominal scale agreement with provision for scaled disagreement or
 *   partial credit. Psychol Bull 1968;70:213–220.
 * - Fleiss JL, Cohen J, Everitt BS. Large sample standard errors of kappa and weighted kappa.
 *   Psychol Bull 1969;72:323–327.
 */

/** Why κ has no value. */
export type KappaUndefinedReason =
  /** No subject was rated by both raters. */
  | 'no-ratings'
  /**
   * Every rating, by both raters, is the same category: chance agreement is then 100 % and
   * κ = 0/0. There is nothing beyond chance to measure.
   */
  | 'one-category';

/** A κ estimate with its large-sample standard error and 95 % confidence interval. */
export interface KappaEstimate {
  defined: true;
  value: number;
  standardError: number;
  /** value ± 1.96 · standardError, clipped to κ's range [−1, 1]. */
  ci95: readonly [number, number];
}

/** κ, or why it cannot be computed; never NaN. */
export type Kappa = KappaEstimate | { defined: false; reason: KappaUndefinedReason };

/** Agreement between two raters over the subjects both rated. */
export interface PairedAgreement {
  /** Subjects rated by both. */
  n: number;
  /** Subjects given the same category by both. */
  agreements: number;
  /** agreements / n (0–1); null when n is 0. */
  percent: number | null;
  /** Cohen's κ (exact agreement only). */
  kappa: Kappa;
  /** Weighted κ with linear weights, for ordered categories; null for unordered ones. */
  weightedKappa: Kappa | null;
}

/** 97.5th percentile of the standard normal distribution. */
const Z_975 = 1.959963984540054;

/** Counts of (first rater's category, second rater's category); rows are the first rater. */
export function contingencyTable(
  categories: readonly string[],
  pairs: readonly (readonly [string, string])[],
): number[][] {
  const index = new Map(categories.map((c, i) => [c, i]));
  const table = categories.map(() => categories.map(() => 0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined)
      throw new RangeError(`rating ${i === undefined ? a : b} is not one of the categories`);
    table[i]![j]! += 1;
  }
  return table;
}

/** Identity weights: only exact agreement counts (plain κ). */
export function identityWeights(k: number): number[][] {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)),
  );
}

/**
 * Linear agreement weights for k ordered categories (Cicchetti & Allison 1971):
 * w(i, j) = 1 − |i − j| / (k − 1). Adjacent categories earn partial credit; the extremes none.
 * Over the tool's whole scale, not only the categories used: Low vs High on RoB 2 is two steps
 * apart whether or not anyone said "Some concerns".
 */
export function linearWeights(k: number): number[][] {
  if (k < 2) return identityWeights(k);
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => 1 - Math.abs(i - j) / (k - 1)),
  );
}

const clip = (x: number) => Math.min(1, Math.max(-1, x));

/**
 * κ of a k × k contingency table (counts; rows the first rater) with agreement weights w (1 on the
 * diagonal; identity weights give Cohen's κ). κ = (pₒ − pₑ) / (1 − pₑ), with pₒ = Σ wᵢⱼ pᵢⱼ and
 * pₑ = Σ wᵢⱼ pᵢ. p.ⱼ. Its variance is Fleiss, Cohen & Everitt's (1969) large-sample estimate:
 *
 *   Var(κ) = [Σᵢⱼ pᵢⱼ (wᵢⱼ − (w̄ᵢ. + w̄.ⱼ)(1 − κ))² − (κ − pₑ(1 − κ))²] / (n (1 − pₑ)²)
 *
 * where w̄ᵢ. = Σⱼ p.ⱼ wᵢⱼ and w̄.ⱼ = Σᵢ pᵢ. wᵢⱼ.
 */
export function kappaOfTable(
  table: readonly (readonly number[])[],
  weights: readonly (readonly number[])[],
): Kappa {
  const k = table.length;
  const n = table.reduce((sum, row) => sum + row.reduce((s, c) => s + c, 0), 0);
  if (n === 0) return { defined: false, reason: 'no-ratings' };
  const p = table.map((row) => row.map((c) => c / n));
  const cell = (m: readonly (readonly number[])[], i: number, j: number) => m[i]![j]!;
  const rows = p.map((row) => row.reduce((s, x) => s + x, 0));
  const cols = Array.from({ length: k }, (_, j) => p.reduce((s, row) => s + row[j]!, 0));
  // pₒ from the counts, divided once: identical ratings then give exactly pₒ = 1 and κ = 1.
  let weightedCount = 0;
  let expected = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      weightedCount += cell(weights, i, j) * cell(table, i, j);
      expected += cell(weights, i, j) * rows[i]! * cols[j]!;
    }
  const observed = weightedCount / n;
  // pₑ = 1 only when both raters used one and the same category (weights are 1 only on the
  // diagonal); compare with a tolerance, as the sums are of floating-point products.
  if (1 - expected < 1e-12) return { defined: false, reason: 'one-category' };
  const value = (observed - expected) / (1 - expected);
  const rowMean = Array.from({ length: k }, (_, i) =>
    cols.reduce((s, c, j) => s + c * cell(weights, i, j), 0),
  );
  const colMean = Array.from({ length: k }, (_, j) =>
    rows.reduce((s, r, i) => s + r * cell(weights, i, j), 0),
  );
  let sum = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++)
      sum += cell(p, i, j) * (cell(weights, i, j) - (rowMean[i]! + colMean[j]!) * (1 - value)) ** 2;
  const variance = (sum - (value - expected * (1 - value)) ** 2) / (n * (1 - expected) ** 2);
  // Rounding can leave a variance of -1e-17 where it is 0 (perfect agreement).
  const standardError = Math.sqrt(Math.max(0, variance));
  return {
    defined: true,
    value,
    standardError,
    ci95: [clip(value - Z_975 * standardError), clip(value + Z_975 * standardError)],
  };
}

/**
 * Percent agreement, κ and (for ordered categories) linearly weighted κ of two raters' ratings of
 * the same subjects: each pair is (first rater's category, second rater's category).
 * `categories` is the whole scale, best first when `ordinal`.
 * @throws RangeError when a rating is not one of `categories`.
 */
export function pairedAgreement(
  pairs: readonly (readonly [string, string])[],
  categories: readonly string[],
  options: { ordinal: boolean },
): PairedAgreement {
  const table = contingencyTable(categories, pairs);
  const k = categories.length;
  const agreements = table.reduce((s, row, i) => s + row[i]!, 0);
  return {
    n: pairs.length,
    agreements,
    percent: pairs.length === 0 ? null : agreements / pairs.length,
    kappa: kappaOfTable(table, identityWeights(k)),
    weightedKappa: options.ordinal ? kappaOfTable(table, linearWeights(k)) : null,
  };
}
