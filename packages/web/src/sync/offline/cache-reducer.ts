import {
  type Change,
  DEFAULT_USER_SETTINGS,
  type LoosePayload,
  type OpPayload,
  type OpType,
  adaptOpPayload,
  loosePayload,
  memberSchema,
  membershipChangeId,
  opPayloadSchemas,
  parseMembershipChangeId,
  pdfSchema,
  primaryDemotions,
  projectOfOp,
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
    for (const other of primaryDemotions(draft.pdfs.values(), pdf))
      draft.pdfs.set(other.id, { ...other, tag: 'secondary' });
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

/** What an op's optimistic effect works with besides its payload. */
interface ApplyContext {
  owner: CacheOwner;
  /** When the op was queued: the optimistic rows' timestamps. */
  createdAt: string;
  /** Collects the projects whose member count and owner's role to bring in line afterwards. */
  touched: Set<string>;
}

/**
 * The client's part of an op type. Its shared part (payload schema, the project it changes, its
 * description) is OP_DEFINITIONS in packages/shared; the server's is MUTATIONS in packages/workers.
 */
interface ClientOp<T extends OpType> {
  /**
   * The op's optimistic effect on the cache (SPEC.md [O1]–[O3]), from its parsed payload.
   * Idempotent, so it can be re-applied on top of every pull until the server has answered.
   */
  apply(draft: CacheDraft, p: OpPayload<T>, ctx: ApplyContext): void;
  /**
   * `entity:id` of the row the op changes, stored with the queued op (the ops table's `entityKey`
   * index) so the UI can mark that row pending. Reads the payload as queued.
   */
  entityKey(p: LoosePayload<T>): string;
}

export type ClientOps = { readonly [T in OpType]: ClientOp<T> };

/** Every op type's client part, one entry each: an op type without one does not compile. */
export const CLIENT_OPS: ClientOps = {
  'project.create': {
    apply(draft, p, { owner, createdAt }) {
      // [O2] Never overwrite the server's row with the guess.
      if (draft.projects.has(p.id)) return;
      draft.projects.set(p.id, {
        id: p.id,
        name: p.name,
        description: p.description,
        role: 'owner',
        memberCount: 1,
        createdAt,
        updatedAt: createdAt,
        version: 0,
      });
      draft.memberships.set(memberKey(p.id, owner.id), {
        projectId: p.id,
        userId: owner.id,
        name: owner.name,
        email: owner.email,
        role: 'owner',
        joinedAt: createdAt,
      });
    },
    entityKey: (p) => `project:${String(p.id)}`,
  },
  'project.update': {
    apply(draft, p) {
      const current = draft.projects.get(p.id);
      if (!current) return;
      draft.projects.set(current.id, {
        ...current,
        ...(p.name === undefined ? {} : { name: p.name }),
        ...(p.description === undefined ? {} : { description: p.description }),
      });
    },
    entityKey: (p) => `project:${String(p.id)}`,
  },
  'project.delete': {
    apply: (draft, p) => dropProject(draft, p.id),
    entityKey: (p) => `project:${String(p.id)}`,
  },
  'member.add': {
    // An invitation, not a membership: nobody joins until the invitee accepts.
    apply: () => {},
    entityKey: (p) => `project:${String(p.projectId)}`,
  },
  'member.setRole': {
    apply(draft, p, { touched }) {
      const current = draft.memberships.get(memberKey(p.projectId, p.userId));
      if (current) putMember(draft, { ...current, role: p.role }, touched);
    },
    entityKey: (p) => `membership:${membershipChangeId(String(p.projectId), String(p.userId))}`,
  },
  'member.remove': {
    apply: (draft, p, { owner, touched }) =>
      removeMember(draft, p.projectId, p.userId, owner, touched),
    entityKey: (p) => `membership:${membershipChangeId(String(p.projectId), String(p.userId))}`,
  },
  'settings.update': {
    apply(draft, p) {
      draft.settings = { ...(draft.settings ?? DEFAULT_USER_SETTINGS), ...p.changes };
    },
    entityKey: () => 'settings:user',
  },
  'pdf.update': {
    apply(draft, p) {
      const current = draft.pdfs.get(p.id);
      if (current) putPdf(draft, { ...current, ...p.patch });
    },
    entityKey: (p) => `pdf:${String(p.id)}`,
  },
  'pdf.delete': {
    apply: (draft, p) => void draft.pdfs.delete(p.id),
    entityKey: (p) => `pdf:${String(p.id)}`,
  },
};

/** `CLIENT_OPS[type].entityKey` for a payload not yet parsed. */
export function opEntityKey<T extends OpType>(type: T, payload: unknown): string {
  const op: ClientOp<T> = CLIENT_OPS[type];
  return op.entityKey(loosePayload<T>(payload));
}

/**
 * The optimistic effect of a queued op on the cache (SPEC.md [O1]–[O3]). Idempotent, so it can
 * be re-applied on top of every pull until the server has answered. An op whose payload does not
 * parse changes nothing here; the server will reject it and say why.
 */
export function applyOp(draft: CacheDraft, queued: OpLike, owner: CacheOwner): void {
  const touched = new Set<string>();
  applyOneOp(draft, queued, { owner, createdAt: queued.createdAt, touched });
  syncProjectsWithMembers(draft, touched, owner);
}

function applyOneOp<T extends OpType>(
  draft: CacheDraft,
  queued: OpLike & { type: T },
  ctx: ApplyContext,
): void {
  // An op an older build queued may be in a legacy shape: read it as the server will.
  const adapted = adaptOpPayload(queued.type, queued.clientVersion, queued.payload);
  if (!adapted.ok) return;
  const parsed = opPayloadSchemas[queued.type].safeParse(adapted.payload);
  if (!parsed.success) return;
  const op: ClientOp<T> = CLIENT_OPS[queued.type];
  op.apply(draft, parsed.data as OpPayload<T>, ctx);
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
      const { projectId, userId } = parseMembershipChangeId(change.id);
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
    const projectId = projectOfOp(op.type, adapted.payload);
    // The one op outside any project changes the user's settings.
    if (projectId === undefined) settings = true;
    else projectIds.add(projectId);
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
