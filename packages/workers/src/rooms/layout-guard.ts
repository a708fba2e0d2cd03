import * as Y from 'yjs';
import { DocRoot, trashEntrySchema, type TrashEntryValue } from '@corates/shared';
import { isStartedStatus, mayTrashWork, SETTINGS_ROOT } from '@corates/shared/doc';
import { MAX_HOPS, type Place, UpdatePlaces } from './update-places.ts';

/**
 * [R12] The relay refuses an update that would give an entry of the layout (shared/src/doc/layout.ts)
 * the wrong kind of value, where the update alone and the room's document decide it:
 *
 *   studies.<id>, outcomes.<id>, checklists.<id>      must be a Y.Map
 *   checklists.<id>.answers, .notes, .support,
 *     .judgements                                      must be a Y.Map
 *   checklists.<id>.history                            must be a Y.Array
 *   checklists.<id>.notes.<itemId>,
 *     checklists.<id>.support.<domainId>               must be a Y.Text
 *   meta.schemaVersion                                 must be a number
 *
 * (a deletion is always allowed). The check reads the update's structs, which Yjs decodes anyway
 * to validate it ([R3]), and finds where each new map entry goes: from its parent when the update
 * names it, else from the item it was inserted after (an overwrite of an existing key names no
 * parent) — looked up in the update itself or in the document's struct store (a binary search). So
 * its cost is a few lookups per struct in the update, nothing per document size. Structs the room
 * already has are not checked again (a client re-sending history is not refused for it).
 *
 * Not decidable here, hence allowed: an entry whose parent or origin is neither in the update nor
 * in the document (Yjs keeps such an update pending until its dependencies arrive). The readers on
 * the server (`readProjectDoc`) do not rely on this check: they skip and count whatever is wrong.
 * Field values (a study's title, an answer) are not checked here either: the readers validate them.
 */
export class InvalidDocumentUpdate extends Error {
  override readonly name: string = 'InvalidDocumentUpdate';
}

/** Marks the error message, so it survives a Durable Object RPC boundary (which keeps messages only). */
export const INVALID_DOCUMENT_PREFIX = 'INVALID_DOCUMENT: ';

/**
 * [R15] An update from someone who is not an owner would reopen a finalized reconciliation: move a
 * reconciled checklist (`reviewerId` null) out of `finalized` — a new `status` or its deletion —
 * or append a `reopened` event to a reconciled checklist's history. Reopening the appraisal's
 * result is an owner's action (REOPEN-OWNER in shared `checklist-history.ts`); the app offers it
 * to owners only, and this is the rule a modified client meets. Refused whole like [R12] (the
 * room handles it as an `InvalidDocumentUpdate`), not dropped: a writer's update dropped in
 * silence would leave every later update of that client waiting on it, unapplied.
 *
 * Cheap on the hot path: only a map entry written at `status` of a checklist, a list item whose
 * value is a `reopened` event, or a deleted `status` entry makes it read the checklist, and only a
 * final reconciliation in the room can be refused.
 */
export class ForbiddenDocumentUpdate extends InvalidDocumentUpdate {
  override readonly name: string = 'ForbiddenDocumentUpdate';
}

/** Marked like [R12]'s: the HTTP fallback and an upload answer 400 `VALIDATION_FAILED` with it. */
const REOPEN_REFUSED = `${INVALID_DOCUMENT_PREFIX}only an owner of the project can reopen a finalized reconciliation`;
const FINALIZED = 'finalized';

/**
 * [R20] The project's settings (document model v2: `settings.blindReviewers`, whether reviewers
 * are blind to each other) are an owner's to change, like [R15]: any new entry of the `settings`
 * root or deletion of one from a non-owner is refused whole. Cheap: a new item is compared by its
 * root name, a deletion only when the room has settings.
 */
const SETTINGS_REFUSED = `${INVALID_DOCUMENT_PREFIX}only an owner of the project can change its settings`;

/**
 * [R21] Started work (a checklist header past `pending`) leaves the project document only through
 * the trash (shared `trash.ts`): an update that deletes a started header must write a trash entry
 * holding it, and one that deletes a study with started checklists an entry of that study; an
 * update that deletes a trash entry must put its checklists back (restore: the server alone
 * purges). Either is an owner's, or the checklist's own reviewer's for their own checklists.
 * Refused whole like [R15]. Cheap: only an update that deletes something the room holds walks its
 * deletions, and only a deleted header, study or trash entry is read.
 */
