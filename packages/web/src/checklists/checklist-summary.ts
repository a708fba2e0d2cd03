import {
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistStatus,
  type DomainVerdict,
  type Role,
  checklistItems,
  checklistVerdict,
  checklistProgress,
  isChecklistReadOnly,
  roleAtLeast,
  toolRelease,
  unansweredQuestions,
} from '@corates/shared';
import { countLabel } from '../ui/format.ts';
import { type ChecklistScore, scoreChecklist } from './checklist-score.ts';

/** A question the summary links to: the page moves focus to it. */
export interface QuestionLink {
  id: string;
  /** What the link reads: "2.2", "9a"; for AMSTAR 2's findings "Item 9". */
  text: string;
  /** What it is called for assistive technology: "Question 2.2", "Item 9a". */
  label: string;
}

/** One line of what drives an AMSTAR 2 rating: a count that says what it counts, and the items. */
export interface FindingLine {
  /** "1 critical flaw", "No non-critical weaknesses". */
  count: string;
  items: QuestionLink[];
}

export interface ChecklistSummary {
  answered: number;
  total: number;
  /** "7/18": questions answered of those the tool asks given the answers. */
  progressText: string;
  score: ChecklistScore;
  /**
   * The overall judgement as soon as the answers give one ("High"), else "Incomplete — 3 items
   * unanswered" ("questions" in the risk-of-bias tools), counting the questions still unanswered.
   */
  ratingText: string;
  /** Every question the tool asks that is still unanswered, in display order, to link to. */
  missing: QuestionLink[];
  /**
   * Every question asked is answered (and, once `summaryWithAssessorJudgements` applied them, no
   * assessor judgement is stale): the checklist may be marked complete.
   */
  complete: boolean;
  /** "2 questions unanswered" (AMSTAR 2: items), for the list of missing questions. */
  missingText: string;
  /** What the overall judgement is called in this tool. */
  overallHeading: string;
  /** Why "Mark complete" is not available yet, in the tool's terms; null once it is. */
  completeHint: string | null;
  /**
   * What drives an AMSTAR 2 rating, once it has one: critical flaws and non-critical weaknesses,
   * counted and named. Null for the risk-of-bias tools, whose domains say it.
   */
  findings: { criticalFlaws: FindingLine; nonCriticalWeaknesses: FindingLine } | null;
  /** Each assessed domain's live judgement (ROBINS-I, RoB 2; none for AMSTAR 2). */
  domains: DomainVerdict[];
  /**
   * The assessor judgements given against a suggestion the answers no longer give, which marking
   * complete also waits for (`summaryWithAssessorJudgements`); none from the answers alone.
   */
  stale: { links: QuestionLink[]; text: string };
}

/** An AMSTAR 2 finding's count in words, and links to its items (item 9's parts: to 9a). */
function findingLine(
  definition: ChecklistDefinition,
  numbers: readonly string[],
  singular: string,
  plural: string,
): FindingLine {
  const items = checklistItems(definition);
  return {
    count: numbers.length === 0 ? `No ${plural}` : countLabel(numbers.length, singular, plural),
    items: numbers.map((number) => ({
      id: items.find((i) => (i.group?.number ?? i.number) === number)?.id ?? number,
      text: `Item ${number}`,
      label: `Item ${number}`,
    })),
  };
}

/** The questions still to answer before a checklist is complete, as links, counted in words. */
export interface UnansweredLinks {
  /** Every question the tool asks that is still unanswered, in display order. */
  missing: QuestionLink[];
  /** "2 questions unanswered" (AMSTAR 2: items). */
  missingText: string;
  /** Every question asked is answered. */
  complete: boolean;
}

/**
 * What is still unanswered among the questions the tool asks given the answers
 * (`unansweredQuestions`), as links in the tool's terms: what "Mark complete" on a reviewer's
 * checklist and "Finalize" on a reconciled one wait for.
 */
