import type { AgreementCount, Kappa, KappaUndefinedReason } from '@corates/shared';

/**
 * How the agreement figures read: numbers to two decimals with a true minus sign, percentages
 * whole, and a dash with a reason — never NaN — where a figure does not exist.
 */

/** Rounds half away from zero; 0.6249999999999998 (0.625 in floating point) reads 0.63. */
function fixed(x: number, digits: number): string {
  const scale = 10 ** digits;
  const rounded = Math.round(Math.abs(x) * scale + 1e-9) / scale;
  const text = rounded.toFixed(digits);
  return x < 0 && rounded !== 0 ? `−${text}` : text;
}

/** "67%"; "—" when nothing was compared. */
export function percentText(percent: number | null): string {
  return percent === null ? '—' : `${fixed(percent * 100, 0)}%`;
}

/** "4 of 6 (67%)". */
export function countText(count: Pick<AgreementCount, 'compared' | 'agreements' | 'percent'>) {
  return count.compared === 0
    ? 'none compared'
    : `${count.agreements} of ${count.compared} (${percentText(count.percent)})`;
}

/** "0.50"; "—" when κ is undefined. */
export function kappaText(kappa: Kappa): string {
  return kappa.defined ? fixed(kappa.value, 2) : '—';
}

/** "95% CI −0.04 to 1.00"; empty when κ is undefined. */
export function ciText(kappa: Kappa): string {
  return kappa.defined ? `95% CI ${fixed(kappa.ci95[0], 2)} to ${fixed(kappa.ci95[1], 2)}` : '';
}

/** Why κ shows "—". */
export const KAPPA_UNDEFINED: Readonly<Record<KappaUndefinedReason, string>> = {
  'no-ratings': 'No appraisal judged by both.',
  'one-category': 'All judgements the same: κ undefined.',
};

/** One line on what each figure means, shown with the figures. */
export const FIGURE_EXPLANATIONS = {
  percent:
    'Percent agreement: the share of appraisals in which both reviewers reached the same judgement.',
  kappa:
    "Cohen's κ: agreement beyond what chance would give with each reviewer's own mix of judgements (1 perfect, 0 chance level, below 0 worse than chance). The 95% CI is from the large-sample standard error (Fleiss, Cohen & Everitt 1969); with few appraisals it is wide.",
  weightedKappa:
    'Weighted κ: like κ, but judgements one step apart on the ordered scale (e.g. Low and Some concerns) count as partly agreeing; linear weights, 1 − steps apart ÷ (number of categories − 1).',
  undefinedKappa:
    'A dash for κ: when every judgement falls in one category, chance alone would agree 100% and κ is 0/0, so there is nothing beyond chance to measure.',
  items:
    'Signalling questions: answers compared where both reviewers’ answers ask the question and both answered it; a question the other reviewer’s answers never reach is not a disagreement.',
} as const;
