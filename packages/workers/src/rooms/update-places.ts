import * as Y from 'yjs';

/** Where an item sits: under a root type or a parent item, at a map key (`sub`) or in a list. */
export type Place =
  | { root: string; item?: undefined; sub: string | null }
  | { root?: undefined; item: Y.Item; sub: string | null };

/** How deep a guard follows origins and parents before it calls a place undecidable. */
export const MAX_HOPS = 8;

/**
 * Where the items of one decoded update go, for the layout guards ([R12] project document, [R16]
 * checklist document): from an item's parent when the update names it, else from the item it was
 * inserted next to (an overwrite of a map key or a text insertion after the first names no
 * parent) — looked up in the update itself or in the document's struct store (a binary search).
 * So the cost is a few lookups per struct, nothing per document size. `null`: undecidable (a
 * parent or neighbour neither in the update nor the document; Yjs keeps such an update pending).
 */
export class UpdatePlaces {
  private ownItems: Map<number, Y.Item[]> | undefined;

  constructor(
    protected readonly doc: Y.Doc,
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
    if (parent._item === null) return { root: this.rootName(parent), sub: item.parentSub };
    return { item: parent._item, sub: item.parentSub };
  }

  private rootName(type: Y.AbstractType<unknown>): string {
    let names = rootNamesOf.get(this.doc);
    if (!names?.has(type)) {
      // A root is never renamed or removed, but new ones appear: read them all again on a miss.
      names = new Map();
      for (const [name, t] of this.doc.share) names.set(t, name);
      rootNamesOf.set(this.doc, names);
    }
    return names.get(type) ?? '?';
  }
}

/** Each document's root types by name, kept across updates (profiled: rebuilt per update, it showed). */
const rootNamesOf = new WeakMap<Y.Doc, Map<unknown, string>>();
