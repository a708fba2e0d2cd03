import * as Y from 'yjs';
import type { ChecklistStatus } from '../checklists/status.ts';
import type { ChecklistType } from '../checklists/types.ts';
import {
  ChecklistDocRoot,
  checklistText,
  NOTE_ROOT_PREFIX,
  SUPPORT_ROOT_PREFIX,
  writeChecklistMeta,
  type ChecklistContent,
} from './checklist-doc.ts';
import { DOC_SCHEMA_VERSION, DocRoot } from './layout.ts';
import { checklistsOf, outcomesOf, studiesOf } from './roots.ts';

/**
 * A mirror project (federation, docs/federation.md "The mirror project"): another server's share
 * as this server holds it, written only by the server from what its pulls applied. These writers
 * make a document equal to the records, touching only what differs, so a pull that changed one
 * study sends the mirror's readers one small update.
 */

/** Who a mirror's records name as their author and reviewer: the publisher's ids never travel. */
export const MIRROR_AUTHOR = 'federated';

export interface MirrorStudy {
  id: string;
  title: string;
  authors: string;
  year: number | null;
  journal: string;
  doi: string;
  design: string | null;
  createdAt: string;
}

export interface MirrorOutcome {
  id: string;
  name: string;
  createdAt: string;
}

export interface MirrorChecklist {
  id: string;
  studyId: string;
  type: ChecklistType;
  status: ChecklistStatus;
  /** The appraisal's reconciled checklist (reviewer null); otherwise a reviewer's. */
  reconciled: boolean;
  outcomeId: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface MirrorRecords {
  studies: readonly MirrorStudy[];
  outcomes: readonly MirrorOutcome[];
  checklists: readonly MirrorChecklist[];
}

/** Sets `key` to `value` where it differs; `undefined` removes the key (the layout's "not set"). */
function put(map: Y.Map<unknown>, key: string, value: unknown) {
  if (value === undefined) {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== value) map.set(key, value);
}

/** Brings `root`'s entries to `wanted` by id: missing ones made, others updated, extra ones deleted. */
function syncEntries<T extends { id: string }>(
  root: Y.Map<Y.Map<unknown>>,
  wanted: readonly T[],
  fields: (record: T) => Record<string, unknown>,
  fresh: (entry: Y.Map<unknown>) => void = () => {},
) {
  const ids = new Set(wanted.map((r) => r.id));
  for (const key of [...root.keys()]) if (!ids.has(key)) root.delete(key);
  for (const record of wanted) {
    let entry = root.get(record.id);
    if (!(entry instanceof Y.Map)) {
      entry = new Y.Map<unknown>();
      root.set(record.id, entry);
      fresh(entry);
    }
    for (const [k, v] of Object.entries(fields(record))) put(entry, k, v);
  }
}

/**
 * Makes a mirror's project document hold exactly `records` (studies, outcomes, checklist headers),
 * in one transaction. The project's own roots only: a mirror has no settings (blinding on, as
 * absent means) and no trash (a record that left the share is removed, not trashed).
 */
export function writeMirrorDoc(doc: Y.Doc, records: MirrorRecords) {
  doc.transact(() => {
    put(doc.getMap(DocRoot.meta), 'schemaVersion', DOC_SCHEMA_VERSION);
    syncEntries(studiesOf(doc), records.studies, (s) => ({
      id: s.id,
      title: s.title,
      authors: s.authors,
      year: s.year,
      journal: s.journal,
      doi: s.doi,
      design: s.design ?? undefined,
      createdAt: s.createdAt,
      createdBy: MIRROR_AUTHOR,
      reviewer1: null,
      reviewer2: null,
    }));
    syncEntries(outcomesOf(doc), records.outcomes, (o) => ({
      id: o.id,
      name: o.name,
      createdAt: o.createdAt,
      createdBy: MIRROR_AUTHOR,
    }));
    syncEntries(
      checklistsOf(doc),
      records.checklists,
      (c) => ({
        id: c.id,
        type: c.type,
        studyId: c.studyId,
        reviewerId: c.reconciled ? null : MIRROR_AUTHOR,
        outcomeId: c.outcomeId ?? undefined,
        status: c.status,
        createdAt: c.createdAt,
        completedAt: c.completedAt,
      }),
      (entry) => entry.set('history', new Y.Array()),
    );
  });
}

/**
 * Makes a mirror's checklist document hold exactly `content`, in one transaction: answers and
 * judgements set or removed by key, a note or support text replaced only when its text differs.
 */
export function writeMirrorChecklist(
  doc: Y.Doc,
  ids: { checklistId: string; projectId: string },
  content: ChecklistContent,
) {
  doc.transact(() => {
    writeChecklistMeta(doc, ids);
    for (const root of [ChecklistDocRoot.answers, ChecklistDocRoot.judgements] as const) {
      const map = doc.getMap<unknown>(root);
      const wanted = content[root] as Record<string, unknown>;
      for (const key of [...map.keys()]) if (!(key in wanted)) map.delete(key);
      for (const [k, v] of Object.entries(wanted))
        if (JSON.stringify(map.get(k)) !== JSON.stringify(v)) map.set(k, v);
    }
    for (const kind of ['notes', 'support'] as const) {
      const wanted = content[kind];
      const prefix = kind === 'notes' ? NOTE_ROOT_PREFIX : SUPPORT_ROOT_PREFIX;
      // A root text cannot be removed, only emptied; an empty one reads as none.
      for (const name of [...doc.share.keys()]) {
        const key = name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
        if (key === undefined || key in wanted) continue;
        const text = checklistText(doc, kind, key);
        if (text.length > 0) text.delete(0, text.length);
      }
      for (const [key, value] of Object.entries(wanted)) {
        const text = checklistText(doc, kind, key);
        if (text.toString() === value) continue;
        text.delete(0, text.length);
        text.insert(0, value);
      }
    }
  });
}
