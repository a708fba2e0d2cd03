import { checklistDefinition } from './registry.ts';
import {
  activeSections,
  answerFor,
  isAnswerable,
  reachedItemIds,
  type ChecklistAnswers,
  type ChecklistType,
} from './types.ts';
import type { Judgement } from './verdict.ts';
import { assessedVerdict, type AssessorJudgements } from './assessor-judgement.ts';

/**
 * How two reviewers' answers to one item compare. `agree` / `disagree`: the answers of both ask the
 * question and both answered it. `answered-by-one`: both are asked it, one left it blank.
 * `reached-by-one`: only one reviewer's earlier answers ask it, so it follows from a difference
 * counted there ("Not applicable" against a question the other correctly left unreached is not a
 * disagreement). Only `agree` and `disagree` count in the agreement figures.
 */
export type ItemAgreementStatus = 'agree' | 'disagree' | 'answered-by-one' | 'reached-by-one';

/** Both reviewers' answers to one item. */
export interface ItemComparison {
  itemId: string;
  /** Number label of the item (`'9a'`, `'2.3'`). */
  number: string;
  /** The reviewer's answer, when the question is asked of them and answered. */
  first: string | undefined;
  second: string | undefined;
  status: ItemAgreementStatus;
  /** `status === 'agree'`. */
  agree: boolean;
}

/**
 * Both reviewers' judgement of one domain, or of the whole checklist: each reviewer's final one
 * (their own where they overrode the algorithm or raised the overall judgement).
 */
export interface JudgementComparison {
  first: Judgement | undefined;
  second: Judgement | undefined;
  agree: boolean;
}

/** What the reconciler starts from. */
export interface ReconciliationComparison {
  /** Every item asked of at least one reviewer and answered by one, in display order. */
  items: ItemComparison[];
  /** Items both reviewers were asked and answered alike. */
  agreements: number;
  /** Items both reviewers were asked and answered differently: the real disagreements. */
  disagreements: number;
  /** agreements / (agreements + disagreements), 0–1; null when nothing was answered by both. */
  agreementRate: number | null;
  /** The answers both reviewers gave: the reconciled checklist starts with these. */
  merged: Record<string, string>;
  /** Ids of the items the reconciler must decide, in display order. */
  pending: string[];
  /** Judgements of each domain either reviewer's answers made active (ROBINS-I, RoB 2). */
  domains: (JudgementComparison & { domainId: string; title: string })[];
  overall: JudgementComparison;
}

const sameJudgement = (a: Judgement | undefined, b: Judgement | undefined) =>
  a !== undefined && b !== undefined && a.value === b.value;

/**
 * Compares two reviewers' answers to a checklist of one type. Items come from the sections active
 * for either reviewer (so a disagreement on ROBINS-I's effect of interest shows both domain 1a and
 * 1b). Only questions the tool asks given a reviewer's own answers (`reachedItemIds`) count as that
 * reviewer's: an answer left on a question that is not asked is ignored, and an item neither
 * reviewer was asked and answered is left out. Values that are not one of the item's options count
 * as unanswered. Domain and overall judgements are each reviewer's final ones, given their
 * assessor judgements (`judgements`, first then second; none by default).
 */
export function compareAnswers(
  type: ChecklistType,
  first: ChecklistAnswers,
  second: ChecklistAnswers,
  judgements: readonly [AssessorJudgements?, AssessorJudgements?] = [],
): ReconciliationComparison {
  const definition = checklistDefinition(type);
  const active = new Set([
    ...activeSections(definition, first).map((s) => s.id),
    ...activeSections(definition, second).map((s) => s.id),
  ]);
  const reached = [reachedItemIds(definition, first), reachedItemIds(definition, second)] as const;
  const items: ItemComparison[] = [];
  for (const section of definition.sections) {
    if (!active.has(section.id)) continue;
    for (const item of section.items.filter(isAnswerable)) {
      const [inFirst, inSecond] = [reached[0].has(item.id), reached[1].has(item.id)];
      const a = inFirst ? answerFor(item, first) : undefined;
      const b = inSecond ? answerFor(item, second) : undefined;
      if (a === undefined && b === undefined) continue;
      const status: ItemAgreementStatus =
        a !== undefined && b !== undefined
          ? a === b
            ? 'agree'
            : 'disagree'
          : inFirst && inSecond
            ? 'answered-by-one'
            : 'reached-by-one';
      items.push({
        itemId: item.id,
        number: item.number,
        first: a,
        second: b,
        status,
        agree: status === 'agree',
      });
    }
  }
  const merged: Record<string, string> = {};
  for (const c of items) if (c.status === 'agree') merged[c.itemId] = c.first!;
  const agreements = items.filter((c) => c.status === 'agree').length;
  const disagreements = items.filter((c) => c.status === 'disagree').length;

  const v1 = assessedVerdict(type, first, judgements[0]);
  const v2 = assessedVerdict(type, second, judgements[1]);
  const domainIds = [...new Set([...v1.domains, ...v2.domains].map((d) => d.domainId))];
  const domains = definition.sections
    .filter((s) => domainIds.includes(s.id))
    .map((s) => {
      const a = v1.domains.find((d) => d.domainId === s.id)?.judgement;
      const b = v2.domains.find((d) => d.domainId === s.id)?.judgement;
      return { domainId: s.id, title: s.title, first: a, second: b, agree: sameJudgement(a, b) };
    });
  const o1 = v1.status === 'complete' ? v1.overall : undefined;
  const o2 = v2.status === 'complete' ? v2.overall : undefined;

  return {
    items,
    agreements,
    disagreements,
    agreementRate:
      agreements + disagreements === 0 ? null : agreements / (agreements + disagreements),
    merged,
    pending: items.filter((c) => c.status !== 'agree').map((c) => c.itemId),
    domains,
    overall: { first: o1, second: o2, agree: sameJudgement(o1, o2) },
  };
}
