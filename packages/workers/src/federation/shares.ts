import { and, asc, count, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { readProjectDoc } from '@corates/shared/doc';
import {
  FEDERATION_INVITE_TTL_HOURS,
  SUPPORTED_SCHEMA_VERSIONS,
  type CreateShare,
  type InviteClaims,
  type InviteCreated,
  type Share,
  type ShareDetail,
  type ShareGraph,
  type UpdateShare,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { projectDoc } from '../durable/project-doc-stub.ts';
import {
  invites,
  servers,
  shareEdges,
  shareRecords,
  shareRoots,
  shares,
  shareSubscribers,
} from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { requireRole } from '../domain/access.ts';
import { signCompact } from './compact-token.ts';
import type { ServerKey } from './server-key.ts';
import { ensureShareFresh, refreshSharesAfterWrite } from './share-changes.ts';
import { recordKey } from './share-content.ts';

const INVITE_TTL_MS = FEDERATION_INVITE_TTL_HOURS * 60 * 60 * 1000;

type ShareRow = typeof shares.$inferSelect;

function toShare(row: ShareRow, studyIds: string[]): Share {
  return {
    id: row.id,
    projectId: row.projectId,
    mode: row.mode,
    scope: row.scope,
    studyIds,
    status: row.revokedAt ? 'revoked' : row.pausedAt ? 'paused' : 'active',
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    pausedAt: row.pausedAt?.toISOString() ?? null,
  };
}

/**
 * The `studyIds` a share names that are not studies of the project, as validation issues (the
 * shape `VALIDATION_FAILED` details take everywhere); empty when all are.
 */
export function unknownStudyIssues(studyIds: readonly string[], known: ReadonlySet<string>) {
  return studyIds.flatMap((id, i) =>
    known.has(id)
      ? []
      : [
          {
            path: ['studyIds', String(i)],
            code: 'custom',
            message: `no study ${id} in this project`,
          },
        ],
  );
}

/**
 * The project's study ids. Studies live only in the project document, so they are read from its
 * Durable Object (the live document; D1's copy lags by the export delay, and a study created a
 * moment ago must be shareable).
 */
async function projectStudyIds(env: Bindings, projectId: string): Promise<Set<string>> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await projectDoc(env, projectId).encodeState());
  return new Set(readProjectDoc(doc).studies.map((s) => s.id));
}

/**
 * Shares the whole project, or the given studies, read-only (owners only). The studies must be the
 * project's (400 VALIDATION_FAILED naming the others). Which records the roots cover (the DAG) is
 * worked out by the share's first refresh (its first pull or read of its graph: `source_at` is
 * null until then), and kept current on the project's writes after it.
 */
export async function createShare(
  db: Database,
  env: Bindings,
  projectId: string,
  callerId: string,
  input: CreateShare,
): Promise<Share> {
  await requireRole(db, projectId, callerId, 'owner');
  const id = crypto.randomUUID();
  const studyIds = input.studyIds ?? [];
  if (studyIds.length > 0) {
    const issues = unknownStudyIssues(studyIds, await projectStudyIds(env, projectId));
    if (issues.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        'the share names studies the project does not have',
        issues,
      );
  }
  const roots =
    studyIds.length > 0
      ? studyIds.map((entityId) => ({ shareId: id, entity: 'study' as const, entityId }))
      : [{ shareId: id, entity: 'project' as const, entityId: projectId }];
  const [inserted] = await db.batch([
    db
      .insert(shares)
      .values({
        id,
        projectId,
        mode: input.mode,
        scope: studyIds.length > 0 ? 'studies' : 'project',
        createdBy: callerId,
      })
      .returning(),
    db.insert(shareRoots).values(roots),
  ]);
  return toShare(inserted[0] as ShareRow, studyIds);
}

