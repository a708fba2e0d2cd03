import { z } from 'zod';
import { amstar2Definition, type Amstar2Answers, type Amstar2Value } from './amstar2.ts';
import { answerFor, checklistItems, type ChecklistItem } from './types.ts';

/** Overall confidence in the results of a review, best first. */
export const amstar2RatingSchema = z.enum(['high', 'moderate', 'low', 'critically-low']);
export type Amstar2Rating = z.infer<typeof amstar2RatingSchema>;

/**
 * The outcome of scoring AMSTAR 2 answers. Flaws and weaknesses are item numbers (`'2'`, `'9'`),
 * in item order; the parts of items 9 and 11 are reported under the combined number. `missing`
 * lists the number of each unanswered item or part (`'3'`, `'9b'`).
 */
export type Amstar2Score =
  | {
      status: 'complete';
      rating: Amstar2Rating;
      /** Critical items judged "No". */
      criticalFlaws: string[];
      /** Non-critical items judged "No". */
      nonCriticalWeaknesses: string[];
    }
  | { status: 'incomplete'; missing: string[] };

const RATING_LABELS: Record<Amstar2Rating, string> = {
  high: 'High',
  moderate: 'Moderate',
  low: 'Low',
  'critically-low': 'Critically low',
};

/** The rating as shown to users: "High", "Moderate", "Low", "Critically low". */
export function ratingLabel(rating: Amstar2Rating): string {
  return RATING_LABELS[rating];
}

// Answers saying a part does not apply to this review; they never hide the other part's judgement.
const NOT_APPLICABLE: ReadonlySet<Amstar2Value> = new Set(['no-ma', 'only-other-design']);

/**
 * Combines the RCT and NRSI parts of item 9 or 11 into the item's judgement: "No" if either part
 * is "No", otherwise the part that applies. When both apply the weaker judgement wins (Partial Yes
 * over Yes), so the combined answer never looks better than either part; when neither applies
 * (both "No meta-analysis conducted") that shared answer is the result. Only "No" affects the
 * rating, so the tie-breaks matter for display only.
 */
export function combineAmstar2Parts(a: Amstar2Value, b: Amstar2Value): Amstar2Value {
  if (a === 'no' || b === 'no') return 'no';
  if (NOT_APPLICABLE.has(a)) return b;
  if (NOT_APPLICABLE.has(b)) return a;
  return a === 'partial-yes' || b === 'partial-yes' ? 'partial-yes' : 'yes';
}

/** One scored AMSTAR 2 question: a plain item, or the two parts of item 9 or 11. */
interface ScoredQuestion {
  number: string;
  critical: boolean;
  parts: ChecklistItem[];
}

// Derived from the definition so the critical flags and the 9/11 split live in one table.
const QUESTIONS: readonly ScoredQuestion[] = (() => {
  const questions: ScoredQuestion[] = [];
  for (const item of checklistItems(amstar2Definition)) {
    const number = 'group' in item ? item.group.number : item.number;
    const last = questions.at(-1);
    if (last?.number === number) last.parts.push(item);
    else questions.push({ number, critical: item.critical, parts: [item] });
  }
  return questions;
})();

/**
 * Overall confidence from the number of critical flaws and non-critical weaknesses
 * (Shea et al. 2017): more than one critical flaw → critically low; one → low; none and more than
 * one non-critical weakness → moderate; otherwise high.
 */
export function amstar2Rating(criticalFlaws: number, nonCriticalWeaknesses: number): Amstar2Rating {
  if (criticalFlaws > 1) return 'critically-low';
  if (criticalFlaws === 1) return 'low';
  if (nonCriticalWeaknesses > 1) return 'moderate';
  return 'high';
}

/**
 * Scores AMSTAR 2 answers. A weakness is an item judged "No"; the overall rating follows
 * `amstar2Rating`. Any unanswered item gives `incomplete` with the missing items, never a rating.
 *
 * Both parts of items 9 and 11 are required. Each part offers an explicit "does not apply" answer
 * ("Includes only NRSI/RCTs", "No meta-analysis conducted"), so a blank part cannot be told apart
 * from a forgotten one; scoring it as not applicable would be a guess. A value that is not one of
 * the item's options (e.g. written by another definition version) counts as unanswered.
 */
export function scoreAmstar2(answers: Amstar2Answers): Amstar2Score {
  const missing: string[] = [];
  const criticalFlaws: string[] = [];
  const nonCriticalWeaknesses: string[] = [];
  for (const question of QUESTIONS) {
    const values: Amstar2Value[] = [];
    for (const part of question.parts) {
      const value = answerFor(part, answers) as Amstar2Value | undefined;
      if (value === undefined) missing.push(part.number);
      else values.push(value);
    }
    // Every question has at least one part, so a fully answered one has a value to reduce.
    if (values.length < question.parts.length) continue;
    if (values.reduce(combineAmstar2Parts) === 'no') {
      (question.critical ? criticalFlaws : nonCriticalWeaknesses).push(question.number);
    }
  }
  if (missing.length > 0) return { status: 'incomplete', missing };
  return {
    status: 'complete',
    rating: amstar2Rating(criticalFlaws.length, nonCriticalWeaknesses.length),
    criticalFlaws,
    nonCriticalWeaknesses,
  };
}
