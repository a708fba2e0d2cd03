import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import {
  membershipChangeId,
  parseMembershipChangeId,
  type Change,
  type PullResponse,
  type SyncEntity,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import { changeLog } from '../db/schema.ts';
import { projectsOf } from './access.ts';
import { selectReadableMemberships, toMember } from './members.ts';
import { selectReadablePdfs, toPdf } from './pdfs.ts';
import { selectMemberProjects, toProject } from './projects.ts';
import { selectStoredSettings, settingsFromStored } from './settings.ts';

interface LogRow {
  seq: number;
  entity: SyncEntity;
  entityId: string;
  op: 'upsert' | 'delete';
}

/**
 * Changes after `since` that the user may read: their own (settings, tombstones addressed to
 * them) and those of projects they are a member of now. Each change carries the row as it is
 * now, so repeated changes to one row in a page collapse into its latest.
 *
 * Entries addressed to the user include the catch-up written when they joined a project; they
 * outlive the membership, so a project-scoped row is hydrated only while the caller is still a
 * member and becomes a tombstone otherwise.
 *
 * A page costs at most two D1 round trips whatever its size: the page, then its rows (`hydrate`).
 */
export async function pullChanges(
  db: Database,
  userId: string,
  since: number,
  limit: number,
): Promise<PullResponse> {
  // One batch is one transaction, so the page ends at or before `top`: a write landing during
  // the pull is left for the next one.
  const [[bound], rows] = await db.batch([
    db.select({ seq: sql<number | null>`max(${changeLog.seq})` }).from(changeLog),
    db
      .select({
        seq: changeLog.seq,
        entity: changeLog.entity,
        entityId: changeLog.entityId,
        op: changeLog.op,
      })
      .from(changeLog)
      .where(
        and(
          gt(changeLog.seq, since),
          or(
            eq(changeLog.userId, userId),
            and(isNull(changeLog.userId), sql`${changeLog.projectId} in ${projectsOf(userId)}`),
          ),
        ),
      )
      .orderBy(changeLog.seq)
      .limit(limit + 1),
  ]);
  const top = bound?.seq ?? 0;
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const latest = new Map<string, LogRow>();
  for (const row of page) {
    const key = `${row.entity}:${row.entityId}`;
    latest.delete(key); // keep server order of the latest occurrence
    latest.set(key, row);
  }
  const changes = await hydrate(db, userId, [...latest.values()]);
  const last = page.at(-1);
  return { changes, checkpoint: String(hasMore && last ? last.seq : top), hasMore };
}

/** The (projectId, userId) key of a membership's change id. */
function membershipKey(entityId: string): [projectId: string, userId: string] {
  const { projectId, userId } = parseMembershipChangeId(entityId);
  return [projectId, userId];
}

/**
 * Each change with its row as it is now, or a tombstone when the row is gone or the caller may no
 * longer read it. One batch (one transaction, so one moment of the memberships) reads the rows of
 * every table at once: each of its statements takes its keys as one bound parameter, so a page
 * of any size stays within D1's limits on statements per invocation and parameters per statement.
 */
async function hydrate(db: Database, userId: string, rows: readonly LogRow[]): Promise<Change[]> {
  const upserted = (entity: SyncEntity) =>
    rows.filter((r) => r.op === 'upsert' && r.entity === entity).map((r) => r.entityId);
  const tombstone = (row: LogRow): Change => ({
    entity: row.entity,
    id: row.entityId,
    op: 'delete',
    version: row.seq,
  });
  if (!rows.some((r) => r.op === 'upsert')) return rows.map(tombstone);

  const [projectRows, memberRows, pdfRows, [storedSettings]] = await db.batch([
    selectMemberProjects(db, userId, upserted('project')),
    selectReadableMemberships(db, userId, upserted('membership').map(membershipKey)),
    selectReadablePdfs(db, userId, upserted('pdf')),
    selectStoredSettings(db, userId),
  ]);
  const current = new Map<string, Record<string, unknown>>();
  for (const p of projectRows) current.set(`project:${p.id}`, toProject(p));
  for (const m of memberRows) {
    current.set(`membership:${membershipChangeId(m.projectId, m.userId)}`, {
      projectId: m.projectId,
      ...toMember(m),
    });
  }
  for (const p of pdfRows) current.set(`pdf:${p.id}`, toPdf(p));
  // Only the caller's own settings entries reach them (the feed addresses them to the user).
  current.set(`settings:${userId}`, settingsFromStored(storedSettings?.settings));

  return rows.map((row) => {
    const found = row.op === 'upsert' ? current.get(`${row.entity}:${row.entityId}`) : undefined;
    return found
      ? { entity: row.entity, id: row.entityId, op: 'upsert', row: found, version: row.seq }
      : tombstone(row);
  });
}
