import * as Y from 'yjs';
import {
  DOC_SCHEMA_VERSION,
  DocRoot,
  checklistDefinition,
  checklistItems,
  isChecklistReadOnly,
  statusAfterAnswer,
  statusWhenDone,
  type ChecklistStatus,
  type ChecklistType,
  type DocOutcome,
  type DocStudy,
  type OutcomeFields,
  type StoredChecklist,
  type StudyFields,
  compareAnswers,
  readChecklistEntry,
  readOutcomeEntry,
  readProjectDoc,
  readStudyEntry,
} from '@corates/shared';

/**
 * Reads and writes of the project document (layout: shared/src/doc/layout.ts). Pure functions
 * over a Y.Doc, so they run the same in the browser, in tests and on the server. Each write is one
 * transaction, so a peer never sees half of it.
 *
 * Reads go through the one tolerant reader of the layout in shared (`readProjectDoc` and its
 * per-entry functions, the same the server's summary and export use): an entry another client
 * wrote with the wrong types is left out of every list instead of breaking the page.
 */

/** A checklist as the app reads it: the stored checklist without its note texts. */
export type DocChecklist = Omit<StoredChecklist, 'notes'>;

type YStudy = Y.Map<unknown>;
type YChecklist = Y.Map<unknown>;

export const studiesOf = (doc: Y.Doc) => doc.getMap<YStudy>(DocRoot.studies);
export const checklistsOf = (doc: Y.Doc) => doc.getMap<YChecklist>(DocRoot.checklists);
export const outcomesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DocRoot.outcomes);

/** Stamps the schema version on a new document; an older one is migrated by `migrateDoc`. */
export function ensureDocSchema(doc: Y.Doc) {
  const meta = doc.getMap<number>(DocRoot.meta);
  if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', DOC_SCHEMA_VERSION);
}

/**
 * One-time layout migrations, keyed by the version they upgrade from. Empty while the layout is
 * at its first version; a future change adds `1: (doc) => { … }` and bumps DOC_SCHEMA_VERSION.
 */
export const DOC_MIGRATIONS: Record<number, (doc: Y.Doc) => void> = {};

export function migrateDoc(doc: Y.Doc, migrations = DOC_MIGRATIONS, target = DOC_SCHEMA_VERSION) {
  const meta = doc.getMap<number>(DocRoot.meta);
  let version = meta.get('schemaVersion') ?? target;
  // Up to date: write nothing. Every Y.Map set is a new update, even with the same value, and
  // this runs on every load: it would grow the document and count as an unsent local change.
  if (version >= target) return;
  doc.transact(() => {
    while (version < target) {
      const step = migrations[version];
      if (!step) throw new Error(`no document migration from schema version ${version}`);
      step(doc);
      version++;
    }
    meta.set('schemaVersion', version);
  });
}

export function addStudy(
  doc: Y.Doc,
  fields: StudyFields,
  userId: string,
  id: string = crypto.randomUUID(),
): string {
  doc.transact(() => {
    const study = new Y.Map<unknown>();
    studiesOf(doc).set(id, study);
    for (const [k, v] of Object.entries(fields)) study.set(k, v);
    study.set('id', id);
    study.set('createdAt', new Date().toISOString());
    study.set('createdBy', userId);
    study.set('reviewer1', null);
    study.set('reviewer2', null);
  });
  return id;
}

/** Field-level writes: two people editing different fields of a study both keep their change. */
export function updateStudy(doc: Y.Doc, studyId: string, fields: Partial<StudyFields>) {
  const study = studiesOf(doc).get(studyId);
  if (!study) throw new Error(`no study ${studyId}`);
  doc.transact(() => {
    for (const [k, v] of Object.entries(fields)) if (study.get(k) !== v) study.set(k, v);
  });
}

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
  doc.transact(() => {
    study.set('reviewer1', reviewer1);
    study.set('reviewer2', reviewer2);
  });
}

/** Adds an outcome of the project (what ROBINS-I and RoB 2 checklists assess). */
export function addOutcome(
  doc: Y.Doc,
  fields: OutcomeFields,
  userId: string,
  id: string = crypto.randomUUID(),
): string {
  doc.transact(() => {
    const outcome = new Y.Map<unknown>();
    outcomesOf(doc).set(id, outcome);
    outcome.set('id', id);
    outcome.set('name', fields.name);
    outcome.set('createdAt', new Date().toISOString());
    outcome.set('createdBy', userId);
  });
  return id;
}

export function renameOutcome(doc: Y.Doc, outcomeId: string, name: string) {
  const outcome = outcomesOf(doc).get(outcomeId);
  if (!outcome) throw new Error(`no outcome ${outcomeId}`);
  if (outcome.get('name') !== name) outcome.set('name', name);
}

/** Checklists that assess an outcome. */
export function checklistsOfOutcome(doc: Y.Doc, outcomeId: string): string[] {
  const ids: string[] = [];
  checklistsOf(doc).forEach((c, id) => {
    if (c instanceof Y.Map && c.get('outcomeId') === outcomeId) ids.push(id);
  });
  return ids;
}

