import { pairedAgreement, type PairedAgreement } from '../stats/kappa.ts';
import { amstar2RatingSchema } from './amstar2-scoring.ts';
import { compareAnswers, type ReconciliationComparison } from './reconcile.ts';
import { checklistDefinition } from './registry.ts';
import {
  appraisalKey,
  appraisalResult,
  domainColumns,
  type AppraisalResult,
  type ResultChecklist,
} from './results.ts';
import { rob2JudgementSchema } from './rob2-scoring.ts';
import { robinsIJudgementSchema } from './robins-i-scoring.ts';
import { answerFor, checklistItems, isAnswerable, type ChecklistType } from './types.ts';

/**
 * Each tool's judgement scale, best first: RoB 2 Low < Some concerns < High; ROBINS-I Low < Low
 * except for concerns about uncontrolled confounding < Moderate < Serious < Critical; AMSTAR 2
 * High < Moderate < Low < Critically low (confidence, so best is High). Weighted κ counts a near
 * miss on this scale as partial agreement.
 */
export const JUDGEMENT_SCALES: Readonly<Record<ChecklistType, readonly string[]>> = {
  AMSTAR2: amstar2RatingSchema.options,
  ROBINS_I: robinsIJudgementSchema.options,
  ROB2: rob2JudgementSchema.options,
};

/** A count of matches over a count compared, as the agreement panels show it. */
export interface AgreementCount {
  compared: number;
  agreements: number;
  /** agreements / compared (0–1); null when nothing was compared. */
  percent: number | null;
}

const count = (compared: number, agreements: number): AgreementCount => ({
  compared,
  agreements,
  percent: compared === 0 ? null : agreements / compared,
});

/** Agreement between the two reviewers of one appraisal. */
export interface ChecklistAgreement {
  /** Questions both reviewers were asked and answered (AMSTAR 2: items). */
  items: AgreementCount;
  /** Questions both were asked that only one answered: left to the reconciler, not counted. */
  answeredByOne: number;
  /**
   * Questions only one reviewer's answers ask (they follow from an earlier difference, which is
   * counted where it arose): not counted.
   */
  reachedByOne: number;
  /** Domain judgements both reviewers' answers reached (ROBINS-I, RoB 2). */
  domains: AgreementCount;
  /** The overall judgement (AMSTAR 2: the confidence rating), once both have one. */
  overall: 'same' | 'different' | 'not-both-judged';
}

/** The agreement figures of one reconciliation, from its comparison. */
export function checklistAgreement(comparison: ReconciliationComparison): ChecklistAgreement {
  const by = (status: string) => comparison.items.filter((i) => i.status === status).length;
  const judged = comparison.domains.filter((d) => d.first && d.second);
  const { first, second, agree } = comparison.overall;
  return {
    items: count(comparison.agreements + comparison.disagreements, comparison.agreements),
    answeredByOne: by('answered-by-one'),
    reachedByOne: by('reached-by-one'),
    domains: count(judged.length, judged.filter((d) => d.agree).length),
    overall: !first || !second ? 'not-both-judged' : agree ? 'same' : 'different',
  };
}

/** The two reviewers' completed checklists of one appraisal (study, tool, outcome). */
export interface ReviewerPair<C extends ResultChecklist = ResultChecklist> {
  first: C;
  second: C;
}

/** A reviewer's checklist counts once the reviewer has marked it complete. */
const isCompleted = (c: ResultChecklist) =>
  c.reviewerId !== null && (c.status === 'reviewer-completed' || c.status === 'finalized');

/**
 * The appraisals both assigned reviewers have completed, as pairs in the study's reviewer order
 * (reviewer 1 first, as reconciliation shows them), in the order of the checklists given.
 * `reviewersOf` gives a study's assigned reviewers, or undefined for a study no longer in the
 * project; checklists of someone no longer assigned are left out.
 */
export function reviewerPairs<C extends ResultChecklist>(
  checklists: readonly C[],
  reviewersOf: (studyId: string) => readonly [string | null, string | null] | undefined,
): ReviewerPair<C>[] {
  const byAppraisal = new Map<string, C[]>();
  for (const c of checklists) {
    if (!isCompleted(c)) continue;
    const key = appraisalKey(c);
    byAppraisal.set(key, [...(byAppraisal.get(key) ?? []), c]);
  }
  const pairs: ReviewerPair<C>[] = [];
  for (const group of byAppraisal.values()) {
    const reviewers = reviewersOf(group[0]!.studyId);
    if (!reviewers || reviewers[0] === null || reviewers[1] === null) continue;
    const first = group.find((c) => c.reviewerId === reviewers[0]);
    const second = group.find((c) => c.reviewerId === reviewers[1]);
    if (first && second) pairs.push({ first, second });
  }
  return pairs;
}

