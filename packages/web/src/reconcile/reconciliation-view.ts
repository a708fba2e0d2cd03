import {
  type ChecklistAnswers,
  type ChecklistItem,
  type ChecklistSection,
  type ChecklistType,
  type ChecklistAgreement,
  type ChecklistVerdict,
  type ItemAgreementStatus,
  type Judgement,
  type ReconciliationComparison,
  activeSections,
  answerFor,
  checklistAgreement,
  checklistDefinition,
  checklistVerdict,
  compareAnswers,
  isAnswerable,
  reachedItemIds,
} from '@corates/shared';
import { percentText } from '../agreement/agreement-text.ts';

/** One item side by side: both reviewers' answers and the reconciled one. */
export interface ReconcileRow {
  item: ChecklistItem;
  /**
   * Option labels as shown; undefined when that reviewer left the item blank or was not asked it
   * (an answer left on a question the reviewer's other answers no longer ask is not shown).
   */
  first: { value: string; label: string } | undefined;
  second: { value: string; label: string } | undefined;
  /** Whether each reviewer's answers ask the question at all. */
  asked: { first: boolean; second: boolean };
  /** How the two compare; undefined where neither reviewer was asked and answered it. */
  status: ItemAgreementStatus | undefined;
  /** Nothing to decide between the two: they agree, or there is nothing to compare. */
  agree: boolean;
  /** The reconciled checklist's answer, when it has one. */
  final: string | undefined;
  /** The reconciled answers so far ask this question (or it is a direction or a choice). */
  askedInFinal: boolean;
  /** What the row's comparison is, in words ("Disagreement"); empty for text items. */
  tag: string;
}

const STATUS_TAG: Record<ItemAgreementStatus, string> = {
  agree: 'Agreement',
  disagree: 'Disagreement',
  'answered-by-one': 'Answered by one reviewer only',
  'reached-by-one': 'Asked of one reviewer only (follows from an earlier difference)',
};

function rowTag(
  item: ChecklistItem,
  status: ItemAgreementStatus | undefined,
  asked: { first: boolean; second: boolean },
): string {
  if (!isAnswerable(item)) return '';
  if (status !== undefined) return STATUS_TAG[status];
  return asked.first || asked.second
    ? 'Not answered by either reviewer'
    : 'Not asked of either reviewer';
}

export interface ReconcileSectionView {
  section: ChecklistSection;
  rows: ReconcileRow[];
}

export interface ReconciliationView {
  comparison: ReconciliationComparison;
  /** The agreement figures of this pair of checklists. */
  agreement: ChecklistAgreement;
  /** "75%", or "—" when neither reviewer answered anything. */
  agreementText: string;
  sections: ReconcileSectionView[];
  /**
   * Differences the reconciled checklist has no answer to yet, among the questions its own answers
   * ask (a question the reconciled answers do not reach needs no decision).
   */
  undecided: number;
  finalVerdict: ChecklistVerdict;
  /** The reconciled overall judgement, once every domain is judged. */
  finalOverall: Judgement | undefined;
  /** Every domain of the reconciled answers is judged, so the result can be finalized. */
  canFinalize: boolean;
}

const answerView = (item: ChecklistItem, answers: ChecklistAnswers) => {
  const value = answerFor(item, answers);
  const option = item.options.find((o) => o.value === value);
  return option && { value: option.value, label: option.label };
};

/**
 * The reconciliation screen, from both reviewers' answers and the reconciled answers so far
 * (`final`, empty before reconciling starts). Shows the items either reviewer answered in the
 * sections active for either of them, and every question of a section the reconciled answers
 * make active (the reconciler may pick an effect of interest neither reviewer used).
 */
export function reconciliationView(
  type: ChecklistType,
  first: ChecklistAnswers,
  second: ChecklistAnswers,
  final: ChecklistAnswers,
): ReconciliationView {
  const definition = checklistDefinition(type);
  const comparison = compareAnswers(type, first, second);
  const compared = new Map(comparison.items.map((c) => [c.itemId, c]));
  const activeFinal = new Set(activeSections(definition, final).map((s) => s.id));
  const asked = {
    first: reachedItemIds(definition, first),
    second: reachedItemIds(definition, second),
    final: reachedItemIds(definition, final),
  };
  const activeEither = new Set(
    [...activeSections(definition, first), ...activeSections(definition, second)].map((s) => s.id),
  );
  const sections: ReconcileSectionView[] = [];
  for (const section of definition.sections) {
    if (!activeFinal.has(section.id) && !activeEither.has(section.id)) continue;
    const rows = section.items
      .filter((item) => activeFinal.has(section.id) || compared.has(item.id))
      .map((item) => {
        const status = compared.get(item.id)?.status;
        const askedOf = { first: asked.first.has(item.id), second: asked.second.has(item.id) };
        return {
          item,
          first: askedOf.first ? answerView(item, first) : undefined,
          second: askedOf.second ? answerView(item, second) : undefined,
          asked: askedOf,
          status,
          // Text items have no answer; their notes are shown side by side.
          agree: !isAnswerable(item) || status === undefined || status === 'agree',
          final: answerFor(item, final),
          askedInFinal: asked.final.has(item.id),
          tag: rowTag(item, status, askedOf),
        };
      });
    if (rows.length > 0) sections.push({ section, rows });
  }
  const finalVerdict = checklistVerdict(type, final);
  const undecided = sections
    .flatMap((s) => (activeFinal.has(s.section.id) ? s.rows : []))
    .filter((r) => !r.agree && r.askedInFinal && r.final === undefined).length;
  return {
    comparison,
    agreement: checklistAgreement(comparison),
    agreementText: percentText(comparison.agreementRate),
    sections,
    undecided,
    finalVerdict,
    finalOverall: finalVerdict.status === 'complete' ? finalVerdict.overall : undefined,
    canFinalize: finalVerdict.status === 'complete',
  };
}