/** A project's shares, revoked ones included, oldest first (owners only). */
export async function listShares(
  db: Database,
  projectId: string,
  callerId: string,
): Promise<Share[]> {
  await requireRole(db, projectId, callerId, 'owner');
  const [rows, roots] = await db.batch([
    db.select().from(shares).where(eq(shares.projectId, projectId)).orderBy(asc(shares.createdAt)),
    db
      .select({ shareId: shareRoots.shareId, entityId: shareRoots.entityId })
      .from(shareRoots)
      .innerJoin(shares, eq(shares.id, shareRoots.shareId))
      .where(and(eq(shares.projectId, projectId), eq(shareRoots.entity, 'study')))
      .orderBy(asc(shareRoots.entityId)),
  ]);
  const studies = new Map<string, string[]>();
  for (const r of roots) studies.set(r.shareId, [...(studies.get(r.shareId) ?? []), r.entityId]);
  return rows.map((row) => toShare(row, studies.get(row.id) ?? []));
}

/** The share, asserting the caller owns its project (unknown share or non-member: 404). */
async function ownedShare(db: Database, shareId: string, callerId: string): Promise<ShareRow> {
  const row = await db.select().from(shares).where(eq(shares.id, shareId)).get();
  if (!row) throw new AppError('NOT_FOUND', 'share not found');
  await requireRole(db, row.projectId, callerId, 'owner');
  return row;
}

/** A share's study roots, by id (none for a whole-project share). */
export async function studyIdsOf(db: Database, shareId: string): Promise<string[]> {
  const rows = await db
    .select({ entityId: shareRoots.entityId })
    .from(shareRoots)
    .where(and(eq(shareRoots.shareId, shareId), eq(shareRoots.entity, 'study')))
    .orderBy(asc(shareRoots.entityId));
  return rows.map((r) => r.entityId);
}

/**
 * Revokes a share (owners only): its subscribers are refused from now on. The row stays, so the
 * list shows it and a subscriber can be told why; revoking again answers the same share.
 */
export async function revokeShare(db: Database, shareId: string, callerId: string) {
  const row = await ownedShare(db, shareId, callerId);
  const revoked =
    row.revokedAt ??
    (
      await db
        .update(shares)
        .set({ revokedAt: new Date(), updatedAt: new Date() })
        .where(eq(shares.id, shareId))
        .returning()
    )[0]?.revokedAt ??
    null;
  return toShare({ ...row, revokedAt: revoked }, await studyIdsOf(db, shareId));
}

/**
 * A signed, expiring, single-use invite to an active share (owners only): the claims carry this
 * server's origin and id, the share and our schema versions; the `invites` row (its `jti`) makes
 * it single-use.
 */
export async function createInvite(
  db: Database,
  key: ServerKey,
  origin: string,
  shareId: string,
  callerId: string,
  now = new Date(),
): Promise<InviteCreated> {
  const row = await ownedShare(db, shareId, callerId);
  if (row.revokedAt) throw new AppError('SHARE_REVOKED', 'this share was revoked');
  const id = crypto.randomUUID();
  // Whole seconds: the token's `exp` is in seconds, and the answer's `expiresAt` says the same.
  const expiresAt = new Date(Math.floor((now.getTime() + INVITE_TTL_MS) / 1000) * 1000);
  await db.insert(invites).values({ id, shareId, createdBy: callerId, expiresAt });
  const claims: InviteClaims = {
    typ: 'corates-federation-invite',
    iss: origin,
    sid: key.serverId,
    share: shareId,
    schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
    exp: Math.floor(expiresAt.getTime() / 1000),
    jti: id,
  };
  return { invite: await signCompact(key.privateKey, claims), expiresAt: expiresAt.toISOString() };
}

/**
 * Changes a share (owners only). `status`: paused, its subscribers are refused with 409
 * SHARE_PAUSED, which they retry later, until it is resumed; its log is kept current meanwhile, so
 * they catch up from where they were. `studyIds` (a study share only): the studies it shares, which
 * must be the project's (400 VALIDATION_FAILED as at creation); a study taken out leaves the share
 * with what it covered (tombstones, by the refresh that follows). A revoked share stays revoked
 * (410 SHARE_REVOKED).
 */