/** One line of a tool's agreement table: a domain, an AMSTAR 2 item, or the overall judgement. */
export interface AgreementRow {
  /** `D1` … (the summary table's columns), an AMSTAR 2 item id, or `overall`. */
  key: string;
  label: string;
  /** The judgements are ordered, so weighted κ is given (`stats.weightedKappa`). */
  ordinal: boolean;
  stats: PairedAgreement;
}

/** Agreement across a project's appraisals with one tool. */
export interface ToolAgreement {
  type: ChecklistType;
  title: string;
  /** Appraisals both reviewers completed. */
  appraisals: number;
  rows: AgreementRow[];
  /** Signalling questions (AMSTAR 2: items) both reviewers were asked and answered, pooled. */
  items: AgreementCount;
}

/** The order tools are listed in, as on the results page. */
const TOOLS: readonly ChecklistType[] = ['ROBINS_I', 'ROB2', 'AMSTAR2'];

type Scored = { pair: ReviewerPair; results: [AppraisalResult, AppraisalResult] };

function judgementRow(
  type: ChecklistType,
  scored: readonly Scored[],
  key: string,
  label: string,
  judgementOf: (r: AppraisalResult) => string | undefined,
): AgreementRow {
  const ratings: [string, string][] = [];
  for (const { results } of scored) {
    const [a, b] = results.map(judgementOf);
    if (a !== undefined && b !== undefined) ratings.push([a, b]);
  }
  return {
    key,
    label,
    ordinal: true,
    stats: pairedAgreement(ratings, JUDGEMENT_SCALES[type], { ordinal: true }),
  };
}

/** AMSTAR 2 rates items, not domains: one row per item (its answers are not ordered). */
function itemRows(scored: readonly Scored[]): AgreementRow[] {
  const definition = checklistDefinition('AMSTAR2');
  return checklistItems(definition)
    .filter(isAnswerable)
    .map((item) => {
      const ratings: [string, string][] = [];
      for (const { pair } of scored) {
        const a = answerFor(item, pair.first.answers);
        const b = answerFor(item, pair.second.answers);
        if (a !== undefined && b !== undefined) ratings.push([a, b]);
      }
      const values = item.options.map((o) => o.value);
      return {
        key: item.id,
        label: `Item ${item.number}`,
        ordinal: false,
        stats: pairedAgreement(ratings, values, { ordinal: false }),
      };
    });
}

/**
 * Agreement per tool across the project's completed reviewer pairs: for each domain (the summary
 * table's columns; AMSTAR 2: each item) and the overall judgement, percent agreement, Cohen's κ
 * with its 95 % CI and, for the ordered judgements, linearly weighted κ; and the pooled agreement
 * on the signalling questions both reviewers were asked. Tools without a pair are left out.
 */
export function projectAgreement(pairs: readonly ReviewerPair[]): ToolAgreement[] {
  return TOOLS.flatMap((type) => {
    const ofType = pairs.filter((p) => p.first.type === type && p.second.type === type);
    if (ofType.length === 0) return [];
    const scored: Scored[] = ofType.map((pair) => ({
      pair,
      results: [appraisalResult(pair.first), appraisalResult(pair.second)],
    }));
    const domainRows =
      type === 'AMSTAR2'
        ? itemRows(scored)
        : domainColumns(type)
            .map((column) =>
              judgementRow(
                type,
                scored,
                column.key,
                column.title,
                (r) => r.domains[column.key]?.value,
              ),
            )
            // A domain no pair has judged (another study design's) is not a row of zeros.
            .filter((row) => row.stats.n > 0);
    const overall = judgementRow(type, scored, 'overall', 'Overall', (r) => r.overall?.value);
    let compared = 0;
    let agreements = 0;
    for (const pair of ofType) {
      const c = compareAnswers(type, pair.first.answers, pair.second.answers);
      compared += c.agreements + c.disagreements;
      agreements += c.agreements;
    }
    return [
      {
        type,
        title: checklistDefinition(type).title,
        appraisals: ofType.length,
        rows: [...domainRows, overall],
        items: count(compared, agreements),
      },
    ];
  });
}
