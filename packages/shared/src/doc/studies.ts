import * as Y from 'yjs';
import { randomId } from './random-id.ts';
import { type DocStudy, type StudyFields } from './layout.ts';
import { readStudyEntry } from './read-doc.ts';
import { ChecklistRuleError } from './checklist-errors.ts';
import { studiesOf } from './roots.ts';
import { reviewerHasChecklists } from './trash.ts';

export function addStudy(
  doc: Y.Doc,
  fields: StudyFields,
  userId: string,
  id: string = randomId(),
): string {
  doc.transact(() => {
    const study = new Y.Map<unknown>();
    studiesOf(doc).set(id, study);
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) study.set(k, v);
    study.set('id', id);
    study.set('createdAt', new Date().toISOString());
    study.set('createdBy', userId);
    study.set('reviewer1', null);
    study.set('reviewer2', null);
  });
  return id;
}

/**
 * Field-level writes: two people editing different fields of a study both keep their change. An
 * optional field given as `undefined` (`{ design: undefined }`) is cleared: its key is removed,
 * which is how the layout says "not set".
 */
export function updateStudy(doc: Y.Doc, studyId: string, fields: Partial<StudyFields>) {
  const study = studiesOf(doc).get(studyId);
  if (!study) throw new Error(`no study ${studyId}`);
  doc.transact(() => {
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) {
        if (study.has(k)) study.delete(k);
      } else if (study.get(k) !== v) study.set(k, v);
    }
  });
}

/**
 * Sets a study's two reviewers. Never replaces a reviewer who has checklists of the study (their
 * work would vanish from it): that is refused (ChecklistRuleError); unassign them first
 * (`unassignReviewer`, which moves started work to the trash).
 */
export function assignReviewers(
  doc: Y.Doc,
  studyId: string,
  reviewer1: string | null,
  reviewer2: string | null,
) {
  if (reviewer1 !== null && reviewer1 === reviewer2)
    throw new Error('the two reviewers must be different people');
  const study = studiesOf(doc).get(studyId);
  if (!study) throw new Error(`no study ${studyId}`);
  const wanted = { reviewer1, reviewer2 };
  const stays = new Set([reviewer1, reviewer2]);
  for (const slot of ['reviewer1', 'reviewer2'] as const) {
    const now: unknown = study.get(slot);
    if (now === wanted[slot] || typeof now !== 'string' || stays.has(now)) continue;
    if (reviewerHasChecklists(doc, studyId, now))
      throw new ChecklistRuleError(
        'This reviewer has started the study: unassign them first (their work goes to the trash).',
      );
  }
  doc.transact(() => {
    study.set('reviewer1', reviewer1);
    study.set('reviewer2', reviewer2);
  });
}

export function readStudies(doc: Y.Doc): DocStudy[] {
  const out: DocStudy[] = [];
  studiesOf(doc).forEach((s, id) => {
    const study = readStudyEntry(id, s).value;
    if (study) out.push(study);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** One study, if it is there and readable. */
export function readStudy(doc: Y.Doc, studyId: string): DocStudy | undefined {
  const s = studiesOf(doc).get(studyId);
  return s === undefined ? undefined : readStudyEntry(studyId, s).value;
}
