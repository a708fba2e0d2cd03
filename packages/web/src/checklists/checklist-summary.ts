import {
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistStatus,
  type DomainVerdict,
  type Role,
  activeSections,
  checklistVerdict,
  checklistProgress,
  isChecklistReadOnly,
  roleAtLeast,
  toolRelease,
} from '@corates/shared';
import { countLabel } from '../ui/format.ts';
import { type ChecklistScore, scoreChecklist } from './checklist-score.ts';

export interface ChecklistSummary {
  answered: number;
  total: number;
  /** "7/18". */
  progressText: string;
  score: ChecklistScore;
  /** "High", or "Incomplete — 3 items unanswered" ("questions" in the risk-of-bias tools). */
  ratingText: string;
  /** Unanswered items, for links to them. */
  missing: { id: string; number: string }[];
  /** What the overall judgement is called in this tool. */
  overallHeading: string;
  /** What marking the checklist complete waits for, in the tool's terms. */
  completeHint: string;
  /** Each assessed domain's live judgement (ROBINS-I, RoB 2; none for AMSTAR 2). */
  domains: DomainVerdict[];
}

/** What the sticky summary shows, from the definition and the current answers. */
export function checklistSummary(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistSummary {
  const { answered, total } = checklistProgress(definition, answers);
  const score = scoreChecklist(definition.type, answers);
  // Item numbers repeat across alternative domains (ROBINS-I 1a and 1b both have 1.1): look in
  // the sections being assessed.
  const items = activeSections(definition, answers).flatMap((s) => s.items);
  const missing =
    score.status === 'incomplete'
      ? score.missing.map((number) => ({
          id: items.find((i) => i.number === number)?.id ?? number,
          number,
        }))
      : [];
  // AMSTAR 2 rates items; the risk-of-bias tools ask signalling questions and judge domains.
  const rated = definition.type === 'AMSTAR2';
  const unit = rated ? 'item' : 'question';
  return {
    answered,
    total,
    progressText: `${answered}/${total}`,
    score,
    ratingText:
      score.status === 'complete'
        ? score.ratingLabel
        : `Incomplete — ${countLabel(score.missing.length, unit)} unanswered`,
    missing,
    overallHeading: rated ? 'Overall confidence' : 'Overall risk of bias',
    completeHint: rated
      ? 'Answer every item to mark the checklist complete.'
      : 'Answer the questions listed as unanswered to mark the checklist complete.',
    domains: checklistVerdict(definition.type, answers).domains,
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
