import * as Y from 'yjs';
import type { AssessorJudgement } from '../checklists/assessor-judgement.ts';
import { ChecklistDocRoot, checklistText } from './checklist-doc.ts';
import { DocRoot } from './layout.ts';

/**
 * The checklist edits a local version-1 copy of a project document holds that the server never
 * received (docs/doc-model-v2.md, "Old clients and their offline edits"): after the server moved
 * checklist content into checklist documents, those edits exist only in the browser that made
 * them, and the v2 build carries them over before it syncs the old copy.
 *
 * "Never received" is decided by Yjs item ids against the server's state vector of the project
 * document: an item whose clock the vector does not cover was made after the last sync. So an old
 * copy's stale values are never written again over a colleague's later ones. What cannot be told
 * from a state vector is not carried: an answer or judgement cleared offline (a deletion adds no
 * item) and text deleted offline. Both are listed in docs/doc-model-v2.md.
 */

/** One run of text typed offline, at its position among the characters the server already had. */
export interface TextInsert {
  /** How many characters the server had before this run, in this text. */
  at: number;
  text: string;
}

export interface UnsyncedChecklistEdits {
  answers: Record<string, string>;
  judgements: Record<string, AssessorJudgement>;
  notes: Record<string, TextInsert[]>;
  support: Record<string, TextInsert[]>;
}

/** The internals of Yjs this reads: item ids, deletion and content, and a map's current items. */
interface ItemLike {
  id: { client: number; clock: number };
  deleted: boolean;
  countable: boolean;
  right: ItemLike | null;
  content: { getContent(): unknown[] };
}
const itemsOf = (map: Y.Map<unknown>) => (map as unknown as { _map: Map<string, ItemLike> })._map;
const firstItemOf = (text: Y.Text) => (text as unknown as { _start: ItemLike | null })._start;

function covered(item: ItemLike, serverVector: Map<number, number>) {
  return item.id.clock < (serverVector.get(item.id.client) ?? 0);
}

/** A map's entries whose current value the server has not seen. */
function unsyncedEntries(map: unknown, serverVector: Map<number, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!(map instanceof Y.Map)) return out;
  for (const [key, item] of itemsOf(map))
    if (!item.deleted && !covered(item, serverVector)) out[key] = map.get(key);
  return out;
}

/**
 * The runs of a text typed after the server's state vector, placed among what it had. Yjs merges
 * a client's consecutive insertions into one item, so an item can be partly known to the server:
 * its first `vector[client] - clock` characters.
 */
function unsyncedInserts(text: Y.Text, serverVector: Map<number, number>): TextInsert[] {
  const runs: TextInsert[] = [];
  let syncedBefore = 0;
  for (let item = firstItemOf(text); item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const chars = item.content.getContent().join('');
    const known = Math.max(0, (serverVector.get(item.id.client) ?? 0) - item.id.clock);
    syncedBefore += Math.min(known, chars.length);
    if (known >= chars.length) continue;
    const typed = chars.slice(known);
    const last = runs.at(-1);
    if (last && last.at === syncedBefore) last.text += typed;
    else runs.push({ at: syncedBefore, text: typed });
  }
  return runs;
}

function textRuns(map: unknown, serverVector: Map<number, number>): Record<string, TextInsert[]> {
  const out: Record<string, TextInsert[]> = {};
  if (!(map instanceof Y.Map)) return out;
  map.forEach((text, key) => {
    if (!(text instanceof Y.Text)) return;
    const runs = unsyncedInserts(text, serverVector);
    if (runs.length > 0) out[key] = runs;
  });
  return out;
}

const isEmpty = (e: UnsyncedChecklistEdits) =>
  [e.answers, e.judgements, e.notes, e.support].every((r) => Object.keys(r).length === 0);

/**
 * Per checklist id, what the local v1 copy holds that a server with `serverStateVector` (its
 * project document's `Y.encodeStateVector`) lacks; checklists without such edits are left out.
 */
export function unsyncedV1Edits(
  localV1: Y.Doc,
  serverStateVector: Uint8Array,
): Map<string, UnsyncedChecklistEdits> {
  const vector = Y.decodeStateVector(serverStateVector);
  const out = new Map<string, UnsyncedChecklistEdits>();
  localV1.getMap<unknown>(DocRoot.checklists).forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) return;
    const answers = Object.fromEntries(
      Object.entries(unsyncedEntries(entry.get('answers'), vector)).filter(
        ([, v]) => typeof v === 'string',
      ),
    ) as Record<string, string>;
    const edits: UnsyncedChecklistEdits = {
      answers,
      judgements: unsyncedEntries(entry.get('judgements'), vector) as Record<
        string,
        AssessorJudgement
      >,
      notes: textRuns(entry.get('notes'), vector),
      support: textRuns(entry.get('support'), vector),
    };
    if (!isEmpty(edits)) out.set(id, edits);
  });
  return out;
}

/**
 * Applies carried-over edits to a checklist document, in one transaction: answers and judgements
 * set, text runs inserted where they were typed (shifted by the runs inserted before them, and
 * clamped to the text's end if the server's text has since become shorter).
 */
export function applyUnsyncedEdits(doc: Y.Doc, edits: UnsyncedChecklistEdits) {
  doc.transact(() => {
    const answers = doc.getMap<string>(ChecklistDocRoot.answers);
    for (const [k, v] of Object.entries(edits.answers)) answers.set(k, v);
    const judgements = doc.getMap<AssessorJudgement>(ChecklistDocRoot.judgements);
    for (const [k, v] of Object.entries(edits.judgements)) judgements.set(k, v);
    for (const kind of ['notes', 'support'] as const)
      for (const [key, runs] of Object.entries(edits[kind])) {
        const text = checklistText(doc, kind, key);
        let shift = 0;
        for (const run of runs) {
          text.insert(Math.min(run.at + shift, text.length), run.text);
          shift += run.text.length;
        }
      }
  });
}
