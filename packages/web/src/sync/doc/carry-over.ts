import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import { applyUnsyncedEdits, unsyncedV1Edits, V1_CONTENT_KEYS } from '@corates/shared/doc';

/**
 * The carry-over of a version-1 copy's offline edits (docs/doc-model-v2.md, "Old clients and their
 * offline edits"). A v1 build kept answers, notes, support texts and judgements in the project
 * document; the server has since moved them into checklist documents and deleted them from the
 * project document. Edits the old build made offline exist only in this browser's copy: before
 * that copy is synced, they are written into the checklist documents as new edits, and the copy's
 * v1 content is deleted as the server deleted it.
 */

/** A checklist document brought up to date from the server, to write the carried edits into. */
export interface CarryTarget {
  doc: Y.Doc;
  /** Sends what was written to the server. */
  push(): Promise<void>;
  close(): Promise<void>;
}

export interface CarryOverEnv {
  /** The server's state vector of the project document (the HTTP fallback's sync step 1). */
  serverStateVector(): Promise<Uint8Array>;
  /** The checklist's document, pulled from the server; undefined when the server withholds it. */
  openChecklist(checklistId: string): Promise<CarryTarget | undefined>;
}

/** Pure: the copy is a version-1 document that still holds some checklist's content. */
export function holdsV1Content(doc: Y.Doc): boolean {
  const version = doc.getMap<unknown>(DocRoot.meta).get('schemaVersion');
  if (typeof version === 'number' && version >= 2) return false;
  let found = false;
  doc.getMap<unknown>(DocRoot.checklists).forEach((entry) => {
    if (!found && entry instanceof Y.Map) found = V1_CONTENT_KEYS.some((k) => entry.has(k));
  });
  return found;
}

/**
 * Deletes every checklist's v1 content from the local copy: deletions only, of what the server
 * deleted too, so the copy's next sync adds nothing the relay refuses in a version-2 document
 * ([R19]) — a content map the old build created offline included.
 */
export function dropV1Content(doc: Y.Doc, origin: unknown) {
  doc.transact(() => {
    doc.getMap<unknown>(DocRoot.checklists).forEach((entry) => {
      if (!(entry instanceof Y.Map)) return;
      for (const key of V1_CONTENT_KEYS) if (entry.has(key)) entry.delete(key);
    });
  }, origin);
}

/**
 * Steps 1–3 of the carry-over, then the local copy's v1 content deleted; the caller connects the
 * project document after (step 4). Returns the checklists written. Rejects, having written
 * nothing, when the server cannot be asked (offline): the caller tries again later. Edits to a
 * checklist the server withholds are not carried (this member may not write it).
 */
export async function carryOverV1Edits(local: Y.Doc, env: CarryOverEnv): Promise<string[]> {
  if (!holdsV1Content(local)) return [];
  const edits = unsyncedV1Edits(local, await env.serverStateVector());
  const targets = new Map<string, CarryTarget>();
  try {
    for (const checklistId of edits.keys()) {
      const target = await env.openChecklist(checklistId);
      if (target) targets.set(checklistId, target);
    }
  } catch (e) {
    for (const target of targets.values()) await target.close().catch(() => undefined);
    throw e;
  }
  // Written in one task, then the v1 content dropped: a reload in between would carry the same
  // runs of text a second time.
  for (const [checklistId, target] of targets)
    applyUnsyncedEdits(target.doc, edits.get(checklistId)!);
  dropV1Content(local, CARRY_OVER_ORIGIN);
  for (const target of targets.values()) {
    // Not sent now (the network went): the copy is in IndexedDB and its socket or the background
    // sync sends it.
    await target.push().catch(() => undefined);
    await target.close().catch(() => undefined);
  }
  return [...targets.keys()];
}

/** The origin of the carry-over's deletions in the project document. */
export const CARRY_OVER_ORIGIN = 'carry-over';
