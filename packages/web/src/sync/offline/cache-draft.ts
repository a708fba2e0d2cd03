import type { UserSettings } from '@corates/shared';
import type { CachedMember, CachedPdfMeta, CachedProject, SyncDb } from './db.ts';

/**
 * The whole metadata cache of one user as plain maps. The reducers work on this synchronously
 * (pure, unit-tested); the store loads it and writes back only what changed, inside one
 * transaction, so a live query never sees half an update. One user's cache is small (their
 * projects and those projects' members), which is what makes load-everything affordable.
 */
export interface CacheDraft {
  projects: Map<string, CachedProject>;
  /** Keyed by `memberKey(projectId, userId)`. */
  memberships: Map<string, CachedMember>;
  settings: UserSettings | undefined;
  /** PDF metadata by id (the bytes are never here). */
  pdfs: Map<string, CachedPdfMeta>;
}

export function memberKey(projectId: string, userId: string): string {
  return `${projectId}:${userId}`;
}

export function emptyDraft(): CacheDraft {
  return { projects: new Map(), memberships: new Map(), settings: undefined, pdfs: new Map() };
}

export function cloneDraft(draft: CacheDraft): CacheDraft {
  return {
    projects: new Map(draft.projects),
    memberships: new Map(draft.memberships),
    settings: draft.settings,
    pdfs: new Map(draft.pdfs),
  };
}

/** Must run inside a transaction over projects, memberships, settings and pdfMeta. */
export async function loadDraft(db: SyncDb): Promise<CacheDraft> {
  const [projects, memberships, settings, pdfs] = await Promise.all([
    db.projects.toArray(),
    db.memberships.toArray(),
    db.settings.get('user'),
    db.pdfMeta.toArray(),
  ]);
  return {
    projects: new Map(projects.map((p) => [p.id, p])),
    memberships: new Map(memberships.map((m) => [memberKey(m.projectId, m.userId), m])),
    settings: settings?.value,
    pdfs: new Map(pdfs.map((p) => [p.id, p])),
  };
}

/**
 * Writes the difference between `before` and `after` (rows compare by identity: reducers replace
 * a row to change it). Must run inside a transaction over the cache tables and pdfMeta.
 */
export async function saveDraft(db: SyncDb, before: CacheDraft, after: CacheDraft): Promise<void> {
  const removedProjects = [...before.projects.keys()].filter((id) => !after.projects.has(id));
  const changedProjects = [...after.projects.values()].filter(
    (p) => before.projects.get(p.id) !== p,
  );
  const removedMembers = [...before.memberships.entries()]
    .filter(([key]) => !after.memberships.has(key))
    .map(([, m]) => [m.projectId, m.userId] as [string, string]);
  const changedMembers = [...after.memberships.entries()]
    .filter(([key, m]) => before.memberships.get(key) !== m)
    .map(([, m]) => m);
  const removedPdfs = [...before.pdfs.keys()].filter((id) => !after.pdfs.has(id));
  const changedPdfs = [...after.pdfs.values()].filter((p) => before.pdfs.get(p.id) !== p);
  await Promise.all([
    db.pdfMeta.bulkDelete(removedPdfs),
    db.pdfMeta.bulkPut(changedPdfs),
    db.projects.bulkDelete(removedProjects),
    db.projects.bulkPut(changedProjects),
    db.memberships.bulkDelete(removedMembers),
    db.memberships.bulkPut(changedMembers),
    // A project gone from the cache takes its PDF metadata with it (SPEC.md [P4]).
    removedProjects.length > 0
      ? db.pdfMeta.where('projectId').anyOf(removedProjects).delete()
      : undefined,
    before.settings === after.settings
      ? undefined
      : after.settings
        ? db.settings.put({ key: 'user', value: after.settings })
        : db.settings.delete('user'),
  ]);
}
