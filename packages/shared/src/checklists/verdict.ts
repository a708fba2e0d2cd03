import type { Amstar2Answers } from './amstar2.ts';
import { ratingLabel, scoreAmstar2 } from './amstar2-scoring.ts';
import type { Decision } from './decision.ts';
import type { Rob2Answers } from './rob2.ts';
import { rob2JudgementLabel, scoreRob2 } from './rob2-scoring.ts';
import type { RobinsIAnswers } from './robins-i.ts';
import { robinsIJudgementLabel, scoreRobinsI } from './robins-i-scoring.ts';
import { checklistDefinition } from './registry.ts';
import { sectionColumn, type ChecklistAnswers, type ChecklistType } from './types.ts';

/** A judgement as a stable code and as shown. */
export interface Judgement {
  value: string;
  label: string;
}

/** One domain's judgement in the terms all domain-based tools share. */
export interface DomainVerdict {
  domainId: string;
  title: string;
  /** The domain's summary-table column (`D1`, `D1b`, `DS`): alternatives of a domain share one. */
  column: string;
  /** Undefined while the domain's algorithm still needs answers. */
  judgement: Judgement | undefined;
}

/**
 * A checklist's result in the terms every type shares, for generic views and reconciliation:
 * the overall judgement (AMSTAR 2 rating, ROBINS-I or RoB 2 overall risk of bias) and, for the
 * domain-based tools, each active domain's judgement.
 */
export type ChecklistVerdict =
  | { status: 'complete'; overall: Judgement; domains: DomainVerdict[] }
  | { status: 'incomplete'; missing: string[]; domains: DomainVerdict[] };

function domainVerdicts<J extends string>(
  type: ChecklistType,
  domains: readonly { domainId: string; title: string; decision: Decision<J> }[],
  label: (j: J) => string,
): DomainVerdict[] {
  const sections = checklistDefinition(type).sections;
  return domains.map((d) => ({
    domainId: d.domainId,
    title: d.title,
    column: sectionColumn(sections.find((s) => s.id === d.domainId)!),
    judgement:
      d.decision.status === 'judged'
        ? { value: d.decision.judgement, label: label(d.decision.judgement) }
        : undefined,
  }));
}

/**
 * Scores a checklist of any type. Answers read from a document are plain strings; each scorer
 * checks every value against the item's options, so anything unknown counts as unanswered.
 */
export function checklistVerdict(type: ChecklistType, answers: ChecklistAnswers): ChecklistVerdict {
  switch (type) {
    case 'AMSTAR2': {
      const score = scoreAmstar2(answers as Amstar2Answers);
      if (score.status === 'incomplete') return { ...score, domains: [] };
      const overall = { value: score.rating, label: ratingLabel(score.rating) };
      return { status: 'complete', overall, domains: [] };
    }
    case 'ROBINS_I': {
      const score = scoreRobinsI(answers as RobinsIAnswers);
      const domains = domainVerdicts(type, score.domains, robinsIJudgementLabel);
      if (score.status === 'incomplete')
        return { status: 'incomplete', missing: score.missing, domains };
      const overall = { value: score.overall, label: robinsIJudgementLabel(score.overall) };
      return { status: 'complete', overall, domains };
    }
    case 'ROB2': {
      const score = scoreRob2(answers as Rob2Answers);
      const domains = domainVerdicts(type, score.domains, rob2JudgementLabel);
      if (score.status === 'incomplete')
        return { status: 'incomplete', missing: score.missing, domains };
      const overall = { value: score.overall, label: rob2JudgementLabel(score.overall) };
      return { status: 'complete', overall, domains };
    }
  }
}
