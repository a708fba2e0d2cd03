import * as Y from 'yjs';
import {
  DOC_SCHEMA_VERSION,
  DocRoot,
  OVERALL_JUDGEMENT_KEY,
  assessedVerdict,
  assessorJudgementProblem,
  canReopenReconciliation,
  checklistDefinition,
  checklistItems,
  checklistTypeSchema,
  isChecklistReadOnly,
  statusAfterAnswer,
  statusWhenDone,
  type AssessorJudgement,
  type ChecklistEvent,
  type ChecklistStatus,
  type ChecklistType,
  type Role,
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
  domainJudgementOptions,
  judgementReasonSchema,
  reopenReasonSchema,
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

/**
 * A checklist as the app reads it: the stored checklist without its collaborative texts (notes,
 * support for judgement), which are bound to fields by identity and read on their own. The reader
 * always gives `judgements` and `history` (empty when there are none); views built from other
 * sources may leave them out.
 */
export type DocChecklist = Omit<StoredChecklist, 'notes' | 'support' | 'judgements' | 'history'> &
  Partial<Pick<StoredChecklist, 'judgements' | 'history'>>;

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
  addAssessorParts(checklist, fields.type);
  return checklist;
}

/** Ids of a type's domains (every variant's): each has a support-for-judgement text. */
const domainIdsOf = (type: ChecklistType) =>
  checklistDefinition(type)
    .sections.filter((s) => s.kind === 'domain')
    .map((s) => s.id);

/**
 * Gives a checklist map whatever of `support` (a text per domain), `judgements` and `history` it
 * lacks; writes nothing when it has them all. A checklist gets them when it is created — its texts
 * must exist before anyone types, for the reason its notes do. One created before they existed
 * gets them from its first write here: if two devices do that for the same checklist before they
 * exchange updates, the map merge keeps one device's new parts, so what was written into the other
 * device's copy in that window is lost (the same window as starting a reconciliation on two
 * devices at once). Call it inside a transaction.
 */
function addAssessorParts(checklist: YChecklist, type: ChecklistType) {
  let support = checklist.get('support');
  if (!(support instanceof Y.Map)) {
    support = new Y.Map<Y.Text>();
    checklist.set('support', support);
  }
  const texts = support as Y.Map<Y.Text>;
  for (const id of domainIdsOf(type))
    if (!(texts.get(id) instanceof Y.Text)) texts.set(id, new Y.Text());
  if (!(checklist.get('judgements') instanceof Y.Map)) checklist.set('judgements', new Y.Map());
  if (!(checklist.get('history') instanceof Y.Array)) checklist.set('history', new Y.Array());
}

function lacksAssessorParts(checklist: YChecklist, type: ChecklistType): boolean {
  const support = checklist.get('support');
  return (
    !(support instanceof Y.Map) ||
    domainIdsOf(type).some((id) => !(support.get(id) instanceof Y.Text)) ||
    !(checklist.get('judgements') instanceof Y.Map) ||
    !(checklist.get('history') instanceof Y.Array)
  );
}

/**
 * Makes sure a checklist created before support texts, assessor judgements and history existed
 * has them, so its fields can bind; a no-op (no update) for every checklist that has them.
 * Call it where someone may edit the checklist, not merely view it.
 */
export function ensureAssessorParts(doc: Y.Doc, checklistId: string) {
  const checklist = checklistsOf(doc).get(checklistId);
  if (!(checklist instanceof Y.Map)) return;
  const type = checklistTypeSchema.safeParse(checklist.get('type'));
  if (!type.success || !lacksAssessorParts(checklist, type.data)) return;
  doc.transact(() => addAssessorParts(checklist, type.data));
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

/**
 * Finalizes a reconciled checklist: its answers become the appraisal's result. `by` (the user
 * finalizing) is recorded in its history.
 */
export function finalizeReconciliation(doc: Y.Doc, checklistId: string, by?: string) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') !== null) throw new Error('not a reconciled checklist');
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', 'finalized' satisfies ChecklistStatus);
    checklist.set('completedAt', at);
    if (by !== undefined) appendHistory(checklist, { event: 'finalized', by, at });
  });
}

/** Appends to a checklist's history (creating the parts a checklist made before it lacks). */
function appendHistory(checklist: YChecklist, event: ChecklistEvent) {
  addAssessorParts(checklist, checklist.get('type') as ChecklistType);
  (checklist.get('history') as Y.Array<ChecklistEvent>).push([event]);
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

/**
 * Marks a reviewer's checklist done; with a single reviewer it is final at once. `by` (the
 * reviewer) is recorded in its history.
 */
export function markComplete(doc: Y.Doc, checklistId: string, reviewerCount: number, by?: string) {
  const checklist = checklistMap(doc, checklistId);
  const status = statusWhenDone(reviewerCount);
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', status);
    checklist.set('completedAt', at);
    if (by !== undefined)
      appendHistory(checklist, {
        event: status === 'finalized' ? 'finalized' : 'completed',
        by,
        at,
      });
  });
}

/**
 * A reviewer reopens their completed checklist (an explicit action; recorded in its history when
 * `by` is given). A finalized reconciliation is reopened with `reopenReconciliation`.
 */
export function reopen(doc: Y.Doc, checklistId: string, by?: string) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') === null && checklist.get('status') === 'finalized')
    throw new Error('a finalized reconciliation is reopened by an owner, with a reason');
  const status: ChecklistStatus =
    checklist.get('reviewerId') === null ? 'reconciling' : 'in-progress';
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', status);
    checklist.set('completedAt', null);
    if (by !== undefined) appendHistory(checklist, { event: 'reopened', by, at });
  });
}

/** A change the rules refuse, with a message to show as it is. */
export class ChecklistRuleError extends Error {}

