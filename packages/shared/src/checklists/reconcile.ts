import { checklistDefinition } from './registry.ts';
import {
  activeSections,
  answerFor,
  isAnswerable,
  type ChecklistAnswers,
  type ChecklistType,
} from './types.ts';
import { checklistVerdict, type Judgement } from './verdict.ts';

/** Both reviewers' answers to one item. */
export interface ItemComparison {
  itemId: string;
  /** Number label of the item (`'9a'`, `'2.3'`). */
  number: string;
  first: string | undefined;
  second: string | undefined;
  agree: boolean;
}

/** Both reviewers' judgement of one domain, or of the whole checklist. */
export interface JudgementComparison {
  first: Judgement | undefined;
  second: Judgement | undefined;
  agree: boolean;
}

/** What the reconciler starts from. */
export interface ReconciliationComparison {
  /** Every item at least one reviewer answered, in display order. */
  items: ItemComparison[];
  agreements: number;
  disagreements: number;
  /** Agreements over compared items, 0–1; null when neither reviewer answered anything. */
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
 * 1b). An item neither reviewer answered is left out: off-path questions and optional directions
 * left blank by both are not disagreements. An item only one reviewer answered is a disagreement.
 * Values that are not one of the item's options count as unanswered.
 */
export function compareAnswers(
  type: ChecklistType,
  first: ChecklistAnswers,
  second: ChecklistAnswers,
): ReconciliationComparison {
  const definition = checklistDefinition(type);
  const active = new Set([
    ...activeSections(definition, first).map((s) => s.id),
    ...activeSections(definition, second).map((s) => s.id),
  ]);
  const items: ItemComparison[] = [];
  for (const section of definition.sections) {
    if (!active.has(section.id)) continue;
    for (const item of section.items.filter(isAnswerable)) {
      const a = answerFor(item, first);
      const b = answerFor(item, second);
      if (a === undefined && b === undefined) continue;
      items.push({ itemId: item.id, number: item.number, first: a, second: b, agree: a === b });
    }
  }
  const merged: Record<string, string> = {};
  for (const c of items) if (c.agree && c.first !== undefined) merged[c.itemId] = c.first;
  const agreements = items.filter((c) => c.agree).length;

  const v1 = checklistVerdict(type, first);
  const v2 = checklistVerdict(type, second);
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
    disagreements: items.length - agreements,
    agreementRate: items.length === 0 ? null : agreements / items.length,
    merged,
    pending: items.filter((c) => !c.agree).map((c) => c.itemId),
    domains,
    overall: { first: o1, second: o2, agree: sameJudgement(o1, o2) },
  };
}