const TRASH_ROLE_REFUSED = `${INVALID_DOCUMENT_PREFIX}only an owner of the project, or the reviewer themselves, can move started work to the trash or restore it`;
const STRAIGHT_DELETE_REFUSED = `${INVALID_DOCUMENT_PREFIX}started work goes to the trash; it cannot be deleted outright`;

/** `absent`: nothing may be written there ([R19]: a checklist's content in a v2 project document). */
type Kind = 'map' | 'text' | 'list' | 'number' | 'absent';

const ENTRY_ROOTS: ReadonlySet<string> = new Set([
  DocRoot.studies,
  DocRoot.outcomes,
  DocRoot.checklists,
]);

/** A checklist's entries that must be maps; of those, the ones whose entries must be texts. */
const CHECKLIST_MAPS: ReadonlySet<string> = new Set(['answers', 'notes', 'support', 'judgements']);
const TEXT_MAPS: ReadonlySet<string> = new Set(['notes', 'support']);

/**
 * Decodes the update (throws on bytes that are not one: [R3]) and throws
 * {@link InvalidDocumentUpdate} if applying it to `doc` would break the layout's types ([R12]),
 * or {@link ForbiddenDocumentUpdate} if its sender is not an owner (`byOwner` false) and it would
 * reopen a finalized reconciliation ([R15]) or write the project's settings ([R20]).
 */
export function checkUpdateLayout(
  doc: Y.Doc,
  update: Uint8Array,
  byOwner = false,
  userId?: string,
): void {
  const mayReopen = byOwner;
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  let check: LayoutCheck | undefined;
  /** [R15] Final reconciliations this update writes `finalized` to again (a deletion then is fine). */
  let refinalized: Set<Y.Item> | undefined;
  /** [R21] What this update writes: new trash entries, new checklist headers (by key). */
  const written: Written = { trash: [], headers: new Set() };
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no value
    if (s.id.clock + s.length <= Y.getState(store, s.id.client)) continue; // already in the room
    if (s.content instanceof Y.ContentDeleted) continue;
    // [R20] A new entry of `settings` names its root (a key is written with its parent).
    if (!byOwner && (s.parent as unknown) === SETTINGS_ROOT)
      throw new ForbiddenDocumentUpdate(SETTINGS_REFUSED);
    if (s.parentSub === null) {
      // [R15] A `reopened` event (a list item) is rare: only then is its list looked up.
      if (!mayReopen && isReopenedEvent(s.content)) {
        check ??= new LayoutCheck(doc, structs);
        if (check.inReconciledHistory(s)) throw new ForbiddenDocumentUpdate(REOPEN_REFUSED);
      }
      // Only map entries are typed by the layout; a list or text item with an origin but no
      // parent is resolved too (cheaply: it ends at a place with no key).
      if (s.parent !== null) continue;
    }
    check ??= new LayoutCheck(doc, structs);
    const place = check.placeOf(s);
    if (!place || place.sub === null) continue;
    // [R21] What it writes at a key of the trash or of the checklists (a header put back).
    if (place.root === DocRoot.trash) {
      const entry = trashEntryOf(s.content);
      if (entry) written.trash.push(entry);
    } else if (place.root === DocRoot.checklists) written.headers.add(place.sub);
    // [R20] An overwrite of a setting names only the entry it replaces.
    if (!byOwner && place.root === SETTINGS_ROOT)
      throw new ForbiddenDocumentUpdate(SETTINGS_REFUSED);
    const kind = check.wanted(place);
    if (kind !== null && !holds(s.content, kind)) {
      throw new InvalidDocumentUpdate(
        `${INVALID_DOCUMENT_PREFIX}${check.describe(place)} must be ${ARTICLE[kind]}, not ${describeContent(s.content)}`,
      );
    }
    // [R15] A new status of a final reconciliation: only `finalized` again, unless an owner's.
    if (
      !mayReopen &&
      place.sub === 'status' &&
      place.item &&
      check.isFinalReconciliation(place.item)
    ) {
      if (!isFinalizedValue(s.content)) throw new ForbiddenDocumentUpdate(REOPEN_REFUSED);
      (refinalized ??= new Set()).add(place.item);
    }
  }
  // [R21] The trash is document model v2's (a v1 document is split before anything is served).
  if (ds.clients.size > 0 && isV2(doc))
    refuseUntrashedDeletions(doc, ds, written, { owner: byOwner, userId });
  if (!byOwner && ds.clients.size > 0) {
    refuseDeletedFinalStatus(doc, ds, refinalized);
    refuseDeletedSettings(doc, ds);
  }
}

