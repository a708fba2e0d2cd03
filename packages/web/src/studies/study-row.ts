import {
  type ChecklistStatus,
  type ChecklistType,
  type DocStudy,
  type Role,
  type StudyStatus,
  combinedStudyStatus,
} from '@corates/shared';
import { checklistDocAccess } from '@corates/shared/doc';

/** The checklist type the studies list works with (ROBINS-I and RoB 2 come later). */
export const STUDY_CHECKLIST_TYPE: ChecklistType = 'AMSTAR2';

export const STUDY_STATUS_LABEL: Readonly<Record<StudyStatus, string>> = {
  pending: 'Not started',
  'in-progress': 'In progress',
  'reviewer-completed': 'One reviewer done',
  'ready-to-reconcile': 'Ready to reconcile',
  reconciling: 'Reconciling',
  finalized: 'Finalized',
};

export const CHECKLIST_STATUS_LABEL: Readonly<Record<ChecklistStatus, string>> = {
  pending: 'Not started',
  'in-progress': 'In progress',
  'reviewer-completed': 'Completed',
  reconciling: 'Reconciling',
  finalized: 'Finalized',
};

/**
 * What the studies list knows of a checklist: its header in the project document. Never its
 * content — answers, notes and ratings are in the checklist's own document (document model v2),
 * which the relay withholds from a blinded reviewer, so the list shows statuses only.
 */
export interface ListedChecklist {
  id: string;
  type: ChecklistType;
  studyId: string;
  reviewerId: string | null;
  status: ChecklistStatus;
  createdAt: string;
  completedAt: string | null;
  outcomeId?: string | undefined;
}

/** Who is looking at the list: what they may open depends on their role and the blinding. */
export interface ListViewer {
  meId: string;
  role: Role;
  /** The project's "blind reviewers" setting (`readBlindReviewers`). */
  blindReviewers: boolean;
  nameOf: (userId: string) => string;
}

export interface ReviewerChecklistView {
  id: string;
  status: ChecklistStatus;
  statusLabel: string;
  /**
   * Whether the viewer may open it (`checklistDocAccess`, the rule the relay enforces): a blinded
   * reviewer sees the other reviewer's status, not a link to answers they would be refused.
   */
  visible: boolean;
}

export interface ReviewerSlotView {
  slot: 1 | 2;
  userId: string | null;
  /** The reviewer's name; "Unassigned" when the slot is empty. */
  name: string;
  isMe: boolean;
  checklist: ReviewerChecklistView | null;
}

export interface StudyRowView {
  reviewerCount: number;
  status: StudyStatus;
  statusLabel: string;
  slots: [ReviewerSlotView, ReviewerSlotView];
}

/** The assigned reviewers' user ids, without empty slots. */
export function assignedReviewers(study: Pick<DocStudy, 'reviewer1' | 'reviewer2'>): string[] {
  return [study.reviewer1, study.reviewer2].filter((id): id is string => id !== null);
}

/**
 * One row of the studies list: the reviewer slots with their checklists of the list's type, and
 * the study's status, which combines the statuses of its appraisals (`studyAppraisals`).
 */
export function studyRowView(
  study: DocStudy,
  checklists: readonly ListedChecklist[],
  viewer: ListViewer,
  appraisalStatuses: readonly StudyStatus[],
): StudyRowView {
  const assigned = assignedReviewers(study);
  const ofStudy = checklists.filter((c) => c.studyId === study.id);
  const ofType = ofStudy.filter((c) => c.type === STUDY_CHECKLIST_TYPE);
  const status = combinedStudyStatus(appraisalStatuses);
  const slot = (n: 1 | 2, userId: string | null): ReviewerSlotView => {
    const checklist = userId === null ? undefined : ofType.find((c) => c.reviewerId === userId);
    return {
      slot: n,
      userId,
      name: userId === null ? 'Unassigned' : viewer.nameOf(userId),
      isMe: userId !== null && userId === viewer.meId,
      checklist: checklist ? reviewerChecklistView(checklist, ofStudy, viewer) : null,
    };
  };
  return {
    reviewerCount: assigned.length,
    status,
    statusLabel: STUDY_STATUS_LABEL[status],
    slots: [slot(1, study.reviewer1), slot(2, study.reviewer2)],
  };
}

/** A reviewer's checklist as the list shows it; `ofStudy` are the study's checklists. */
export function reviewerChecklistView(
  checklist: ListedChecklist,
  ofStudy: readonly ListedChecklist[],
  viewer: Pick<ListViewer, 'meId' | 'role' | 'blindReviewers'>,
): ReviewerChecklistView {
  const access = checklistDocAccess({
    userId: viewer.meId,
    role: viewer.role,
    checklist,
    checklists: ofStudy,
    blindReviewers: viewer.blindReviewers,
  });
  return {
    id: checklist.id,
    status: checklist.status,
    statusLabel: CHECKLIST_STATUS_LABEL[checklist.status],
    visible: access !== 'none',
  };
}

export type ReviewerChange =
  { ok: true; reviewer1: string | null; reviewer2: string | null } | { ok: false; message: string };

/** A change of one reviewer select; the same person in both slots is refused, with the reason. */
export function changeReviewer(
  study: Pick<DocStudy, 'reviewer1' | 'reviewer2'>,
  slot: 1 | 2,
  userId: string | null,
  nameOf: (userId: string) => string,
): ReviewerChange {
  const other = slot === 1 ? study.reviewer2 : study.reviewer1;
  if (userId !== null && userId === other)
    return {
      ok: false,
      message: `${nameOf(userId)} is already reviewer ${slot === 1 ? 2 : 1}. Choose two different people.`,
    };
  return slot === 1
    ? { ok: true, reviewer1: userId, reviewer2: study.reviewer2 }
    : { ok: true, reviewer1: study.reviewer1, reviewer2: userId };
}

/** The checklist page's address. */
export function checklistPath(projectId: string, checklistId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/checklists/${encodeURIComponent(checklistId)}`;
}