/**
 * An owner reopens a finalized reconciliation: it goes back to reconciling, so the appraisal has
 * no result until it is finalized again, and who, when and why are appended to its history.
 * Refused (ChecklistRuleError) for anyone but an owner, without a reason, or when it is not
 * finalized. (The relay only tells editors from viewers: the owner rule is the app's.)
 */
export function reopenReconciliation(
  doc: Y.Doc,
  checklistId: string,
  input: { by: string; role: Role; reason: string },
) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') !== null) throw new Error('not a reconciled checklist');
  const status = checklist.get('status') as ChecklistStatus;
  if (status !== 'finalized') throw new ChecklistRuleError('This reconciliation is not finalized.');
  if (!canReopenReconciliation(input.role, status))
    throw new ChecklistRuleError(
      'Only an owner of the project can reopen a finalized reconciliation.',
    );
  const reason = reopenReasonSchema.safeParse(input.reason);
  if (!reason.success) throw new ChecklistRuleError(reason.error.issues[0]!.message);
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', 'reconciling' satisfies ChecklistStatus);
    checklist.set('completedAt', null);
    appendHistory(checklist, { event: 'reopened', by: input.by, at, reason: reason.data });
  });
}

/**
 * Records the assessor's judgement of a domain (ROBINS-I, RoB 2) where it differs from the
 * algorithm's suggestion, with the reason; `null` withdraws it (the suggestion is final again).
 * Refused (ChecklistRuleError) when the domain has no suggestion yet, the judgement is the
 * suggestion or not on the domain's scale, or the reason is missing; ChecklistReadOnlyError when
 * the checklist is completed.
 */
export function setDomainJudgement(
  doc: Y.Doc,
  checklistId: string,
  domainId: string,
  input: { judgement: string; reason: string; by: string } | null,
) {
  const { checklist, stored } = editableChecklist(doc, checklistId);
  const domain = assessedVerdict(stored.type, stored.answers, stored.judgements).domains.find(
    (d) => d.domainId === domainId,
  );
  if (!domain) throw new ChecklistRuleError('This domain is not assessed with these answers.');
  writeAssessorJudgement(doc, checklist, stored.type, domainId, input, {
    suggested: domain.suggested?.value,
    allowed: domainJudgementOptions(stored.type, domainId),
    what: 'domain',
  });
}

/**
 * Records the assessor's raise of the overall judgement, with the reason (only to what the tool
 * allows: `AssessedVerdict.raiseOptions`, never below the algorithm's result); `null` withdraws
 * it. Refused like `setDomainJudgement`.
 */
export function setOverallRaise(
  doc: Y.Doc,
  checklistId: string,
  input: { judgement: string; reason: string; by: string } | null,
) {
  const { checklist, stored } = editableChecklist(doc, checklistId);
  const verdict = assessedVerdict(stored.type, stored.answers, stored.judgements);
  writeAssessorJudgement(doc, checklist, stored.type, OVERALL_JUDGEMENT_KEY, input, {
    suggested: verdict.suggestedOverall?.value,
    allowed: verdict.raiseOptions,
    what: 'overall',
  });
}

function editableChecklist(doc: Y.Doc, checklistId: string) {
  const checklist = checklistMap(doc, checklistId);
  const stored = readChecklistEntry(checklistId, checklist, Y).value;
  if (!stored) throw new Error(`checklist ${checklistId} cannot be read`);
  if (isChecklistReadOnly(stored.status)) throw new ChecklistReadOnlyError();
  return { checklist, stored };
}

function writeAssessorJudgement(
  doc: Y.Doc,
  checklist: YChecklist,
  type: ChecklistType,
  key: string,
  input: { judgement: string; reason: string; by: string } | null,
  rule: Omit<Parameters<typeof assessorJudgementProblem>[0], 'judgement' | 'reason'> & {
    what: 'domain' | 'overall';
  },
) {
  if (input === null) {
    const judgements = checklist.get('judgements');
    if (judgements instanceof Y.Map && judgements.has(key)) judgements.delete(key);
    return;
  }
  const problem = assessorJudgementProblem({ ...rule, ...input }, rule.what);
  if (problem) throw new ChecklistRuleError(problem);
  const value: AssessorJudgement = {
    judgement: input.judgement,
    reason: judgementReasonSchema.parse(input.reason),
    suggested: rule.suggested!,
    by: input.by,
    at: new Date().toISOString(),
  };
  doc.transact(() => {
    addAssessorParts(checklist, type);
    (checklist.get('judgements') as Y.Map<AssessorJudgement>).set(key, value);
  });
}

/** Every domain's support-for-judgement text of a readable checklist, by domain id. */
export function readChecklistSupport(doc: Y.Doc, checklistId: string): Record<string, Y.Text> {
  const c = checklistsOf(doc).get(checklistId);
  return (c !== undefined && readChecklistEntry<Y.Text>(checklistId, c, Y).value?.support) || {};
}

/**
 * Adds a reviewer's text to a reconciled note or support text ("use this note"): the text when
 * the target is empty, nothing when the target already holds it, else appended after a blank
 * line — never replacing what the reconcilers wrote. Returns whether the target changed.
 */
export function takeText(doc: Y.Doc, target: Y.Text, text: string): boolean {
  const addition = textToTake(target.toString(), text);
  if (addition === null) return false;
  doc.transact(() => target.insert(target.length, addition));
  return true;
}

/** What `takeText` inserts at the end of `current` to take `incoming`, or null for nothing. */
export function textToTake(current: string, incoming: string): string | null {
  const text = incoming.trim();
  if (text === '' || current.includes(text)) return null;
  return current.trim() === '' ? text : `${current.endsWith('\n') ? '\n' : '\n\n'}${text}`;
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
  const { notes: _notes, support: _support, ...rest } = checklist;
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
