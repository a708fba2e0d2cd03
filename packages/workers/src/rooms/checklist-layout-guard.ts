import * as Y from 'yjs';
import { ChecklistDocRoot, checklistTextRoot } from '@corates/shared/doc';
import { INVALID_DOCUMENT_PREFIX, InvalidDocumentUpdate } from './layout-guard.ts';
import { type Place, UpdatePlaces } from './update-places.ts';

/**
 * [R16] The layout rule of a checklist document (document model v2, docs/doc-model-v2.md), like
 * [R12] for the project document. Its roots are the maps `meta` (plain values), `answers` (an
 * option value, a string, per item) and `judgements` (a plain object per domain or `overall`), and
 * one root text per note (`note:<itemId>`) and per support text (`support:<domainId>`), holding
 * plain characters. Nothing else may be written: no other root, no shared type anywhere (the
 * layout nests none), no list items in a map root, no keyed entries on a text.
 *
 * Every new item is placed (its root from its parent, or from the neighbour it was inserted next
 * to: a text's characters after the first name no parent), so a text root is checked as well as a
 * map entry. Undecidable (a neighbour neither in the update nor the room) passes, as under [R12]:
 * the readers skip what is wrong anyway. Deletions always pass.
 */
const MAP_ROOTS: ReadonlySet<string> = new Set(Object.values(ChecklistDocRoot));

export function checkChecklistUpdate(doc: Y.Doc, update: Uint8Array): void {
  const { structs } = Y.decodeUpdate(update);
  let places: UpdatePlaces | undefined;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no value
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue; // in the room
    if (s.content instanceof Y.ContentDeleted) continue;
    places ??= new UpdatePlaces(doc, structs);
    const place = places.placeOf(s);
    if (!place) continue;
    const wrong = wrongAt(place, s.content);
    if (wrong)
      throw new InvalidDocumentUpdate(`${INVALID_DOCUMENT_PREFIX}${describe(place)} ${wrong}`);
  }
}

/** Why the content may not be at that place, or undefined when it may. */
function wrongAt(place: Place, content: Y.Item['content']): string | undefined {
  if (place.root === undefined) return "is nested, and a checklist document's layout nests nothing";
  const root = place.root;
  if (checklistTextRoot(root)) {
    if (place.sub !== null) return 'is a key on a text';
    return content instanceof Y.ContentString ? undefined : 'must hold plain characters';
  }
  if (!MAP_ROOTS.has(root)) return "is outside the checklist document's layout";
  if (place.sub === null) return 'is a list item in a map';
  const value = plainValue(content);
  if (value === NOT_PLAIN) return 'must be a plain value';
  if (root === ChecklistDocRoot.answers && typeof value !== 'string')
    return 'must be an option value';
  if (root === ChecklistDocRoot.judgements && (typeof value !== 'object' || value === null))
    return 'must be a judgement';
  return undefined;
}

const NOT_PLAIN = Symbol('not plain');

function plainValue(content: Y.Item['content']): unknown {
  if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentJSON)) return NOT_PLAIN;
  return content.arr.length === 1 ? (content.arr[0] as unknown) : NOT_PLAIN;
}

function describe(place: Place): string {
  if (place.root === undefined) return 'an entry';
  return place.sub === null ? place.root : `${place.root}.${place.sub}`;
}
