import { and, eq, sql, type SQL } from 'drizzle-orm';
import { roleAtLeast, type Role } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projectMembers, projects } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';

/**
 * The caller's role, asserted to be at least `required`. Non-members get NOT_FOUND so a
 * project's existence does not leak; members below the role get FORBIDDEN.
 */
export function checkRole(role: Role | undefined, required: Role): Role {
  if (!role) throw new AppError('NOT_FOUND', 'project not found');
  if (!roleAtLeast(role, required)) {
    throw new AppError('FORBIDDEN', `this needs the ${required} role; you are ${role}`);
  }
  return role;
}

/** The caller's role in a project, or undefined when not a member. */
export async function findRole(
  db: Database,
  projectId: string,
  userId: string,
): Promise<Role | undefined> {
  const row = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .get();
  return row?.role;
}

/** Asserts the caller holds at least `required` (see `checkRole`). */
export async function requireRole(
  db: Database,
  projectId: string,
  userId: string,
  required: Role,
): Promise<Role> {
  return checkRole(await findRole(db, projectId, userId), required);
}

/**
 * The projects `userId` is a member of now, as a subquery for `project_id in ${…}`: the pull
 * feed's reading rule, so one statement both finds rows and decides whether the caller may see them.
 */
export function projectsOf(userId: string): SQL {
  return sql`(select m.project_id from project_members m where m.user_id = ${userId})`;
}

/**
 * MIRROR_READ_ONLY when the project is a mirror of another server's share (federation): for the
 * writes that do not go through the mutation batch (which checks it in `authorize`), e.g. uploads.
 */
export async function refuseMirror(db: Database, projectId: string): Promise<void> {
  const row = await db
    .select({ mirror: projects.mirrorOfSubscription })
    .from(projects)
    .where(eq(projects.id, projectId))
    .get();
  if (row?.mirror)
    throw new AppError('MIRROR_READ_ONLY', "a mirror of another server's share is read-only");
}