const isV2 = (doc: Y.Doc) => doc.getMap(DocRoot.meta).get('schemaVersion') === 2;

interface Written {
  trash: TrashEntryValue[];
  headers: Set<string>;
}

/** [R21] A trash entry as written (a plain value), if it reads as one. */
function trashEntryOf(content: Y.Item['content']): TrashEntryValue | undefined {
  if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentJSON)) return undefined;
  const parsed = trashEntrySchema.safeParse(content.arr[0]);
  return parsed.success ? parsed.data : undefined;
}

/** The map an item of a root holds, unless it is deleted or not a map. */
function liveMap(item: Y.Item | undefined): Y.Map<unknown> | undefined {
  if (!item || item.deleted || !(item.content instanceof Y.ContentType)) return undefined;
  return item.content.type instanceof Y.Map ? item.content.type : undefined;
}

type RootType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** The live value a root map holds at an item's key is that item (not an older overwritten one). */
function isCurrentEntry(s: Y.Item, root: RootType | undefined): boolean {
  return (
    root !== undefined &&
    s.parent === root &&
    s.parentSub !== null &&
    root._map.get(s.parentSub) === s
  );
}

/**
 * [R21] Refuses an update that deletes started work without trashing it, deletes a trash entry
 * without putting its checklists back, or does either for someone else's work while its sender is
 * not an owner (see {@link TRASH_ROLE_REFUSED}).
 */
function refuseUntrashedDeletions(
  doc: Y.Doc,
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  written: Written,
  sender: { owner: boolean; userId: string | undefined },
): void {
  // Roots read through `_map`: a root an update brought in is a plain type until someone gets it.
  const checklists = doc.share.get(DocRoot.checklists);
  const studies = doc.share.get(DocRoot.studies);
  const trash = doc.share.get(DocRoot.trash);
  if (!checklists && !trash) return;
  const actor = { userId: sender.userId ?? '', role: sender.owner ? 'owner' : 'editor' } as const;
  const mayAct = (reviewers: (string | null)[]) =>
    (sender.owner || sender.userId !== undefined) && mayTrashWork(actor, reviewers);
  const trashedIds = new Set(written.trash.flatMap((e) => e.checklists.map((c) => c.id)));
  const deletedHeaders = new Set<string>();
  const deletedStudies: string[] = [];
  const deletedEntries: TrashEntryValue[] = [];
  for (const s of liveItemsDeletedBy(doc, ds)) {
    if (isCurrentEntry(s, checklists)) {
      deletedHeaders.add(s.parentSub!);
      const header = liveMap(s);
      if (!header || !isStartedStatus(header.get('status'))) continue;
      if (!trashedIds.has(s.parentSub!)) throw new ForbiddenDocumentUpdate(STRAIGHT_DELETE_REFUSED);
      const reviewerId: unknown = header.get('reviewerId');
      if (!mayAct([typeof reviewerId === 'string' ? reviewerId : null]))
        throw new ForbiddenDocumentUpdate(TRASH_ROLE_REFUSED);
    } else if (isCurrentEntry(s, studies)) deletedStudies.push(s.parentSub!);
    else if (isCurrentEntry(s, trash)) {
      const entry = trashEntryOf(s.content);
      if (entry) deletedEntries.push(entry);
      else if (!sender.owner) throw new ForbiddenDocumentUpdate(TRASH_ROLE_REFUSED);
    }
  }
  // A study with started checklists goes to the trash as a study (with them).
  if (deletedStudies.length > 0 && checklists) {
    const trashedStudies = new Set(
      written.trash.filter((e) => e.kind === 'study').map((e) => e.studyId),
    );
    const started = new Set<string>();
    for (const item of checklists._map.values()) {
      const c = liveMap(item);
      if (c && isStartedStatus(c.get('status'))) started.add(String(c.get('studyId')));
    }
    for (const studyId of deletedStudies)
      if (started.has(studyId) && !trashedStudies.has(studyId))
        throw new ForbiddenDocumentUpdate(STRAIGHT_DELETE_REFUSED);
  }
  // A trash entry leaves only by a restore: every checklist it holds is in the project after it.
  for (const entry of deletedEntries) {
    const back = (id: string) =>
      written.headers.has(id) ||
      (liveMap(checklists?._map.get(id)) !== undefined && !deletedHeaders.has(id));
    if (!entry.checklists.every((c) => back(c.id)))
      throw new ForbiddenDocumentUpdate(STRAIGHT_DELETE_REFUSED);
    if (!mayAct(entry.checklists.map((c) => c.reviewerId)))
      throw new ForbiddenDocumentUpdate(TRASH_ROLE_REFUSED);
  }
}

