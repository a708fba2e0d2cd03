import type { FederatedChecklist, FederatedStudy, ShareEntity } from '@corates/shared';
import {
  checklistDocAccess,
  type ChecklistContent,
  type ProjectDocContent,
} from '@corates/shared/doc';

/** One record a share covers, as it is served (`row`). */
export type ShareRecord =
  | { entity: 'study'; id: string; row: FederatedStudy }
  | { entity: 'checklist'; id: string; row: FederatedChecklist };

/** What the share's log holds for a record now: its last op and the row served (JSON). */
export interface LoggedRecord {
  op: 'upsert' | 'leave';
  row: string | null;
}

/** A change to write to the share's log. */
export interface PlannedUpdate {
  entity: ShareEntity;
  id: string;
  op: 'upsert' | 'leave';
  row: string | null;
}

export const recordKey = (entity: ShareEntity, id: string) => `${entity}:${id}`;

/**
 * The records a share covers now, from the publisher's document copy and checklist contents: the
 * shared studies (all of the project's when `studyIds` is null) and their checklists. A checklist's
 * content is carried only when a project viewer with blinding on could open its document (the
 * appraisal has its result); otherwise its header goes with `content: null`. Blinding is assumed on
 * whatever the project's setting, so turning it off later never widens what already went out.
 */
export function shareRecords(
  doc: Pick<ProjectDocContent, 'studies' | 'checklists'>,
  contents: ReadonlyMap<string, ChecklistContent>,
  studyIds: ReadonlySet<string> | null,
): ShareRecord[] {
  const shared = (studyId: string) => studyIds === null || studyIds.has(studyId);
  const studies = doc.studies.filter((s) => shared(s.id));
  const present = new Set(studies.map((s) => s.id));
  const out: ShareRecord[] = studies.map((s) => ({
    entity: 'study',
    id: s.id,
    row: {
      id: s.id,
      title: s.title,
      authors: s.authors,
      year: s.year,
      journal: s.journal,
      doi: s.doi,
      design: s.design ?? null,
      createdAt: s.createdAt,
    },
  }));
  for (const c of doc.checklists) {
    if (!present.has(c.studyId)) continue;
    const readable =
      checklistDocAccess({
        // No user of this server: the subscriber reads as a viewer who reviews nothing.
        userId: '',
        role: 'viewer',
        checklist: c,
        checklists: doc.checklists,
        blindReviewers: true,
      }) === 'read';
    const content = readable ? contents.get(c.id) : undefined;
    out.push({
      entity: 'checklist',
      id: c.id,
      row: {
        id: c.id,
        studyId: c.studyId,
        type: c.type,
        status: c.status,
        reconciled: c.reviewerId === null,
        outcomeId: c.outcomeId ?? null,
        createdAt: c.createdAt,
        completedAt: c.completedAt,
        content: content ?? null,
      },
    });
  }
  return out;
}

/**
 * The changes that bring the share's log from `logged` to `current`: an upsert for each record that
 * is new, changed or back after leaving; a leave (tombstone) for each record that was upserted and
 * is no longer covered. In a stable order (as `current` lists them, then the leaves by key), so two
 * publishers' requests planning at once plan the same.
 */
export function planShareUpdates(
  logged: ReadonlyMap<string, LoggedRecord>,
  current: readonly ShareRecord[],
): PlannedUpdate[] {
  const out: PlannedUpdate[] = [];
  const seen = new Set<string>();
  for (const r of current) {
    const key = recordKey(r.entity, r.id);
    seen.add(key);
    const row = JSON.stringify(r.row);
    const was = logged.get(key);
    if (was?.op === 'upsert' && was.row === row) continue;
    out.push({ entity: r.entity, id: r.id, op: 'upsert', row });
  }
  const gone = [...logged].filter(([key, r]) => r.op === 'upsert' && !seen.has(key));
  gone.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key] of gone) {
    const at = key.indexOf(':');
    out.push({
      entity: key.slice(0, at) as ShareEntity,
      id: key.slice(at + 1),
      op: 'leave',
      row: null,
    });
  }
  return out;
}
