import { and, eq, sql } from 'drizzle-orm';
import type { Change, PullResponse, SyncEntity } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projectMembers, user } from '../db/schema.ts';
import { getProject } from './projects.ts';
import { getUserSettings } from './settings.ts';
import { findPdf } from './pdfs.ts';

interface LogRow {
  seq: number;
  entity: SyncEntity;
  entity_id: string;
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
 */
export async function pullChanges(
  db: Database,
  userId: string,
  since: number,
  limit: number,
): Promise<PullResponse> {
  // The upper bound is fixed first, so a write landing during the pull is left for the next one.
  const top =
    (await db.get<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM change_log`))?.seq ?? 0;
  const rows = await db.all<LogRow>(sql`
    SELECT seq, entity, entity_id, op FROM change_log
    WHERE seq > ${since} AND seq <= ${top}
      AND (user_id = ${userId}
           OR (user_id IS NULL AND project_id IN (SELECT project_id FROM project_members WHERE user_id = ${userId})))
    ORDER BY seq
    LIMIT ${limit + 1}`);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const latest = new Map<string, LogRow>();
  for (const row of page) {
    const key = `${row.entity}:${row.entity_id}`;
    latest.delete(key); // keep server order of the latest occurrence
    latest.set(key, row);
  }
  const memberOf = new Set(
    (
      await db
        .select({ projectId: projectMembers.projectId })
        .from(projectMembers)
        .where(eq(projectMembers.userId, userId))
    ).map((m) => m.projectId),
  );
  const changes: Change[] = [];
  for (const row of latest.values()) changes.push(await hydrate(db, userId, memberOf, row));
  const last = page.at(-1);
  return { changes, checkpoint: String(hasMore && last ? last.seq : top), hasMore };
}

async function hydrate(
  db: Database,
  userId: string,
  memberOf: ReadonlySet<string>,
  row: LogRow,
): Promise<Change> {
  const tombstone: Change = {
    entity: row.entity,
    id: row.entity_id,
    op: 'delete',
    version: row.seq,
  };
  if (row.op === 'delete') return tombstone;
  switch (row.entity) {
    case 'project': {
      const project = await getProject(db, userId, row.entity_id).catch(() => undefined);
      return project
        ? { entity: 'project', id: row.entity_id, op: 'upsert', row: project, version: row.seq }
        : tombstone;
    }
    case 'membership': {
      const [projectId = '', memberId = ''] = row.entity_id.split(':');
      if (!memberOf.has(projectId)) return tombstone;
      const member = await db
        .select({
          userId: projectMembers.userId,
          role: projectMembers.role,
          email: user.email,
          name: user.name,
          joinedAt: projectMembers.createdAt,
        })
        .from(projectMembers)
        .innerJoin(user, eq(user.id, projectMembers.userId))
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, memberId)))
        .get();
      if (!member) return tombstone;
      return {
        entity: 'membership',
        id: row.entity_id,
        op: 'upsert',
        row: { projectId, ...member, joinedAt: member.joinedAt.toISOString() },
        version: row.seq,
      };
    }
    case 'pdf': {
      const pdf = await findPdf(db, row.entity_id);
      return pdf && memberOf.has(pdf.projectId)
        ? { entity: 'pdf', id: row.entity_id, op: 'upsert', row: pdf, version: row.seq }
        : tombstone;
    }
    case 'settings':
      return {
        entity: 'settings',
        id: row.entity_id,
        op: 'upsert',
        row: await getUserSettings(db, userId),
        version: row.seq,
      };
  }
}