/**
 * [R20] Refuses a non-owner's deletion of a setting (deleting `blindReviewers` turns blinding on:
 * absent means blinded). Walks only the room's structs the update deletes, like
 * {@link refuseDeletedFinalStatus}; a setting is any live entry of the `settings` root.
 */
function refuseDeletedSettings(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): void {
  const settings = doc.share.get(SETTINGS_ROOT);
  if (!settings || settings._map.size === 0) return;
  for (const s of liveItemsDeletedBy(doc, ds))
    if (s.parent === settings) throw new ForbiddenDocumentUpdate(SETTINGS_REFUSED);
}

/** [R15] A `reopened` history event, as `appendHistory` writes it (a plain object in a list). */
function isReopenedEvent(content: Y.Item['content']): boolean {
  if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentJSON)) return false;
  return content.arr.some(
    (v: unknown) =>
      typeof v === 'object' && v !== null && (v as { event?: unknown }).event === 'reopened',
  );
}

function isFinalizedValue(content: Y.Item['content']): boolean {
  return (
    (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) &&
    content.arr.length === 1 &&
    content.arr[0] === FINALIZED
  );
}

/**
 * [R15] The checklist a map is, when it is a finalized reconciliation in the room: a value of the
 * `checklists` root whose `reviewerId` is null and whose `status` is `finalized`.
 */
function isFinalReconciliationMap(doc: Y.Doc, map: Y.AbstractType<unknown>): boolean {
  return (
    map instanceof Y.Map &&
    map._item !== null &&
    map._item.parent === doc.share.get(DocRoot.checklists) &&
    map.get('reviewerId') === null &&
    map.get('status') === FINALIZED
  );
}

/**
 * [R15] Refuses an update that deletes the `status` entry of a final reconciliation in the room,
 * unless the same update writes `finalized` there again or deletes the checklist itself. Walks only the room's structs the update
 * deletes (Yjs visits them anyway when it applies the update); each costs a key comparison, and
 * only a live `status` entry reads its map.
 */
function refuseDeletedFinalStatus(
  doc: Y.Doc,
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  refinalized: Set<Y.Item> | undefined,
): void {
  for (const s of liveItemsDeletedBy(doc, ds)) {
    if (s.parentSub !== 'status') continue;
    const map = s.parent as Y.AbstractType<unknown>;
    if (map._map.get('status') !== s || !isFinalReconciliationMap(doc, map)) continue;
    // Deleting the checklist deletes its entries too (removing a study is an editor's).
    if (Y.isDeleted(ds, map._item!.id)) continue;
    if (!refinalized?.has(map._item!)) throw new ForbiddenDocumentUpdate(REOPEN_REFUSED);
  }
}

/**
 * The room's live items an update deletes: only the ranges of its delete set the room already
 * holds (what it does not hold yet deletes nothing here), found by binary search per range.
 */
function* liveItemsDeletedBy(
  doc: Y.Doc,
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
): Generator<Y.Item> {
  const store = doc.store;
  for (const [client, ranges] of ds.clients) {
    const structs = store.clients.get(client);
    if (!structs) continue;
    const known = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (clock >= known) continue;
      const end = Math.min(clock + len, known);
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= end) break;
        if (s instanceof Y.Item && !s.deleted) yield s;
      }
    }
  }
}

/**
 * Where items of one update go ({@link UpdatePlaces}), and what the project document's layout
 * wants there. A class rather than closures: the Worker bundle keeps function names, which costs a
 * call per closure created, and this runs for every update the relay receives.
 */
class LayoutCheck extends UpdatePlaces {
  /**
   * What a parent item is to the layout: a checklist, a map of a checklist's texts (its notes, its
   * support for judgement), or neither.
   */
  private readonly roles = new Map<Y.Item, 'checklist' | 'texts' | null>();

