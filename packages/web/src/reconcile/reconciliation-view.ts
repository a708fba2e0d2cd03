import {
  type AssessedDomain,
  type AssessedVerdict,
  type AssessorJudgements,
  type ChecklistAnswers,
  type ChecklistItem,
  type ChecklistSection,
  type ChecklistType,
  type ChecklistAgreement,
  type ItemAgreementStatus,
  type Judgement,
  type ReconciliationComparison,
  activeSections,
  answerFor,
  assessedVerdict,
  checklistAgreement,
  checklistDefinition,
  compareAnswers,
  isAnswerable,
  reachedItemIds,
} from '@corates/shared';
import { percentText } from '../agreement/agreement-text.ts';
import {
  type StaleJudgementLinks,
  staleJudgementLinks,
} from '../checklists/assessor-judgement-view.ts';
import { type UnansweredLinks, unansweredLinks } from '../checklists/checklist-summary.ts';

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

/**
 * One domain's judgements side by side: each reviewer's (the suggestion, their own judgement and
 * reason if they overrode it) and the reconciled checklist's.
 */
export interface ReconcileDomainView {
  domainId: string;
  title: string;
  first: AssessedDomain | undefined;
  second: AssessedDomain | undefined;
  /** Undefined until the reconciled answers assess this domain. */
  final: AssessedDomain | undefined;
}

/** Each side's assessor judgements (reviewers' and the reconciled checklist's). */
export interface ReconcileJudgements {
  first?: AssessorJudgements;
  second?: AssessorJudgements;
  final?: AssessorJudgements;
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
  /** The reconciled checklist's judgements: final ones, with the suggestions beside them. */
  finalVerdict: AssessedVerdict;
  /** Each reviewer's judgements (for their overall raises). */
  reviewerVerdicts: [AssessedVerdict, AssessedVerdict];
  /** Per domain of either reviewer or the reconciled answers, in the tool's order. */
  domainJudgements: ReconcileDomainView[];
  /** The reconciled overall judgement, once every domain is judged. */
  finalOverall: Judgement | undefined;
  /**
   * The reconciled checklist's questions still unanswered among those its answers ask: finalizing
   * waits for them, as marking a reviewer's checklist complete does.
   */
  unanswered: UnansweredLinks;
  /**
   * [AJ-STALE-1] The reconciled checklist's assessor judgements given against a suggestion its
   * answers no longer give: finalizing waits for each to be confirmed again or cleared.
   */
  stale: StaleJudgementLinks;
  /**
   * Every question the reconciled answers ask is answered, every domain judged and no assessor
   * judgement stale, so the result can be finalized.
   */
  canFinalize: boolean;
  /** Why "Finalize" is not available yet, in the tool's terms; null once it is. */
  finalizeHint: string | null;
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
 * make active (the reconciler may pick an effect of interest neither reviewer used). Judgements
 * are each side's final ones, given its assessor judgements.
 */
export function reconciliationView(
  type: ChecklistType,
  first: ChecklistAnswers,
  second: ChecklistAnswers,
  final: ChecklistAnswers,
  judgements: ReconcileJudgements = {},
): ReconciliationView {
  const definition = checklistDefinition(type);
  const comparison = compareAnswers(type, first, second, [judgements.first, judgements.second]);
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
  const finalVerdict = assessedVerdict(type, final, judgements.final);
  const reviewerVerdicts: [AssessedVerdict, AssessedVerdict] = [
    assessedVerdict(type, first, judgements.first),
    assessedVerdict(type, second, judgements.second),
  ];
  const domainOf = (v: AssessedVerdict, id: string) => v.domains.find((d) => d.domainId === id);
  const domainJudgements = definition.sections
    .filter((s) => [...reviewerVerdicts, finalVerdict].some((v) => domainOf(v, s.id) !== undefined))
    .map((s) => ({
      domainId: s.id,
      title: s.title,
      first: domainOf(reviewerVerdicts[0], s.id),
      second: domainOf(reviewerVerdicts[1], s.id),
      final: domainOf(finalVerdict, s.id),
    }));
  const unanswered = unansweredLinks(definition, final);
  // Every question asked answered implies every domain judged (the scoring needs only asked
  // questions, a shared property test); both are checked so neither can be skipped.
  const stale = staleJudgementLinks(type, finalVerdict);
  const canFinalize =
    unanswered.complete && finalVerdict.status === 'complete' && stale.links.length === 0;
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
    reviewerVerdicts,
    domainJudgements,
    finalOverall: finalVerdict.status === 'complete' ? finalVerdict.overall : undefined,
    unanswered,
    stale,
    canFinalize,
    finalizeHint: canFinalize
      ? null
      : !unanswered.complete || finalVerdict.status !== 'complete'
        ? type === 'AMSTAR2'
          ? 'Answer every item to finalize.'
          : 'Answer every question asked to finalize.'
        : 'Confirm again or clear each assessor judgement given against another suggestion to finalize.',
  };
}

/** What taking a reviewer's domain judgement into the reconciled checklist does. */
export type JudgementPick =
  { kind: 'override'; judgement: string; reason: string } | { kind: 'withdraw' } | null;

/**
 * Taking a reviewer's own judgement of a domain (an override, with its reason) into the reconciled
 * checklist: the same override with the reviewer's reason, or — when the reconciled answers
 * already suggest that judgement — withdrawing the reconciled override. Null when there is nothing
 * to take: the reviewer did not override the suggestion (their judgement then follows from their
 * answers, which are reconciled question by question), the reconciled domain is not judged yet,
 * or it already has that judgement.
 */
export function judgementPick(
  reviewer: AssessedDomain | undefined,
  final: AssessedDomain | undefined,
): JudgementPick {
  const assessor = reviewer?.assessor;
  if (!assessor?.applies || !final?.suggested) return null;
  if (final.judgement?.value === assessor.judgement.value) return null;
  if (final.suggested.value === assessor.judgement.value) return { kind: 'withdraw' };
  return { kind: 'override', judgement: assessor.judgement.value, reason: assessor.reason };
}
