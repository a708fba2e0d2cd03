import * as Y from 'yjs';
import type { Role } from '../dto/role.ts';
import { checklistDefinition, checklistProgress, type ChecklistType } from '../checklists/index.ts';
import type { ChecklistHeader } from './checklist-doc-access.ts';
import type { ChecklistContent } from './checklist-doc.ts';
import { ChecklistRuleError } from './checklist-errors.ts';
import { DocRoot, TRASH_DAYS, trashEntrySchema, type TrashEntryValue } from './layout.ts';
import { randomId } from './random-id.ts';
import { checklistsOf, studiesOf, type YChecklist } from './roots.ts';

/**
 * The trash (issue 20: destructive actions are safe). Removing a study that has started
 * checklists, or unassigning a reviewer whose checklist of the study is started, moves the study /
 * the reviewer's checklist headers into the project document's `trash` root (who, when, what) in
 * the same transaction that deletes them; their checklist documents are left as they are, so a
 * restore loses nothing. Only an owner, or the reviewer for their own checklists, may trash
 * started work or restore it; the relay holds the same rule ([R21] in workers/src/rooms/SPEC.md)
 * and refuses a straight deletion of started work from anyone. The server purges entries older
 * than {@link TRASH_DAYS} days (`purgeTrash`, run by the project's Durable Object). Unstarted work
 * is removed directly.
 */

export const trashOf = (doc: Y.Doc) => doc.getMap<unknown>(DocRoot.trash);

/** Started work: a checklist past `pending` (someone has answered, or it is done or reconciling). */
export const isStartedStatus = (status: unknown): boolean => status !== 'pending';

/** Who acts, for the owner-or-own-reviewer rule. */
export interface TrashActor {
  by: string;
  role: Role;
}

/**
 * Whether `actor` may trash or restore started work of these reviewers: an owner always; anyone
 * else only their own checklists (a reconciled checklist, reviewer null, is an owner's). The
 * relay's [R21] asks the same.
 */
export function mayTrashWork(
  actor: { userId: string; role: Role },
  reviewerIds: readonly (string | null)[],
): boolean {
  return actor.role === 'owner' || reviewerIds.every((r) => r === actor.userId);
}

function checklistsOfStudy(doc: Y.Doc, studyId: string, reviewerId?: string) {
  const out: [string, YChecklist][] = [];
  checklistsOf(doc).forEach((c, id) => {
    if (!(c instanceof Y.Map) || c.get('studyId') !== studyId) return;
    if (reviewerId === undefined || c.get('reviewerId') === reviewerId) out.push([id, c]);
  });
  return out;
}

const startedOf = (headers: [string, YChecklist][]) =>
  headers.filter(([, c]) => isStartedStatus(c.get('status')));

/** The snapshot a trash entry keeps of a study or header: its values, `history` a plain list. */
const snapshot = (map: Y.Map<unknown>): Record<string, unknown> => map.toJSON();

function refuse(actor: TrashActor | undefined, reviewerIds: (string | null)[]): TrashActor {
  if (!actor)
    throw new ChecklistRuleError('This work has been started: it goes to the trash, by someone.');
  if (!mayTrashWork({ userId: actor.by, role: actor.role }, reviewerIds))
    throw new ChecklistRuleError(
      'Only an owner of the project, or the reviewer themselves, can remove started work.',
    );
  return actor;
}

/**
 * Removes a study with its checklists. With started checklists it goes to the trash (refused
 * without an actor, or for one who may not: ChecklistRuleError); otherwise it is deleted.
 */
export function removeStudy(
  doc: Y.Doc,
  studyId: string,
  actor?: TrashActor,
): 'deleted' | 'trashed' {
  const study = studiesOf(doc).get(studyId);
  const headers = checklistsOfStudy(doc, studyId);
  const started = startedOf(headers);
  if (started.length === 0 || !(study instanceof Y.Map)) {
    if (started.length > 0)
      throw new ChecklistRuleError(
        'This study cannot be read, so it cannot be moved to the trash.',
      );
    doc.transact(() => {
      studiesOf(doc).delete(studyId);
      for (const [id] of headers) checklistsOf(doc).delete(id);
    });
    return 'deleted';
  }
  const { by } = refuse(
    actor,
    started.map(([, c]) => c.get('reviewerId') as string | null),
  );
  // Parsed, so an entry every reader accepts is written (a header it cannot read is refused here).
  const entry = trashEntrySchema.parse({
    kind: 'study',
    studyId,
    by,
    at: new Date().toISOString(),
    study: snapshot(study),
    checklists: headers.map(([, c]) => snapshot(c)),
  });
  doc.transact(() => {
    trashOf(doc).set(randomId(), entry);
    studiesOf(doc).delete(studyId);
    for (const [id] of headers) checklistsOf(doc).delete(id);
  });
  return 'trashed';
}

