import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';

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
  override readonly name = 'InvalidDocumentUpdate';
}

/** Marks the error message, so it survives a Durable Object RPC boundary (which keeps messages only). */
export const INVALID_DOCUMENT_PREFIX = 'INVALID_DOCUMENT: ';

type Kind = 'map' | 'text' | 'list' | 'number';

/** Where an item sits: under a root type or a parent item, at a map key (`sub`) or in a list. */
type Place =
  | { root: string; item?: undefined; sub: string | null }
  | { root?: undefined; item: Y.Item; sub: string | null };

const ENTRY_ROOTS: ReadonlySet<string> = new Set([
  DocRoot.studies,
  DocRoot.outcomes,
  DocRoot.checklists,
]);

/** A checklist's entries that must be maps; of those, the ones whose entries must be texts. */
const CHECKLIST_MAPS: ReadonlySet<string> = new Set(['answers', 'notes', 'support', 'judgements']);
const TEXT_MAPS: ReadonlySet<string> = new Set(['notes', 'support']);

/** How deep the guard follows origins and parents before it calls a place undecidable. */
const MAX_HOPS = 8;

/**
 * Decodes the update (throws on bytes that are not one: [R3]) and throws
 * {@link InvalidDocumentUpdate} if applying it to `doc` would break the layout's types.
 */
export function checkUpdateLayout(doc: Y.Doc, update: Uint8Array): void {
  const { structs } = Y.decodeUpdate(update);
  const store = doc.store;
  let check: LayoutCheck | undefined;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no value
    if (s.id.clock + s.length <= Y.getState(store, s.id.client)) continue; // already in the room
    if (s.content instanceof Y.ContentDeleted) continue;
    // Only map entries are typed by the layout; a list or text item with an origin but no parent
    // is resolved too (cheaply: it ends at a place with no key).
    if (s.parentSub === null && s.parent !== null) continue;
    check ??= new LayoutCheck(doc, structs);
    const place = check.placeOf(s);
    if (!place || place.sub === null) continue;
    const kind = check.wanted(place);
    if (kind !== null && !holds(s.content, kind)) {
      throw new InvalidDocumentUpdate(
        `${INVALID_DOCUMENT_PREFIX}${check.describe(place)} must be ${ARTICLE[kind]}, not ${describeContent(s.content)}`,
      );
    }
  }
}

/**
 * Where items of one update go, looked up in the update and the document. A class rather than
 * closures: the Worker bundle keeps function names, which costs a call per closure created, and
 * this runs for every update the relay receives.
 */
class LayoutCheck {
  private ownItems: Map<number, Y.Item[]> | undefined;
  /**
   * What a parent item is to the layout: a checklist, a map of a checklist's texts (its notes, its
   * support for judgement), or neither.
   */
  private readonly roles = new Map<Y.Item, 'checklist' | 'texts' | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: (Y.Item | Y.GC | Y.Skip)[],
  ) {}

  private inUpdate(id: Y.ID): Y.Item | null {
    if (!this.ownItems) {
      this.ownItems = new Map();
      for (const s of this.structs) {
        if (!(s instanceof Y.Item)) continue;
        const list = this.ownItems.get(s.id.client);
        if (list) list.push(s);
        else this.ownItems.set(s.id.client, [s]);
      }
    }
    // A decoded update lists each client's structs by ascending clock: binary search.
    const list = this.ownItems.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  }

  private find(id: Y.ID): Y.Item | null {
    const store = this.doc.store;
    if (id.clock < Y.getState(store, id.client)) {
      const list = store.clients.get(id.client)!;
      const s = list[Y.findIndexSS(list, id.clock)];
      return s instanceof Y.Item ? s : null; // a GC struct: collected, so its place is gone
    }
    return this.inUpdate(id);
  }

  placeOf(item: Y.Item, hops = 0): Place | null {
    if (hops > MAX_HOPS) return null;
    const parent = item.parent as Y.AbstractType<unknown> | Y.ID | string | null;
    if (parent === null) {
      // Parent and key not encoded: Yjs takes them from the neighbour it was inserted next to.
      const neighbour = item.origin ?? item.rightOrigin;
      const found = neighbour && this.find(neighbour);
      return found ? this.placeOf(found, hops + 1) : null;
    }
    if (typeof parent === 'string') return { root: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const p = this.find(parent);
      return p ? { item: p, sub: item.parentSub } : null;
    }
    if (parent._item === null) return { root: rootName(this.doc, parent), sub: item.parentSub };
    return { item: parent._item, sub: item.parentSub };
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

  /** What kind of value the layout wants at a place, if it says. */
  wanted(place: Place): Kind | null {
    if (place.sub === null) return null;
    if (place.root !== undefined) {
      if (ENTRY_ROOTS.has(place.root)) return 'map';
      return place.root === DocRoot.meta && place.sub === 'schemaVersion' ? 'number' : null;
    }
    switch (this.roleOf(place.item)) {
      case 'checklist': // its answers, notes, support and judgements are maps, its history a list
        return CHECKLIST_MAPS.has(place.sub) ? 'map' : place.sub === 'history' ? 'list' : null;
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
};

function holds(content: unknown, kind: Kind): boolean {
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

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
  for (const [name, t] of doc.share) if (t === type) return name;
  return '?';
}
