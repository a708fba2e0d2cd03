import * as Y from 'yjs';
import {
  checklistDefinition,
  checklistItems,
  checklistTypeSchema,
  DocRoot,
  type ChecklistType,
} from '@corates/shared';
import {
  ChecklistDocRoot,
  checklistTextRoot,
  checklistsOf,
  outcomesOf,
  studiesOf,
} from '@corates/shared/doc';
import { KIND_ORDER, type DocChange } from './doc-change.ts';

/**
 * The last state of the document known to be on the server: its state vector and delete set (a
 * Yjs snapshot). Everything in the local document beyond it — items it does not count, deletions
 * it does not hold — has not reached the server.
 */
export type ServerKnown = Y.Snapshot;

/** The whole local document is on the server (taken while the socket is synced). */
export const serverKnownOf = (doc: Y.Doc): ServerKnown => Y.snapshot(doc);

/**
 * `known` after an update that came from the server: what it carries is on the server too (a
 * peer's edits arriving while this client's own are still unsent).
 */
export function afterServerUpdate(known: ServerKnown, update: Uint8Array): ServerKnown {
  const sv = new Map(known.sv);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)))
    if (clock > (sv.get(client) ?? 0)) sv.set(client, clock);
  return Y.createSnapshot(Y.mergeDeleteSets([known.ds, Y.decodeUpdate(update).ds]), sv);
}

/** Containers a checklist is created with: creating them is structure, not something typed. */
const CHECKLIST_PARTS = new Set(['answers', 'notes', 'support', 'judgements']);

/**
 * The entities changed in `doc` and not in `known`, each once, in a fixed order of kinds. A
 * checklist's own fields (its status, its history) count as a change of the checklist only when
 * nothing inside it changed: answering a first question moves the status too, and that is still
 * one answer. Removing a study removes its checklists: each counts (all of it is not yet gone on
 * the server).
 */
export function unsentChanges(doc: Y.Doc, known: ServerKnown): DocChange[] {
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const byKey = new Map<string, DocChange>();
  /** Checklist id of each checklist-level change, and the checklists with content changes. */
  const checklistOf = new Map<string, string>();
  const withContent = new Set<string>();
  for (const [client, structs] of doc.store.clients) {
    const sent = known.sv.get(client) ?? 0;
    const deleted = known.ds.clients.get(client) ?? [];
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const { clock } = struct.id;
      const isNew = clock + struct.length > sent;
      if (!isNew && !(struct.deleted && !covered(deleted, clock, struct.length))) continue;
      const path = pathOf(struct, roots);
      // The entity itself is gone: its label cannot come from it any more.
      const removed = struct.deleted && path.length === 2 && !inRoot(doc, path[0]!, path[1]!);
      const change = classify(doc, path, removed);
      if (!change) continue;
      if (path[0] === DocRoot.checklists) {
        if (change.kind === 'checklist') checklistOf.set(change.key, path[1]!);
        else withContent.add(path[1]!);
      }
      if (!byKey.has(change.key) || removed) byKey.set(change.key, change);
    }
  }
  return [...byKey.values()]
    .filter((c) => c.kind !== 'checklist' || !withContent.has(checklistOf.get(c.key)!))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/**
 * The same for a checklist document (document model v2): its answers, judgements, and the root
 * texts of its notes (`note:<item>`) and support texts (`support:<domain>`). `projectDoc`, when
 * at hand, names the checklist and numbers its items; its meta is structure.
 */
export function unsentChecklistChanges(
  doc: Y.Doc,
  known: ServerKnown,
  checklistId: string,
  projectDoc: Y.Doc | undefined,
): DocChange[] {
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const byKey = new Map<string, DocChange>();
  const where = projectDoc ? checklistLabel(projectDoc, checklistId) : 'a checklist';
  const item = (itemId: string) =>
    projectDoc ? itemNumber(projectDoc, checklistId, itemId) : itemId;
  for (const [client, structs] of doc.store.clients) {
    const sent = known.sv.get(client) ?? 0;
    const deleted = known.ds.clients.get(client) ?? [];
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const { clock } = struct.id;
      const isNew = clock + struct.length > sent;
      if (!isNew && !(struct.deleted && !covered(deleted, clock, struct.length))) continue;
      const [root, sub] = pathOf(struct, roots);
      const change = classifyChecklistPart(root, sub, checklistId, where, item);
      if (change && !byKey.has(change.key)) byKey.set(change.key, change);
    }
  }
  return [...byKey.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}

function classifyChecklistPart(
  root: string | undefined,
  sub: string | undefined,
  id: string,
  where: string,
  item: (itemId: string) => string,
): DocChange | undefined {
  if (!root || !sub) return undefined;
  if (root === ChecklistDocRoot.answers && sub !== '#')
    return {
      kind: 'answer',
      key: `answer:${id}:${sub}`,
      label: `Answer to item ${item(sub)} of ${where}`,
    };
  if (root === ChecklistDocRoot.judgements && sub !== '#')
    return {
      kind: 'judgement',
      key: `judgement:${id}:${sub}`,
      label: `${sub === 'overall' ? 'Overall judgement' : `Judgement (${sub})`} of ${where}`,
    };
  const text = sub === '#' ? checklistTextRoot(root) : undefined;
  if (text?.kind === 'notes')
    return {
      kind: 'note',
      key: `note:${id}:${text.key}`,
      label: `Note on item ${item(text.key)} of ${where}`,
    };
  if (text?.kind === 'support')
    return {
      kind: 'support',
      key: `support:${id}:${text.key}`,
      label: `Support for judgement (${text.key}) of ${where}`,
    };
  return undefined;
}

