import {
  type ChecklistType,
  type DocOutcome,
  type DocStudy,
  type Judgement,
  type StudyStatus,
  appraisalResult,
  checklistDefinition,
  studyStatus,
} from '@corates/shared';
import { type DocChecklist, reconciledChecklistId, reviewerChecklistId } from '@corates/shared/doc';
import {
  type ReviewerChecklistView,
  STUDY_STATUS_LABEL,
  assignedReviewers,
  reviewerChecklistView,
} from './study-row.ts';

/** Tools whose assessments are of one outcome (listed after AMSTAR 2). */
export const PER_OUTCOME_TYPES: readonly ChecklistType[] = ['ROBINS_I', 'ROB2'];

export interface AppraisalReviewerView {
  slot: 1 | 2;
  userId: string;
  name: string;
  isMe: boolean;
  checklist: ReviewerChecklistView | null;
}

/** One appraisal of a study: a tool, and for ROBINS-I and RoB 2 one outcome. */
export interface AppraisalView {
  key: string;
  type: ChecklistType;
  outcomeId: string | undefined;
  /** "RoB 2 · Mortality". */
  title: string;
  reviewers: AppraisalReviewerView[];
  status: StudyStatus;
  statusLabel: string;
  /** The two reviewer checklists to reconcile, once both are completed (or reconciling began). */
  reconcile: { firstId: string; secondId: string } | null;
  /** The final overall judgement, once finalized. */
  result: Judgement | undefined;
}

/** The reconciliation page's address of an appraisal. */
export function reconcilePath(
  projectId: string,
  a: { studyId: string; type: ChecklistType; outcomeId?: string | undefined },
): string {
  const parts = [projectId, 'reconcile', a.studyId, a.type, ...(a.outcomeId ? [a.outcomeId] : [])];
  return `/projects/${parts.map(encodeURIComponent).join('/')}`;
}

/**
 * A study's appraisals: AMSTAR 2 when its reviewers have started one, and each tool and outcome a
 * reviewer has started ROBINS-I or RoB 2 for. Like the studies list, only the checklists of the
 * currently assigned reviewers and the reconciled checklist count.
 */
export function studyAppraisals(
  study: DocStudy,
  checklists: readonly DocChecklist[],
  outcomes: readonly DocOutcome[],
  context: { meId: string; nameOf: (userId: string) => string },
): AppraisalView[] {
  const assigned = assignedReviewers(study);
  const ofStudy = checklists.filter((c) => c.studyId === study.id);
  const keys = new Map<string, { type: ChecklistType; outcomeId: string | undefined }>();
  for (const c of ofStudy)
    keys.set(`${c.type}:${c.outcomeId ?? ''}`, { type: c.type, outcomeId: c.outcomeId });
  const order = (t: ChecklistType) => ['AMSTAR2', ...PER_OUTCOME_TYPES].indexOf(t);
  const outcomeName = (id: string | undefined) =>
    outcomes.find((o) => o.id === id)?.name ?? 'Removed outcome';

  return [...keys.entries()]
    .map(([key, { type, outcomeId }]) => {
      const mine = ofStudy.filter((c) => c.type === type && c.outcomeId === outcomeId);
      const byReviewer = (userId: string) =>
        mine.find((c) => c.id === reviewerChecklistId(study.id, type, userId, outcomeId));
      const reconciled = mine.find(
        (c) => c.id === reconciledChecklistId(study.id, type, outcomeId),
      );
      const counted = [
        ...assigned.flatMap((u) => byReviewer(u) ?? []),
        ...(reconciled ? [reconciled] : []),
      ];
      const status = studyStatus(
        counted.map((c) => c.status),
        assigned.length,
      );
      const reviewers = [study.reviewer1, study.reviewer2].flatMap((userId, i) => {
        if (userId === null) return [];
        const checklist = byReviewer(userId);
        return [
          {
            slot: (i + 1) as 1 | 2,
            userId,
            name: context.nameOf(userId),
            isMe: userId === context.meId,
            checklist: checklist ? reviewerChecklistView(checklist) : null,
          },
        ];
      });
      const [first, second] = assigned.map(byReviewer);
      const bothDone =
        first?.status === 'reviewer-completed' && second?.status === 'reviewer-completed';
      const final = counted.find((c) => c.status === 'finalized');
      const definition = checklistDefinition(type);
      return {
        key,
        type,
        outcomeId,
        title: outcomeId ? `${definition.title} · ${outcomeName(outcomeId)}` : definition.title,
        reviewers,
        status,
        statusLabel: STUDY_STATUS_LABEL[status],
        reconcile:
          first && second && (bothDone || reconciled)
            ? { firstId: first.id, secondId: second.id }
            : null,
        result: final
          ? appraisalResult({ ...final, answers: { ...final.answers } }).overall
          : undefined,
      };
    })
    .sort((a, b) => order(a.type) - order(b.type) || a.title.localeCompare(b.title));
}
