import {
  type AssessedDomain,
  type AssessedVerdict,
  type AssessorJudgementView,
  type ChecklistType,
  type Judgement,
  OVERALL_JUDGEMENT_KEY,
  domainJudgementOptions,
  staleAssessorJudgements,
} from '@corates/shared';
import { countLabel, formatDateTime } from '../ui/format.ts';
import type { ChecklistSummary, QuestionLink } from './checklist-summary.ts';

/** Where an assessor judgement stands, for the words and controls around it. */
export type AssessorState = 'none' | 'applies' | 'stale';

export interface AssessorLines {
  state: AssessorState;
  /** "Ada, 3 Mar 2026, 10:05" */
  byline: string | null;
  /** Why a recorded judgement is not the final one, when it is not. */
  staleText: string | null;
}

function lines(
  recorded: AssessorJudgementView | undefined,
  suggested: Judgement | undefined,
  nameOf: (userId: string) => string,
  what: 'domain' | 'overall',
): AssessorLines {
  if (!recorded) return { state: 'none', byline: null, staleText: null };
  const byline = `${nameOf(recorded.by)}, ${formatDateTime(recorded.at)}`;
  if (recorded.applies) return { state: 'applies', byline, staleText: null };
  const then = recorded.suggestedThen?.label ?? 'another judgement';
  const now = suggested
    ? `now ${what === 'domain' ? 'suggest' : 'give'} ${suggested.label}`
    : 'no longer give a judgement';
  // [AJ-STALE-1] Completion waits for it: say how to settle it (given again only where it could
  // be given now [AJ-STALE-3]).
  const noun = what === 'domain' ? 'override' : 'raise';
  const settle = suggested
    ? ` Until you confirm it again or clear it, the checklist cannot be completed.`
    : '';
  const staleText =
    what === 'overall' && suggested && recorded.suggestedThen?.value === suggested.value
      ? `The overall judgement was raised to ${recorded.judgement.label}, which the tool no longer allows for these domain judgements: the suggestion stands. Clear the raise to complete the checklist.`
      : suggested?.value === recorded.judgement.value
        ? `${recorded.judgement.label} was given when the suggestion was ${then}; the answers now suggest ${suggested.label} too, so the ${noun} is not needed. Clear it to complete the checklist.`
        : `${recorded.judgement.label} was given when the suggestion was ${then}; the answers ${now}, so the suggestion stands.${settle}`;
  return { state: 'stale', byline, staleText };
}

/** A domain's assessor judgement in words. */
export function domainAssessorLines(
  domain: AssessedDomain,
  nameOf: (userId: string) => string,
): AssessorLines {
  return lines(domain.assessor, domain.suggested, nameOf, 'domain');
}

/** The overall raise in words. */
export function overallAssessorLines(
  verdict: AssessedVerdict,
  nameOf: (userId: string) => string,
): AssessorLines {
  return lines(verdict.raise, verdict.suggestedOverall, nameOf, 'overall');
}

/** What an override of this domain may be: every judgement of its scale but the suggestion. */
export function overrideChoices(type: ChecklistType, domain: AssessedDomain): Judgement[] {
  return domainJudgementOptions(type, domain.domainId).filter(
    (j) => j.value !== domain.suggested?.value,
  );
}

/** When the tool lets the assessor raise the overall judgement, in its own terms. */
export function raiseRuleText(type: ChecklistType): string | null {
  if (type === 'ROB2')
    return 'RoB 2 lets the assessor judge the overall risk of bias High when several domains have some concerns.';
  if (type === 'ROBINS_I')
    return 'ROBINS-I lets the assessor judge the overall risk of bias Serious when several domains are at moderate risk, and Critical when several are at serious risk.';
  return null;
}

/**
 * The summary panel's figures with the assessor's judgements applied: each domain's final
 * judgement, and the final overall judgement (saying when it was raised).
 */
export function summaryWithAssessorJudgements(
  summary: ChecklistSummary,
  verdict: AssessedVerdict,
  type: ChecklistType,
): ChecklistSummary {
  if (verdict.domains.length === 0 && !verdict.raise) return summary;
  const raised = verdict.status === 'complete' && verdict.raise?.applies;
  const stale = staleJudgementLinks(type, verdict);
  const complete = summary.complete && stale.links.length === 0;
  return {
    ...summary,
    complete,
    stale,
    // The unanswered questions come first: once answered, each stale judgement is listed or applies.
    completeHint:
      summary.completeHint ??
      (complete
        ? null
        : 'Confirm again or clear each assessor judgement given against another suggestion to mark the checklist complete.'),
    domains: verdict.domains,
    ratingText:
      verdict.status === 'complete'
        ? raised
          ? `${verdict.overall.label} (raised from ${verdict.suggestedOverall!.label})`
          : verdict.overall.label
        : summary.ratingText,
  };
}

/** A link to an assessor judgement's panel: the page moves focus to it. */
export type JudgementLink = QuestionLink;

/** The stale assessor judgements completion waits for, as links, counted in words. */
export interface StaleJudgementLinks {
  links: JudgementLink[];
  /** "1 assessor judgement to confirm again or clear". */
  text: string;
}

/**
 * [AJ-STALE-1] The assessor judgements given against a suggestion the answers no longer give, as
 * links to their panels (`judgement-<domainId>`, `judgement-overall`): what "Mark complete" on a
 * reviewer's checklist and "Finalize" on a reconciled one wait for, beside the unanswered questions.
 */
export function staleJudgementLinks(
  type: ChecklistType,
  verdict: AssessedVerdict,
): StaleJudgementLinks {
  const links = staleAssessorJudgements(type, verdict).map((s) => {
    const domain = s.key !== OVERALL_JUDGEMENT_KEY;
    // "1a. Bias arising from …" → "Domain 1a".
    const number = s.title.split('.')[0];
    return {
      id: s.key,
      text: domain ? `Domain ${number}` : 'Overall',
      label: domain
        ? `Override of ${s.title}, given against another suggestion`
        : 'Raise of the overall judgement, given against another suggestion',
    };
  });
  return {
    links,
    text: `${countLabel(links.length, 'assessor judgement')} to confirm again or clear`,
  };
}
