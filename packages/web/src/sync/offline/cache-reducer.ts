import {
  type Change,
  DEFAULT_USER_SETTINGS,
  adaptOpPayload,
  type OpType,
  memberSchema,
  opPayloadSchemas,
  pdfSchema,
  projectSchema,
  userSettingsSchema,
} from '@corates/shared';
import { type CacheDraft, emptyDraft, memberKey } from './cache-draft.ts';
import type { CachedMember, CachedPdfMeta } from './db.ts';

/** Who the cache belongs to: their own membership rows also set their role on the project. */
export interface CacheOwner {
  id: string;
  name: string;
  email: string;
}

/** The part of a queued op the reducer reads. */
export interface OpLike {
  type: OpType;
  payload: unknown;
  /** The build that queued it, which decides the payload's shape (see shared op-adapters). */
  clientVersion: string;
  createdAt: string;
}

const cachedMemberSchema = memberSchema.extend({ projectId: projectSchema.shape.id });

/** Removes a project and everything cached under it (deleted, or the owner lost access). */
function dropProject(draft: CacheDraft, projectId: string): void {
  draft.projects.delete(projectId);
  for (const [key, m] of draft.memberships) {
    if (m.projectId === projectId) draft.memberships.delete(key);
  }
  for (const [id, pdf] of draft.pdfs) {
    if (pdf.projectId === projectId) draft.pdfs.delete(id);
  }
}

/** Caches a PDF's row; a primary demotes the study's other primary, as the server does. */
export function putPdf(draft: CacheDraft, pdf: CachedPdfMeta): void {
  if (pdf.tag === 'primary') {
    for (const other of draft.pdfs.values()) {
      if (
        other.id !== pdf.id &&
        other.tag === 'primary' &&
        other.projectId === pdf.projectId &&
        other.studyId === pdf.studyId
      ) {
        draft.pdfs.set(other.id, { ...other, tag: 'secondary' });
      }
    }
  }
  draft.pdfs.set(pdf.id, pdf);
}

/**
 * [O3] The member count and the owner's role follow the cached memberships: brings `projectIds`
 * in line with them in one pass over the memberships, so a batch of changes costs one pass rather
 * than one per change (which made a first pull of thousands of projects quadratic).
 */
function syncProjectsWithMembers(
  draft: CacheDraft,
  projectIds: ReadonlySet<string>,
  owner: CacheOwner,
): void {
  if (projectIds.size === 0) return;
  const cached = new Map<string, { count: number; myRole?: CachedMember['role'] }>();
  for (const m of draft.memberships.values()) {
    if (!projectIds.has(m.projectId)) continue;
    const seen = cached.get(m.projectId) ?? { count: 0 };
    seen.count += 1;
    if (m.userId === owner.id) seen.myRole = m.role;
    cached.set(m.projectId, seen);
  }
  for (const projectId of projectIds) {
    const project = draft.projects.get(projectId);
    const seen = cached.get(projectId);
    // No cached members yet (the project's row arrived first in the feed): keep the server's count.
    if (!project || !seen) continue;
    const myRole = seen.myRole ?? project.role;
    if (seen.count === project.memberCount && myRole === project.role) continue;
    draft.projects.set(projectId, { ...project, memberCount: seen.count, role: myRole });
  }
}

/** Caches a membership; `touched` collects the project to sync afterwards. */
function putMember(draft: CacheDraft, member: CachedMember, touched: Set<string>): void {
  draft.memberships.set(memberKey(member.projectId, member.userId), member);
  touched.add(member.projectId);
}

function removeMember(
  draft: CacheDraft,
  projectId: string,
  userId: string,
  owner: CacheOwner,
  touched: Set<string>,
): void {
  if (userId === owner.id) {
    dropProject(draft, projectId);
    return;
  }
  draft.memberships.delete(memberKey(projectId, userId));
  touched.add(projectId);
}

/**
 * The optimistic effect of a queued op on the cache (SPEC.md [O1]–[O3]). Idempotent, so it can
 * be re-applied on top of every pull until the server has answered. An op whose payload does not
 * parse changes nothing here; the server will reject it and say why.
 */
export function applyOp(draft: CacheDraft, queued: OpLike, owner: CacheOwner): void {
  const touched = new Set<string>();
  applyOneOp(draft, queued, owner, touched);
  syncProjectsWithMembers(draft, touched, owner);
}

