import {
  type AssessedDomain,
  type AssessedVerdict,
  type AssessorJudgementView,
  type ChecklistType,
  type Judgement,
  domainJudgementOptions,
} from '@corates/shared';
import { formatDateTime } from '../ui/format.ts';
import type { ChecklistSummary } from './checklist-summary.ts';

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
  const staleText =
    what === 'overall' && suggested && recorded.suggestedThen?.value === suggested.value
      ? `The overall judgement was raised to ${recorded.judgement.label}, which the tool no longer allows for these domain judgements: the suggestion stands.`
      : `${recorded.judgement.label} was given when the suggestion was ${then}; the answers ${now}, so the suggestion stands. Give the judgement again or withdraw it.`;
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
): ChecklistSummary {
  if (verdict.domains.length === 0 && !verdict.raise?.applies) return summary;
  const raised = verdict.status === 'complete' && verdict.raise?.applies;
  return {
    ...summary,
    domains: verdict.domains,
    ratingText:
      verdict.status === 'complete'
        ? raised
          ? `${verdict.overall.label} (raised from ${verdict.suggestedOverall!.label})`
          : verdict.overall.label
        : summary.ratingText,
  };
}
