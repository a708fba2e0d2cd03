import type * as Y from 'yjs';
import { type ChecklistType, checklistDefinition, checklistProgress } from '@corates/shared';
import {
  type ChecklistContent,
  checklistDocAccess,
  readChecklistContent,
} from '@corates/shared/doc';
import type { ListViewer, ListedChecklist } from './study-row.ts';

/**
 * Checklist content for the views that score it (final results in the studies list, the results
 * page, the agreement page). Document model v2: the project document holds only checklist
 * headers; a checklist's answers and judgements are in its own document, loaded on demand from the
 * ones this user may open. Pure: the loading is `createChecklistContents`.
 */

/** What scoring needs of a checklist's content: its answers and assessor judgements. */
export type ScoredContent = Pick<ChecklistContent, 'answers' | 'judgements'>;

export function scoredContentOf(doc: Y.Doc): ScoredContent {
  const { answers, judgements } = readChecklistContent(doc);
  return { answers, judgements };
}

/**
 * Which loaded content a header stands for: a done checklist's content changes only after it is
 * reopened, which changes its status, so a content loaded under this key stays right.
 */
export const contentKey = (c: Pick<ListedChecklist, 'id' | 'status' | 'completedAt'>) =>
  `${c.id}|${c.status}|${c.completedAt ?? ''}`;

/**
 * Whether a checklist's content is settled while its status stays: a completed or finalized one
 * changes only after it is reopened, which changes its status. Only settled content may be kept
 * across pages by `contentKey`; an open checklist's answers change under the same status.
 */
export const contentSettled = (c: Pick<ListedChecklist, 'status'>) =>
  c.status === 'reviewer-completed' || c.status === 'finalized';

/**
 * "3 of 16 answered", for a checklist on the studies list: the questions asked that are answered,
 * counted by `checklistProgress` like the checklist page's summary and the trash warning.
 */
export function answeredText(type: ChecklistType, content: Pick<ScoredContent, 'answers'>): string {
  const { answered, total } = checklistProgress(checklistDefinition(type), content.answers);
  return `${answered} of ${total} answered`;
}

/** The headers whose content is loaded, each with it; the others are left out. */
export function joinContents<H extends Pick<ListedChecklist, 'id'>>(
  headers: readonly H[],
  contents: ReadonlyMap<string, ScoredContent>,
): (H & ScoredContent)[] {
  return headers.flatMap((h) => {
    const content = contents.get(h.id);
    return content ? [{ ...h, ...content }] : [];
  });
}

/**
 * Of the checklists wanted, those this viewer may open (`checklistDocAccess`, the relay's rule):
 * the others are not asked for, so a blinded reviewer's browser never requests (or keeps an
 * empty copy of) a document the server would withhold.
 */
export function openable<C extends ListedChecklist>(
  wanted: readonly C[],
  all: readonly ListedChecklist[],
  viewer: Pick<ListViewer, 'meId' | 'role' | 'blindReviewers'>,
): C[] {
  const byStudy = new Map<string, ListedChecklist[]>();
  for (const c of all) byStudy.set(c.studyId, [...(byStudy.get(c.studyId) ?? []), c]);
  return wanted.filter(
    (checklist) =>
      checklistDocAccess({
        userId: viewer.meId,
        role: viewer.role,
        checklist,
        checklists: byStudy.get(checklist.studyId) ?? [checklist],
        blindReviewers: viewer.blindReviewers,
      }) !== 'none',
  );
}

/** "Loading 37 of 200 appraisals…". */
export function loadingText(done: number, total: number, noun: [string, string]): string {
  return `Loading ${done} of ${total} ${total === 1 ? noun[0] : noun[1]}…`;
}

/**
 * The checklists whose content the study cards on screen show, once each: every appraisal's final
 * result, and each reviewer checklist the viewer may open (`openable`: a blinded reviewer's own,
 * never the other's) for its answered count. Only the cards on screen: the list holds 1,000 studies.
 */
export function cardContents(
  cards: readonly { finals: readonly ListedChecklist[]; checklists: readonly ListedChecklist[] }[],
  viewer: Pick<ListViewer, 'meId' | 'role' | 'blindReviewers'>,
): ListedChecklist[] {
  const out = new Map<string, ListedChecklist>();
  for (const card of cards) {
    for (const c of card.finals) out.set(c.id, c);
    const reviewers = card.checklists.filter((c) => c.reviewerId !== null);
    for (const c of openable(reviewers, card.checklists, viewer)) out.set(c.id, c);
  }
  return [...out.values()];
}

/** Checklist id → "3 of 16 answered", for the loaded contents of `checklists` only. */
export function answeredTexts(
  checklists: readonly Pick<ListedChecklist, 'id' | 'type'>[],
  contents: ReadonlyMap<string, Pick<ScoredContent, 'answers'>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of checklists) {
    const content = contents.get(c.id);
    if (content) out.set(c.id, answeredText(c.type, content));
  }
  return out;
}