/** The reviewer in a slot has checklists of the study (started or not). */
export function reviewerHasChecklists(doc: Y.Doc, studyId: string, reviewerId: string): boolean {
  return checklistsOfStudy(doc, studyId, reviewerId).length > 0;
}

/**
 * Takes the reviewer in `slot` off a study. Their checklists of the study go with them: to the
 * trash when one is started (refused without an actor, or for one who may not), else deleted.
 */
export function unassignReviewer(
  doc: Y.Doc,
  studyId: string,
  slot: 'reviewer1' | 'reviewer2',
  actor?: TrashActor,
): 'unchanged' | 'deleted' | 'trashed' {
  const study = studiesOf(doc).get(studyId);
  if (!(study instanceof Y.Map)) throw new Error(`no study ${studyId}`);
  const reviewerId = study.get(slot);
  if (typeof reviewerId !== 'string') return 'unchanged';
  const headers = checklistsOfStudy(doc, studyId, reviewerId);
  const trashed = startedOf(headers).length > 0;
  const entry = trashed
    ? trashEntrySchema.parse({
        kind: 'checklist',
        studyId,
        by: refuse(actor, [reviewerId]).by,
        at: new Date().toISOString(),
        reviewerId,
        slot,
        checklists: headers.map(([, c]) => snapshot(c)),
      })
    : undefined;
  doc.transact(() => {
    if (entry) trashOf(doc).set(randomId(), entry);
    study.set(slot, null);
    for (const [id] of headers) checklistsOf(doc).delete(id);
  });
  return trashed ? 'trashed' : headers.length > 0 ? 'deleted' : 'unchanged';
}

/** A readable trash entry, with its id and when the server will purge it. */
export type TrashEntry = TrashEntryValue & {
  id: string;
  /** ISO 8601: `at` plus TRASH_DAYS days. */
  expiresAt: string;
  /** Whole days left before the purge (0 on the last day). */
  daysLeft: number;
};

const DAY_MS = 86_400_000;

/** The trash, newest first; entries that do not read as one are left out. */
export function readTrash(doc: Y.Doc, now: Date = new Date()): TrashEntry[] {
  const out: TrashEntry[] = [];
  trashOf(doc).forEach((value, id) => {
    const parsed = trashEntrySchema.safeParse(value);
    if (!parsed.success) return;
    const expires = Date.parse(parsed.data.at) + TRASH_DAYS * DAY_MS;
    if (Number.isNaN(expires)) return;
    out.push({
      ...parsed.data,
      id,
      expiresAt: new Date(expires).toISOString(),
      daysLeft: Math.max(0, Math.floor((expires - now.getTime()) / DAY_MS)),
    });
  });
  return out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}

/** A trashed checklist's header, for deciding who may open its document. */
export function trashedChecklistHeader(
  doc: Y.Doc,
  checklistId: string,
): ChecklistHeader | undefined {
  for (const entry of readTrash(doc)) {
    const c = entry.checklists.find((h) => h.id === checklistId);
    if (c)
      return {
        id: c.id,
        studyId: c.studyId,
        type: c.type,
        reviewerId: c.reviewerId,
        status: c.status as ChecklistHeader['status'],
        ...(typeof c.outcomeId === 'string' ? { outcomeId: c.outcomeId } : {}),
      };
  }
  return undefined;
}

/**
 * Who may open a trashed checklist's document: an owner (to see what a restore brings back) and
 * the checklist's own reviewer, read-only both — nothing changes while it is in the trash, so a
 * restore puts back exactly what was trashed. Nobody else.
 */
export function trashedChecklistDocAccess(input: {
  userId: string;
  role: Role;
  checklist: ChecklistHeader;
}): 'read' | 'none' {
  return input.role === 'owner' || input.checklist.reviewerId === input.userId ? 'read' : 'none';
}