/**
 * Removes an outcome no checklist assesses. One in use is refused: removing it would leave
 * assessments of nothing, and their answers are the project's work.
 */
export function removeOutcome(doc: Y.Doc, outcomeId: string) {
  if (checklistsOfOutcome(doc, outcomeId).length > 0)
    throw new Error('checklists assess this outcome; remove them first');
  outcomesOf(doc).delete(outcomeId);
}

export function readOutcomes(doc: Y.Doc): DocOutcome[] {
  const out: DocOutcome[] = [];
  outcomesOf(doc).forEach((o, id) => {
    const outcome = readOutcomeEntry(id, o, Y).value;
    if (outcome) out.push(outcome);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function removeStudy(doc: Y.Doc, studyId: string) {
  doc.transact(() => {
    studiesOf(doc).delete(studyId);
    checklistsOf(doc).forEach((c, id) => {
      if (c instanceof Y.Map && c.get('studyId') === studyId) checklistsOf(doc).delete(id);
    });
  });
}

/**
 * A reviewer's checklist has a deterministic id, so the same reviewer opening it on two devices
 * lands on one checklist rather than two. Per-outcome checklists (ROBINS-I, RoB 2) include the
 * outcome: one reviewer assesses several outcomes of a study.
 */
export function reviewerChecklistId(
  studyId: string,
  type: ChecklistType,
  reviewerId: string,
  outcomeId?: string,
) {
  return [studyId, type, ...(outcomeId === undefined ? [] : [outcomeId]), reviewerId].join(':');
}

/** The reviewer id part of a reconciled checklist's id (no user id has a colon or this value). */
const RECONCILED = 'reconciled';

/**
 * The reconciled checklist of an appraisal has a deterministic id too, so two people reconciling
 * the same study at once end with one reconciled checklist.
 */
export function reconciledChecklistId(studyId: string, type: ChecklistType, outcomeId?: string) {
  return reviewerChecklistId(studyId, type, RECONCILED, outcomeId);
}

function requireOutcome(type: ChecklistType, outcomeId: string | undefined) {
  const perOutcome = checklistDefinition(type).perOutcome === true;
  if (perOutcome && outcomeId === undefined)
    throw new Error(`a ${type} checklist needs an outcome`);
  if (!perOutcome && outcomeId !== undefined) throw new Error(`a ${type} checklist has no outcome`);
}

function newChecklistMap(
  doc: Y.Doc,
  id: string,
  fields: { type: ChecklistType; studyId: string; reviewerId: string | null; outcomeId?: string },
  status: ChecklistStatus,
): YChecklist {
  const checklist = new Y.Map<unknown>();
  checklistsOf(doc).set(id, checklist);
  checklist.set('id', id);
  checklist.set('type', fields.type);
  checklist.set('studyId', fields.studyId);
  checklist.set('reviewerId', fields.reviewerId);
  if (fields.outcomeId !== undefined) checklist.set('outcomeId', fields.outcomeId);
  checklist.set('status', status);
  checklist.set('createdAt', new Date().toISOString());
  checklist.set('completedAt', null);
  checklist.set('answers', new Y.Map<string>());
  const notes = new Y.Map<Y.Text>();
  checklist.set('notes', notes);
  for (const item of checklistItems(checklistDefinition(fields.type)))
    notes.set(item.id, new Y.Text());
  return checklist;
}

/**
 * Creates the checklist with every note's Y.Text up front: if two clients created a note's Y.Text
 * lazily and concurrently, one of the two texts would be dropped by the map merge.
 */
export function createChecklist(
  doc: Y.Doc,
  input: { studyId: string; type: ChecklistType; reviewerId: string; outcomeId?: string },
): string {
  requireOutcome(input.type, input.outcomeId);
  const id = reviewerChecklistId(input.studyId, input.type, input.reviewerId, input.outcomeId);
  if (checklistsOf(doc).has(id)) return id;
  doc.transact(() => newChecklistMap(doc, id, input, 'pending'));
  return id;
}

/**
 * Starts reconciling two reviewers' completed checklists of one appraisal: a checklist assigned to
 * no reviewer, status `reconciling`, pre-filled with every answer the two agree on. If it already
 * exists (someone else started), it is left as it is.
 */
export function startReconciliation(doc: Y.Doc, firstId: string, secondId: string): string {
  const first = readChecklist(doc, firstId);
  const second = readChecklist(doc, secondId);
  if (!first || !second) throw new Error('both reviewer checklists are needed');
  if (first.type !== second.type || first.studyId !== second.studyId)
    throw new Error('the two checklists are not of the same appraisal');
  if (first.outcomeId !== second.outcomeId)
    throw new Error('the two checklists are not of the same outcome');
  const id = reconciledChecklistId(first.studyId, first.type, first.outcomeId);
  if (checklistsOf(doc).has(id)) return id;
  const { merged } = compareAnswers(first.type, first.answers, second.answers);
  doc.transact(() => {
    const checklist = newChecklistMap(
      doc,
      id,
      { type: first.type, studyId: first.studyId, reviewerId: null, outcomeId: first.outcomeId },
      'reconciling',
    );
    checklist.set('reconciledFrom', [firstId, secondId]);
    const answers = checklist.get('answers') as Y.Map<string>;
    for (const [itemId, value] of Object.entries(merged)) answers.set(itemId, value);
  });
  return id;
}

/** Finalizes a reconciled checklist: its answers become the appraisal's result. */
export function finalizeReconciliation(doc: Y.Doc, checklistId: string) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') !== null) throw new Error('not a reconciled checklist');
  doc.transact(() => {
    checklist.set('status', 'finalized' satisfies ChecklistStatus);
    checklist.set('completedAt', new Date().toISOString());
  });
}

function checklistMap(doc: Y.Doc, checklistId: string): YChecklist {
  const checklist = checklistsOf(doc).get(checklistId);
  if (!checklist) throw new Error(`no checklist ${checklistId}`);
  return checklist;
}

export class ChecklistReadOnlyError extends Error {
  constructor() {
    super('this checklist is completed; reopen it to change answers');
  }
}

/** Sets (or, with undefined, clears) one answer; the first answer moves the status to in-progress. */
export function setAnswer(
  doc: Y.Doc,
  checklistId: string,
  itemId: string,
  value: string | undefined,
) {
  const checklist = checklistMap(doc, checklistId);
  const status = checklist.get('status') as ChecklistStatus;
  if (isChecklistReadOnly(status)) throw new ChecklistReadOnlyError();
  const item = checklistItems(checklistDefinition(checklist.get('type') as ChecklistType)).find(
    (i) => i.id === itemId,
  );
  if (!item) throw new Error(`no item ${itemId}`);
  if (value !== undefined && !item.options.some((o) => o.value === value))
    throw new Error(`${value} is not an option of ${itemId}`);
  const answers = checklist.get('answers') as Y.Map<string>;
  doc.transact(() => {
    if (value === undefined) answers.delete(itemId);
    else answers.set(itemId, value);
    const next = statusAfterAnswer(status);
    if (next !== status) checklist.set('status', next);
  });
}

export function noteText(doc: Y.Doc, checklistId: string, itemId: string): Y.Text {
  const note = (checklistMap(doc, checklistId).get('notes') as Y.Map<Y.Text>).get(itemId);
  if (!note) throw new Error(`no note for ${itemId}`);
  return note;
}

/** Marks a reviewer's checklist done; with a single reviewer it is final at once. */
export function markComplete(doc: Y.Doc, checklistId: string, reviewerCount: number) {
  const checklist = checklistMap(doc, checklistId);
  doc.transact(() => {
    checklist.set('status', statusWhenDone(reviewerCount));
    checklist.set('completedAt', new Date().toISOString());
  });
}

/** Reopening a completed checklist is an explicit action; a reconciled one goes back to reconciling. */
export function reopen(doc: Y.Doc, checklistId: string) {
  const checklist = checklistMap(doc, checklistId);
  const status: ChecklistStatus =
    checklist.get('reviewerId') === null ? 'reconciling' : 'in-progress';
  doc.transact(() => {
    checklist.set('status', status);
    checklist.set('completedAt', null);
  });
}

export function readStudies(doc: Y.Doc): DocStudy[] {
  const out: DocStudy[] = [];
  studiesOf(doc).forEach((s, id) => {
    const study = readStudyEntry(id, s, Y).value;
    if (study) out.push(study);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** One study, if it is there and readable. */
export function readStudy(doc: Y.Doc, studyId: string): DocStudy | undefined {
  const s = studiesOf(doc).get(studyId);
  return s === undefined ? undefined : readStudyEntry(studyId, s, Y).value;
}

export function readChecklist(doc: Y.Doc, checklistId: string): DocChecklist | undefined {
  const c = checklistsOf(doc).get(checklistId);
  if (c === undefined) return undefined;
  const checklist = readChecklistEntry(checklistId, c, Y).value;
  if (!checklist) return undefined;
  const { notes: _notes, ...rest } = checklist;
  return rest;
}

/** Every note's Y.Text of a readable checklist, by item id. */
export function readChecklistNotes(doc: Y.Doc, checklistId: string): Record<string, Y.Text> {
  const c = checklistsOf(doc).get(checklistId);
  return (c !== undefined && readChecklistEntry<Y.Text>(checklistId, c, Y).value?.notes) || {};
}

/**
 * Document health: how many entries the readers skipped because another client wrote them with
 * the wrong types (the server counts the same in its summary). Shown to owners.
 */
export function docProblemCount(doc: Y.Doc): number {
  return readProjectDoc(doc, Y).problems.length;
}

export function readChecklists(doc: Y.Doc, studyId?: string): DocChecklist[] {
  const out: DocChecklist[] = [];
  checklistsOf(doc).forEach((_, id) => {
    const c = readChecklist(doc, id);
    if (c && (studyId === undefined || c.studyId === studyId)) out.push(c);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