function applyOneOp(
  draft: CacheDraft,
  queued: OpLike,
  owner: CacheOwner,
  touched: Set<string>,
): void {
  // An op an older build queued may be in a legacy shape: read it as the server will.
  const adapted = adaptOpPayload(queued.type, queued.clientVersion, queued.payload);
  if (!adapted.ok) return;
  const op = { ...queued, payload: adapted.payload };
  switch (op.type) {
    case 'project.create': {
      const p = opPayloadSchemas['project.create'].safeParse(op.payload);
      // [O2] Never overwrite the server's row with the guess.
      if (!p.success || draft.projects.has(p.data.id)) return;
      draft.projects.set(p.data.id, {
        id: p.data.id,
        name: p.data.name,
        description: p.data.description,
        role: 'owner',
        memberCount: 1,
        createdAt: op.createdAt,
        updatedAt: op.createdAt,
        version: 0,
      });
      draft.memberships.set(memberKey(p.data.id, owner.id), {
        projectId: p.data.id,
        userId: owner.id,
        name: owner.name,
        email: owner.email,
        role: 'owner',
        joinedAt: op.createdAt,
      });
      return;
    }
    case 'project.update': {
      const p = opPayloadSchemas['project.update'].safeParse(op.payload);
      const current = p.success ? draft.projects.get(p.data.id) : undefined;
      if (!p.success || !current) return;
      draft.projects.set(current.id, {
        ...current,
        ...(p.data.name === undefined ? {} : { name: p.data.name }),
        ...(p.data.description === undefined ? {} : { description: p.data.description }),
      });
      return;
    }
    case 'project.delete': {
      const p = opPayloadSchemas['project.delete'].safeParse(op.payload);
      if (p.success) dropProject(draft, p.data.id);
      return;
    }
    case 'member.add':
      // An invitation, not a membership: nobody joins until the invitee accepts.
      return;
    case 'member.setRole': {
      const p = opPayloadSchemas['member.setRole'].safeParse(op.payload);
      const current = p.success
        ? draft.memberships.get(memberKey(p.data.projectId, p.data.userId))
        : undefined;
      if (!p.success || !current) return;
      putMember(draft, { ...current, role: p.data.role }, touched);
      return;
    }
    case 'member.remove': {
      const p = opPayloadSchemas['member.remove'].safeParse(op.payload);
      if (p.success) removeMember(draft, p.data.projectId, p.data.userId, owner, touched);
      return;
    }
    case 'settings.update': {
      const p = opPayloadSchemas['settings.update'].safeParse(op.payload);
      if (p.success)
        draft.settings = { ...(draft.settings ?? DEFAULT_USER_SETTINGS), ...p.data.changes };
      return;
    }
    case 'pdf.update': {
      const p = opPayloadSchemas['pdf.update'].safeParse(op.payload);
      const current = p.success ? draft.pdfs.get(p.data.id) : undefined;
      if (!p.success || !current) return;
      putPdf(draft, { ...current, ...p.data.patch });
      return;
    }
    case 'pdf.delete': {
      const p = opPayloadSchemas['pdf.delete'].safeParse(op.payload);
      if (p.success) draft.pdfs.delete(p.data.id);
      return;
    }
  }
}

/**
 * Applies changes from the pull feed in order (SPEC.md [P1]–[P4]): the server's row replaces the
 * cached one; a tombstone removes it. A row that does not parse is skipped rather than cached
 * wrong. Member counts and the owner's role are brought in line once, after the last change.
 */
export function applyChanges(
  draft: CacheDraft,
  changes: readonly Change[],
  owner: CacheOwner,
): void {
  const touched = new Set<string>();
  for (const change of changes) applyOneChange(draft, change, owner, touched);
  syncProjectsWithMembers(draft, touched, owner);
}

function applyOneChange(
  draft: CacheDraft,
  change: Change,
  owner: CacheOwner,
  touched: Set<string>,
): void {
  switch (change.entity) {
    case 'project': {
      if (change.op === 'delete') {
        dropProject(draft, change.id);
        return;
      }
      const row = projectSchema.safeParse(change.row);
      if (!row.success) return;
      draft.projects.set(row.data.id, row.data);
      touched.add(row.data.id);
      return;
    }
    case 'membership': {
      const [projectId = '', userId = ''] = change.id.split(':');
      if (change.op === 'delete') {
        removeMember(draft, projectId, userId, owner, touched);
        return;
      }
      const row = cachedMemberSchema.safeParse(change.row);
      if (row.success) putMember(draft, row.data, touched);
      return;
    }
    case 'settings': {
      if (change.op === 'delete') {
        draft.settings = undefined;
        return;
      }
      const row = userSettingsSchema.safeParse(change.row);
      if (row.success) draft.settings = row.data;
      return;
    }
    case 'pdf': {
      if (change.op === 'delete') {
        draft.pdfs.delete(change.id);
        return;
      }
      const row = pdfSchema.safeParse(change.row);
      // Set as sent: the server already demoted the old primary, and its change is in the feed.
      if (row.success) draft.pdfs.set(row.data.id, row.data);
      return;
    }
  }
}

/**
 * [C2] What a cache-version reset keeps: the cached rows the queued ops change (each such project
 * with its members and PDF metadata, and the settings), so the ops' effects still show on top of
 * them until the first pull swaps in the server's copy. Everything else goes, and so does any kept
 * row that no longer parses: a new cache version may mean the old rows' shape is wrong.
 */
export function baseForQueuedOps(draft: CacheDraft, ops: OpLike[]): CacheDraft {
  const base = emptyDraft();
  const projectIds = new Set<string>();
  let settings = false;
  for (const op of ops) {
    const adapted = adaptOpPayload(op.type, op.clientVersion, op.payload);
    if (!adapted.ok) continue;
    const p = (adapted.payload ?? {}) as { id?: unknown; projectId?: unknown };
    if (op.type === 'settings.update') settings = true;
    else if (op.type.startsWith('project.')) projectIds.add(String(p.id));
    else projectIds.add(String(p.projectId));
  }
  for (const id of projectIds) {
    const project = draft.projects.get(id);
    if (!project || !projectSchema.safeParse(project).success) continue;
    // The same row objects: saveDraft then leaves them untouched.
    base.projects.set(id, project);
    for (const [key, m] of draft.memberships) {
      if (m.projectId === id && cachedMemberSchema.safeParse(m).success)
        base.memberships.set(key, m);
    }
    for (const [pdfId, pdf] of draft.pdfs) {
      if (pdf.projectId === id && pdfSchema.safeParse(pdf).success) base.pdfs.set(pdfId, pdf);
    }
  }
  if (settings && draft.settings && userSettingsSchema.safeParse(draft.settings).success) {
    base.settings = draft.settings;
  }
  return base;
}
