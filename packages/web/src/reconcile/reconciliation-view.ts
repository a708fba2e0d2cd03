import {
  type ChecklistAnswers,
  type ChecklistItem,
  type ChecklistSection,
  type ChecklistType,
  type ChecklistVerdict,
  type Judgement,
  type ReconciliationComparison,
  activeSections,
  answerFor,
  checklistDefinition,
  checklistVerdict,
  compareAnswers,
  isAnswerable,
} from '@corates/shared';

/** One item side by side: both reviewers' answers and the reconciled one. */
export interface ReconcileRow {
  item: ChecklistItem;
  /** Option labels as shown; undefined when that reviewer left the item blank. */
  first: { value: string; label: string } | undefined;
  second: { value: string; label: string } | undefined;
  agree: boolean;
  /** The reconciled checklist's answer, when it has one. */
  final: string | undefined;
}

export interface ReconcileSectionView {
  section: ChecklistSection;
  rows: ReconcileRow[];
}

export interface ReconciliationView {
  comparison: ReconciliationComparison;
  /** "75%", or "—" when neither reviewer answered anything. */
  agreementText: string;
  sections: ReconcileSectionView[];
  /** Disagreements the reconciled checklist has no answer to yet. */
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
  const activeEither = new Set(
    [...activeSections(definition, first), ...activeSections(definition, second)].map((s) => s.id),
  );
  const sections: ReconcileSectionView[] = [];
  for (const section of definition.sections) {
    if (!activeFinal.has(section.id) && !activeEither.has(section.id)) continue;
    const rows = section.items
      .filter((item) => activeFinal.has(section.id) || compared.has(item.id))
      .map((item) => ({
        item,
        first: answerView(item, first),
        second: answerView(item, second),
        // Text items have no answer; their notes are shown side by side.
        agree: isAnswerable(item) ? (compared.get(item.id)?.agree ?? true) : true,
        final: answerFor(item, final),
      }));
    if (rows.length > 0) sections.push({ section, rows });
  }
  const finalVerdict = checklistVerdict(type, final);
  const undecided = sections
    .flatMap((s) => (activeFinal.has(s.section.id) ? s.rows : []))
    .filter((r) => !r.agree && r.final === undefined).length;
  return {
    comparison,
    agreementText:
      comparison.agreementRate === null ? '—' : `${Math.round(comparison.agreementRate * 100)}%`,
    sections,
    undecided,
    finalVerdict,
    finalOverall: finalVerdict.status === 'complete' ? finalVerdict.overall : undefined,
    canFinalize: finalVerdict.status === 'complete',
  };
}
