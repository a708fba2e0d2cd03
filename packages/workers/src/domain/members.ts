import { and, asc, eq, sql } from 'drizzle-orm';
import type { Member, Role } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { inPairs } from '../db/in-list.ts';
import { projectMembers, user } from '../db/schema.ts';
import { projectsOf, requireRole } from './access.ts';

const memberColumns = {
  userId: projectMembers.userId,
  email: user.email,
  name: user.name,
  role: projectMembers.role,
  joinedAt: projectMembers.createdAt,
};

export function toMember(row: {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}): Member {
  return { ...row, joinedAt: row.joinedAt.toISOString() };
}

/**
 * The memberships named by (projectId, userId) `keys` in projects `callerId` is a member of now:
 * one statement for any number of keys, to run in a batch; rows through `toMember`.
 */
export function selectReadableMemberships(
  db: Database,
  callerId: string,
  keys: readonly (readonly [projectId: string, userId: string])[],
) {
  return db
    .select({ projectId: projectMembers.projectId, ...memberColumns })
    .from(projectMembers)
    .innerJoin(user, eq(user.id, projectMembers.userId))
    .where(
      and(
        sql`(${projectMembers.projectId}, ${projectMembers.userId}) in ${inPairs(keys)}`,
        sql`${projectMembers.projectId} in ${projectsOf(callerId)}`,
      ),
    );
}

/** Any member may see who else is in the project; owners first, then by join date. */
export async function listMembers(
  db: Database,
  callerId: string,
  projectId: string,
): Promise<Member[]> {
  await requireRole(db, projectId, callerId, 'viewer');
  const rows = await db
    .select(memberColumns)
    .from(projectMembers)
    .innerJoin(user, eq(user.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(
      sql`case ${projectMembers.role} when 'owner' then 0 when 'editor' then 1 else 2 end`,
      asc(projectMembers.createdAt),
    );
  return rows.map(toMember);
}

/**
 * The names of a project's members by user id, for exports that name reviewers. The caller checks
 * access; someone who has left the project is not in it.
 */
export async function memberNames(
  db: Database,
  projectId: string,
): Promise<Record<string, string>> {
  const rows = await db
    .select({ userId: projectMembers.userId, name: user.name })
    .from(projectMembers)
    .innerJoin(user, eq(user.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId));
  return Object.fromEntries(rows.map((r) => [r.userId, r.name]));
}