export async function updateShare(
  db: Database,
  env: Bindings,
  shareId: string,
  callerId: string,
  input: UpdateShare,
): Promise<Share> {
  const row = await ownedShare(db, shareId, callerId);
  if (row.revokedAt) throw new AppError('SHARE_REVOKED', 'this share was revoked');
  const { studyIds } = input;
  if (studyIds) {
    if (row.scope !== 'studies')
      throw new AppError('VALIDATION_FAILED', 'a whole-project share has no studies to change', [
        { path: ['studyIds'], code: 'custom', message: 'this share is of the whole project' },
      ]);
    const issues = unknownStudyIssues(studyIds, await projectStudyIds(env, row.projectId));
    if (issues.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        'the share names studies the project does not have',
        issues,
      );
  }
  const now = new Date();
  const pausedAt =
    input.status === undefined
      ? row.pausedAt
      : input.status === 'paused'
        ? (row.pausedAt ?? now)
        : null;
  const update = db
    .update(shares)
    .set({ pausedAt, updatedAt: now })
    .where(eq(shares.id, shareId))
    .returning();
  const [updated] = studyIds
    ? await db.batch([
        update,
        db
          .delete(shareRoots)
          .where(and(eq(shareRoots.shareId, shareId), eq(shareRoots.entity, 'study'))),
        db
          .insert(shareRoots)
          .values(studyIds.map((entityId) => ({ shareId, entity: 'study' as const, entityId }))),
      ])
    : [await update];
  // New roots change what the share covers: its log follows now, not at the project's next write.
  if (studyIds) await refreshSharesAfterWrite(env, row.projectId);
  return toShare(updated?.[0] ?? { ...row, pausedAt }, await studyIdsOf(db, shareId));
}

/** The share as its owners see it: its log's position and each subscriber's delivery state. */
export async function shareDetail(
  db: Database,
  shareId: string,
  callerId: string,
): Promise<ShareDetail> {
  const row = await ownedShare(db, shareId, callerId);
  const [subscribers, records, studyIds] = await Promise.all([
    db
      .select({ subscriber: shareSubscribers, origin: servers.origin })
      .from(shareSubscribers)
      .innerJoin(servers, eq(servers.id, shareSubscribers.serverId))
      .where(eq(shareSubscribers.shareId, shareId))
      .orderBy(asc(shareSubscribers.createdAt)),
    db.select({ n: count() }).from(shareRecords).where(eq(shareRecords.shareId, shareId)).get(),
    studyIdsOf(db, shareId),
  ]);
  return {
    ...toShare(row, studyIds),
    lastSeq: row.lastSeq,
    recordCount: records?.n ?? 0,
    subscribers: subscribers.map(({ subscriber: s, origin }) => ({
      id: s.id,
      serverId: s.serverId,
      origin,
      ackedSeq: s.ackedSeq,
      lag: Math.max(0, row.lastSeq - s.ackedSeq),
      lastPullAt: s.lastPullAt?.toISOString() ?? null,
      lastError: s.lastError,
      schemaRefusals: s.schemaRefusals,
      createdAt: s.createdAt.toISOString(),
    })),
  };
}

/**
 * The share's DAG as stored (share_records, share_edges), for its owners. A share owed a refresh
 * (a new one) is refreshed first, so its graph is never empty for want of a pull.
 */
export async function shareGraph(
  db: Database,
  env: Bindings,
  shareId: string,
  callerId: string,
): Promise<ShareGraph> {
  const row = await ownedShare(db, shareId, callerId);
  if (!row.revokedAt) await ensureShareFresh(env, row);
  const [nodes, edges] = await db.batch([
    db
      .select()
      .from(shareRecords)
      .where(eq(shareRecords.shareId, shareId))
      .orderBy(asc(shareRecords.entity), asc(shareRecords.entityId)),
    db
      .select()
      .from(shareEdges)
      .where(eq(shareEdges.shareId, shareId))
      .orderBy(
        asc(shareEdges.fromEntity),
        asc(shareEdges.fromId),
        asc(shareEdges.toEntity),
        asc(shareEdges.toId),
      ),
  ]);
  return {
    nodes: nodes.map((n) => ({
      key: recordKey(n.entity, n.entityId),
      entity: n.entity,
      id: n.entityId,
      label: n.label,
      includedAt: n.includedAt.toISOString(),
    })),
    edges: edges.map((e) => ({
      from: recordKey(e.fromEntity, e.fromId),
      to: recordKey(e.toEntity, e.toId),
      includedAt: e.includedAt.toISOString(),
    })),
  };
}