function writeHeader(doc: Y.Doc, value: { id: string } & Record<string, unknown>) {
  const map = new Y.Map<unknown>();
  checklistsOf(doc).set(value.id, map);
  for (const [k, v] of Object.entries(value)) {
    if (k === 'history' && Array.isArray(v)) map.set(k, Y.Array.from(v));
    else map.set(k, v);
  }
}

/**
 * Puts a trash entry back: the study (for a removed study), the checklist headers as they were
 * (a header of the same id written since — the reviewer assigned again — is replaced only while
 * it is unstarted; the checklist's document is the same one either way), and an unassigned
 * reviewer in their slot (or the other one, if theirs was filled since). Refused
 * (ChecklistRuleError) for an actor who may not, when the study is gone, or when both slots are
 * taken by others.
 */
export function restoreFromTrash(doc: Y.Doc, entryId: string, actor: TrashActor) {
  const parsed = trashEntrySchema.safeParse(trashOf(doc).get(entryId));
  if (!parsed.success) throw new Error(`no trash entry ${entryId}`);
  const entry = parsed.data;
  if (
    !mayTrashWork(
      { userId: actor.by, role: actor.role },
      entry.checklists.map((c) => c.reviewerId),
    )
  )
    throw new ChecklistRuleError(
      'Only an owner of the project, or the reviewer themselves, can restore it.',
    );
  const study = studiesOf(doc).get(entry.studyId);
  let slot: 'reviewer1' | 'reviewer2' | null = null;
  if (entry.kind === 'checklist') {
    if (!(study instanceof Y.Map))
      throw new ChecklistRuleError('Its study is no longer in the project.');
    const taken = (s: 'reviewer1' | 'reviewer2') => typeof study.get(s) === 'string';
    const seated =
      study.get('reviewer1') === entry.reviewerId || study.get('reviewer2') === entry.reviewerId;
    if (!seated) {
      const preferred = entry.slot ?? 'reviewer1';
      const other = preferred === 'reviewer1' ? 'reviewer2' : 'reviewer1';
      slot = !taken(preferred) ? preferred : !taken(other) ? other : null;
      if (slot === null)
        throw new ChecklistRuleError(
          'Both reviewer places of the study are taken: unassign one before restoring.',
        );
    }
  }
  doc.transact(() => {
    if (entry.kind === 'study' && !(study instanceof Y.Map)) {
      const map = new Y.Map<unknown>();
      studiesOf(doc).set(entry.studyId, map);
      for (const [k, v] of Object.entries(entry.study)) map.set(k, v);
    }
    if (slot !== null && study instanceof Y.Map && entry.kind === 'checklist')
      study.set(slot, entry.reviewerId);
    for (const header of entry.checklists) {
      const existing = checklistsOf(doc).get(header.id);
      if (existing instanceof Y.Map && isStartedStatus(existing.get('status'))) continue;
      writeHeader(doc, header);
    }
    trashOf(doc).delete(entryId);
  });
}

/**
 * The server's purge (run by the project's Durable Object on open and with each export): deletes
 * the entries trashed more than TRASH_DAYS days before `now`. Returns the purged checklists' ids.
 * An entry that does not read as one is left for a person to look at.
 */
export function purgeTrash(doc: Y.Doc, now: Date = new Date()): string[] {
  const expired = readTrash(doc, now).filter((e) => Date.parse(e.expiresAt) <= now.getTime());
  if (expired.length === 0) return [];
  doc.transact(() => {
    for (const e of expired) trashOf(doc).delete(e.id);
  });
  return expired.flatMap((e) => e.checklists.map((c) => c.id));
}

/** What removing a checklist would lose, for the warning: "14 of 22 answered, 3 notes". */
export interface ChecklistLoss {
  answered: number;
  total: number;
  notes: number;
}

export function checklistLoss(type: ChecklistType, content: ChecklistContent): ChecklistLoss {
  const { answered, total } = checklistProgress(checklistDefinition(type), content.answers);
  const notes = Object.values(content.notes).filter((n) => n.trim() !== '').length;
  return { answered, total, notes };
}

/** "14 of 22 answered, 3 notes" (the numbers of {@link checklistLoss}). */
export function describeLoss(loss: ChecklistLoss): string {
  const notes = loss.notes === 1 ? '1 note' : `${loss.notes} notes`;
  return `${loss.answered} of ${loss.total} answered, ${notes}`;
}
