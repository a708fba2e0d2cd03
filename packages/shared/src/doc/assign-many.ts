import * as Y from 'yjs';
import { checklistsOf, studiesOf } from './roots.ts';

/** What to put in the reviewer slots of many studies; a slot left out is not changed. */
export interface ReviewerSlots {
  reviewer1?: string | null;
  reviewer2?: string | null;
}

/**
 * Why a study was not (fully) changed: `started` — the reviewer in a slot to change has a
 * checklist of the study, so that slot keeps them (their work would vanish from the study);
 * `same-person` — the result would put one person in both slots, so the study is left as it was;
 * `missing` — no such study (removed by someone else meanwhile).
 */
export type AssignSkipReason = 'started' | 'same-person' | 'missing';

export interface AssignManyResult {
  /** Studies whose reviewers changed. */
  changed: string[];
  /** Studies left wholly or partly unchanged, each with its reason. */
  skipped: { studyId: string; reason: AssignSkipReason }[];
}

/**
 * Assigns reviewers to many studies in one transaction (one undo step; a peer never sees half of
 * it). As in `assignReviewers`, the two reviewers of a study differ and a reviewer who has a
 * checklist of the study is not replaced: here their slot keeps them and the study is reported
 * (`started`), where the single-study form refuses.
 * @throws Error when both slots are given the same person.
 */
export function assignReviewersMany(
  doc: Y.Doc,
  studyIds: readonly string[],
  slots: ReviewerSlots,
): AssignManyResult {
  if (slots.reviewer1 != null && slots.reviewer1 === slots.reviewer2)
    throw new Error('the two reviewers must be different people');
  const result: AssignManyResult = { changed: [], skipped: [] };
  // Who has a checklist of which study: read once, not once per study.
  const started = new Set<string>();
  checklistsOf(doc).forEach((c) => {
    if (!(c instanceof Y.Map)) return;
    const studyId: unknown = c.get('studyId');
    const reviewerId: unknown = c.get('reviewerId');
    if (typeof studyId === 'string' && typeof reviewerId === 'string')
      started.add(`${studyId}\u0000${reviewerId}`);
  });
  doc.transact(() => {
    for (const studyId of new Set(studyIds)) {
      const study = studiesOf(doc).get(studyId);
      if (!study) {
        result.skipped.push({ studyId, reason: 'missing' });
        continue;
      }
      const current = (key: 'reviewer1' | 'reviewer2') => {
        const v: unknown = study.get(key);
        return typeof v === 'string' ? v : null;
      };
      let keptStarted = false;
      const next = (key: 'reviewer1' | 'reviewer2') => {
        const now = current(key);
        const wanted = slots[key];
        if (wanted === undefined || wanted === now) return now;
        if (now !== null && started.has(`${studyId}\u0000${now}`)) {
          keptStarted = true;
          return now;
        }
        return wanted;
      };
      const r1 = next('reviewer1');
      const r2 = next('reviewer2');
      if (r1 !== null && r1 === r2) {
        result.skipped.push({ studyId, reason: 'same-person' });
        continue;
      }
      if (keptStarted) result.skipped.push({ studyId, reason: 'started' });
      if (r1 === current('reviewer1') && r2 === current('reviewer2')) continue;
      study.set('reviewer1', r1);
      study.set('reviewer2', r2);
      result.changed.push(studyId);
    }
  });
  return result;
}
