import { and, eq } from 'drizzle-orm';
import type { Role } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projectMembers } from '../db/schema.ts';
import { checkRole } from './mutations/world.ts';

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