/** `['checklists', id, 'notes', 'q1', '#']`: root, then each map key, `#` for a place in a text. */
function pathOf(item: Y.Item, roots: ReadonlyMap<unknown, string>): string[] {
  const path: string[] = [];
  let current: Y.Item | null = item;
  let type: unknown;
  while (current) {
    path.unshift(current.parentSub ?? '#');
    const parent: unknown = current.parent;
    if (!(parent instanceof Y.AbstractType)) return [];
    type = parent;
    current = parent._item;
  }
  const root = type ? roots.get(type) : undefined;
  return root ? [root, ...path] : [];
}

/** Whether `[clock, clock + length)` lies inside the delete set's ranges (sorted, merged). */
function covered(ranges: readonly { clock: number; len: number }[], clock: number, length: number) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r.clock + r.len <= clock) lo = mid + 1;
    else if (r.clock > clock) hi = mid - 1;
    else return r.clock + r.len >= clock + length;
  }
  return false;
}

function classify(doc: Y.Doc, path: string[], removed: boolean): DocChange | undefined {
  const [root, id, part, sub, inText] = path;
  if (!root || !id || root === DocRoot.meta) return undefined;
  if (root === DocRoot.studies) {
    const label = removed ? 'A removed study' : `Study “${studyTitle(doc, id)}”`;
    return { kind: 'study', key: `study:${id}`, label };
  }
  if (root === DocRoot.outcomes) {
    const label = removed ? 'A removed outcome' : `Outcome “${outcomeName(doc, id)}”`;
    return { kind: 'outcome', key: `outcome:${id}`, label };
  }
  if (root !== DocRoot.checklists)
    return { kind: 'other', key: `other:${root}:${id}`, label: root };
  if (removed) return { kind: 'checklist', key: `checklist:${id}`, label: 'A removed checklist' };
  const where = checklistLabel(doc, id);
  if (part === undefined || part === '#' || !CHECKLIST_PARTS.has(part))
    return { kind: 'checklist', key: `checklist:${id}`, label: `Status of ${where}` };
  // Creating the container (or a note's empty text) is structure, not a change of its own.
  if (sub === undefined || sub === '#') return undefined;
  switch (part) {
    case 'answers':
      return {
        kind: 'answer',
        key: `answer:${id}:${sub}`,
        label: `Answer to item ${itemNumber(doc, id, sub)} of ${where}`,
      };
    case 'notes':
      return inText === undefined
        ? undefined
        : {
            kind: 'note',
            key: `note:${id}:${sub}`,
            label: `Note on item ${itemNumber(doc, id, sub)} of ${where}`,
          };
    case 'support':
      return inText === undefined
        ? undefined
        : {
            kind: 'support',
            key: `support:${id}:${sub}`,
            label: `Support for judgement (${sub}) of ${where}`,
          };
    default:
      return {
        kind: 'judgement',
        key: `judgement:${id}:${sub}`,
        label: `${sub === 'overall' ? 'Overall judgement' : `Judgement (${sub})`} of ${where}`,
      };
  }
}

function inRoot(doc: Y.Doc, root: string, id: string): boolean {
  const type = doc.share.get(root);
  return type instanceof Y.Map && type.has(id);
}

function studyTitle(doc: Y.Doc, studyId: string): string {
  const title = studiesOf(doc).get(studyId)?.get('title');
  return typeof title === 'string' ? title : 'a removed study';
}

function outcomeName(doc: Y.Doc, outcomeId: string): string {
  const name = outcomesOf(doc).get(outcomeId)?.get('name');
  return typeof name === 'string' ? name : 'a removed outcome';
}

function checklistType(doc: Y.Doc, checklistId: string): ChecklistType | undefined {
  const parsed = checklistTypeSchema.safeParse(checklistsOf(doc).get(checklistId)?.get('type'));
  return parsed.success ? parsed.data : undefined;
}

function checklistLabel(doc: Y.Doc, checklistId: string): string {
  const checklist = checklistsOf(doc).get(checklistId);
  const type = checklistType(doc, checklistId);
  const studyId = checklist?.get('studyId');
  const tool = type ? checklistDefinition(type).title : 'a checklist';
  return typeof studyId === 'string' ? `${tool} of “${studyTitle(doc, studyId)}”` : tool;
}

function itemNumber(doc: Y.Doc, checklistId: string, itemId: string): string {
  const type = checklistType(doc, checklistId);
  const item = type
    ? checklistItems(checklistDefinition(type)).find((i) => i.id === itemId)
    : undefined;
  return item?.number ?? itemId;
}
