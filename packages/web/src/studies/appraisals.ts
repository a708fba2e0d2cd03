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
import { reconciledChecklistId, reviewerChecklistId } from '@corates/shared/doc';
import {
  type ListViewer,
  type ListedChecklist,
  type ReviewerChecklistView,
  STUDY_STATUS_LABEL,
  assignedReviewers,
  reviewerChecklistView,
} from './study-row.ts';
import type { ScoredContent } from './checklist-contents.ts';

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
  /** The checklist holding the appraisal's result, once finalized. */
  final: ListedChecklist | undefined;
  /**
   * The final overall judgement, once finalized and its checklist's content is loaded (the project
   * document holds headers only: `createChecklistContents`).
   */
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
 * currently assigned reviewers and the reconciled checklist count. `finalContent` gives a
 * finalized checklist's content where it is loaded, for the appraisal's result.
 */
export function studyAppraisals(
  study: DocStudy,
  checklists: readonly ListedChecklist[],
  outcomes: readonly DocOutcome[],
  viewer: ListViewer,
  finalContent: (checklistId: string) => ScoredContent | undefined = () => undefined,
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
            name: viewer.nameOf(userId),
            isMe: userId === viewer.meId,
            checklist: checklist ? reviewerChecklistView(checklist, ofStudy, viewer) : null,
          },
        ];
      });
      const [first, second] = assigned.map(byReviewer);
      const bothDone =
        first?.status === 'reviewer-completed' && second?.status === 'reviewer-completed';
      const final = counted.find((c) => c.status === 'finalized');
      const content = final && finalContent(final.id);
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
        final,
        result: final && content ? appraisalResult({ ...final, ...content }).overall : undefined,
      };
    })
    .sort((a, b) => order(a.type) - order(b.type) || a.title.localeCompare(b.title));
}
