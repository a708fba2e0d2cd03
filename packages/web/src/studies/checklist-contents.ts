import type * as Y from 'yjs';
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