  /**
   * [R19] The project document is at layout version 2: a checklist's answers, notes, support texts
   * and judgements live in the checklist's own document (docs/doc-model-v2.md), so an old or
   * stock client may not bring them back into the document every member receives.
   */
  private readonly v2: boolean;

  constructor(doc: Y.Doc, structs: (Y.Item | Y.GC | Y.Skip)[]) {
    super(doc, structs);
    this.v2 = isV2(doc);
  }

  private roleOf(item: Y.Item): 'checklist' | 'texts' | null {
    let role = this.roles.get(item);
    if (role !== undefined) return role;
    role = null;
    const place = this.placeOf(item);
    if (place && place.sub !== null) {
      if (place.root === DocRoot.checklists) role = 'checklist';
      else if (place.item && TEXT_MAPS.has(place.sub) && this.roleOf(place.item) === 'checklist')
        role = 'texts';
    }
    this.roles.set(item, role);
    return role;
  }

  /** [R15] The item holds a finalized reconciliation of the room (not one of this update's). */
  isFinalReconciliation(item: Y.Item): boolean {
    return (
      !item.deleted &&
      item.content instanceof Y.ContentType &&
      this.roleOf(item) === 'checklist' &&
      isFinalReconciliationMap(this.doc, item.content.type)
    );
  }

  /**
   * [R15] The list item is in the `history` of a reconciled checklist of the room (whatever its
   * status: only an owner's reopening writes a `reopened` event there).
   */
  inReconciledHistory(item: Y.Item): boolean {
    const list = this.placeOf(item);
    if (!list?.item || list.sub !== null) return false;
    const place = this.placeOf(list.item);
    if (!place?.item || place.sub !== 'history' || this.roleOf(place.item) !== 'checklist')
      return false;
    const checklist = place.item.content;
    return (
      checklist instanceof Y.ContentType &&
      checklist.type instanceof Y.Map &&
      checklist.type.doc !== null &&
      checklist.type.get('reviewerId') === null
    );
  }

  /** What kind of value the layout wants at a place, if it says. */
  wanted(place: Place): Kind | null {
    if (place.sub === null) return null;
    if (place.root !== undefined) {
      if (ENTRY_ROOTS.has(place.root)) return 'map';
      return place.root === DocRoot.meta && place.sub === 'schemaVersion' ? 'number' : null;
    }
    switch (this.roleOf(place.item)) {
      case 'checklist': // its answers, notes, support and judgements are maps, its history a list
        if (CHECKLIST_MAPS.has(place.sub)) return this.v2 ? 'absent' : 'map';
        return place.sub === 'history' ? 'list' : null;
      case 'texts': // each note and support text is a text
        return 'text';
      default:
        return null;
    }
  }

  /** `checklists.c1.notes.q2`, for the refusal's message. */
  describe(place: Place, hops = 0): string {
    if (place.root !== undefined) return `${place.root}.${place.sub}`;
    const above = hops < MAX_HOPS ? this.placeOf(place.item) : null;
    return `${above ? this.describe(above, hops + 1) : '…'}.${place.sub}`;
  }
}

const ARTICLE: Record<Kind, string> = {
  map: 'a map',
  text: 'a text',
  list: 'a list',
  number: 'a number',
  absent: "absent (a version-2 project document keeps a checklist's content in its own document)",
};

function holds(content: unknown, kind: Kind): boolean {
  if (kind === 'absent') return false;
  if (kind === 'number')
    return (
      content instanceof Y.ContentAny &&
      content.arr.length === 1 &&
      typeof content.arr[0] === 'number'
    );
  if (!(content instanceof Y.ContentType)) return false;
  if (kind === 'list') return content.type instanceof Y.Array;
  return kind === 'map' ? content.type instanceof Y.Map : content.type instanceof Y.Text;
}

function describeContent(content: unknown): string {
  if (content instanceof Y.ContentType) {
    const t = content.type;
    if (t instanceof Y.Map) return 'a map';
    if (t instanceof Y.Text) return 'a text';
    if (t instanceof Y.Array) return 'a list';
    return 'another shared type';
  }
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const v: unknown = content.arr[0];
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'a plain list';
    return typeof v === 'object' ? 'a plain object' : `a ${typeof v}`;
  }
  if (content instanceof Y.ContentString) return 'a string';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentDoc) return 'a subdocument';
  return 'another kind of value';
}
