import { and, eq } from 'drizzle-orm';
import { roleAtLeast, type Role } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projectMembers } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';

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

/**
 * Asserts the caller holds at least `required`. Non-members get NOT_FOUND so a project's existence
 * does not leak; members below the role get FORBIDDEN.
 */
export async function requireRole(
  db: Database,
  projectId: string,
  userId: string,
  required: Role,
): Promise<Role> {
  const role = await findRole(db, projectId, userId);
  if (!role) throw new AppError('NOT_FOUND', 'project not found');
  if (!roleAtLeast(role, required)) {
    throw new AppError('FORBIDDEN', `this needs the ${required} role; you are ${role}`);
  }
  return role;
}