export function unansweredLinks(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): UnansweredLinks {
  // AMSTAR 2 rates items; the risk-of-bias tools ask signalling questions and judge domains.
  const rated = definition.type === 'AMSTAR2';
  const unit = rated ? 'item' : 'question';
  const Unit = rated ? 'Item' : 'Question';
  // Completeness is the questions the tool asks; the scoring's own list of what it still needs is
  // always among them (a shared property test), so the two never disagree.
  const missing = unansweredQuestions(definition, answers).map((item) => ({
    id: item.id,
    text: item.number,
    label: `${Unit} ${item.number}`,
  }));
  return {
    missing,
    missingText: `${countLabel(missing.length, unit)} unanswered`,
    complete: missing.length === 0,
  };
}

/** What the sticky summary shows, from the definition and the current answers. */
export function checklistSummary(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistSummary {
  const { answered, total } = checklistProgress(definition, answers);
  const score = scoreChecklist(definition.type, answers);
  // AMSTAR 2 rates items; the risk-of-bias tools ask signalling questions and judge domains.
  const rated = definition.type === 'AMSTAR2';
  const { missing, missingText, complete } = unansweredLinks(definition, answers);
  const findings = score.status === 'complete' ? score.findings : null;
  return {
    answered,
    total,
    progressText: `${answered}/${total}`,
    score,
    ratingText: score.status === 'complete' ? score.ratingLabel : `Incomplete — ${missingText}`,
    missing,
    complete,
    missingText,
    overallHeading: rated ? 'Overall confidence' : 'Overall risk of bias',
    completeHint: complete
      ? null
      : rated
        ? 'Answer every item to mark the checklist complete.'
        : 'Answer every question asked to mark the checklist complete.',
    findings: findings && {
      criticalFlaws: findingLine(
        definition,
        findings.criticalFlaws,
        'critical flaw',
        'critical flaws',
      ),
      nonCriticalWeaknesses: findingLine(
        definition,
        findings.nonCriticalWeaknesses,
        'non-critical weakness',
        'non-critical weaknesses',
      ),
    },
    domains: checklistVerdict(definition.type, answers).domains,
    stale: { links: [], text: '' },
  };
}

/**
 * The line under a checklist's title naming the tool release its questions and judgements follow
 * ("Judgements follow ROBINS-I V2 (20 November 2025 release, robins-i.org)"; for RoB 2 the
 * variant of the study design chosen), or null for a tool without a named release.
 */
export function toolReleaseLine(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers = {},
): string | null {
  const release = toolRelease(definition, answers);
  return release ? `Judgements follow ${release}` : null;
}

export interface ChecklistAccess {
  /** The signed-in user is this checklist's reviewer (and may edit the project). */
  isReviewer: boolean;
  /** Answers and notes can be changed now. */
  editable: boolean;
  /** Why not, in words, when not editable. */
  reason: string | null;
}

/**
 * Who may change a checklist: only its own reviewer, with at least the editor role, and only while
 * it is not completed (reopening is the reviewer's explicit action).
 */
export function checklistAccess(input: {
  role: Role;
  userId: string;
  reviewerId: string | null;
  reviewerName: string;
  status: ChecklistStatus;
}): ChecklistAccess {
  if (!roleAtLeast(input.role, 'editor'))
    return {
      isReviewer: false,
      editable: false,
      reason: 'You are a viewer in this project: you can read this checklist but not change it.',
    };
  if (input.reviewerId === null)
    return {
      isReviewer: false,
      editable: false,
      reason: 'This is the reconciled checklist: it is changed on the reconciliation page.',
    };
  if (input.reviewerId !== input.userId)
    return {
      isReviewer: false,
      editable: false,
      reason: `This is ${input.reviewerName}’s checklist: only they can change it.`,
    };
  if (isChecklistReadOnly(input.status))
    return {
      isReviewer: true,
      editable: false,
      reason: 'You marked this checklist complete. Reopen it to change answers or notes.',
    };
  return { isReviewer: true, editable: true, reason: null };
}
