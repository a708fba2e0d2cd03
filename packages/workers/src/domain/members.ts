import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import type { Member, Role } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projectMembers, projects, user } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { requireRole } from './access.ts';

const memberColumns = {
  userId: projectMembers.userId,
  email: user.email,
  name: user.name,
  role: projectMembers.role,
  joinedAt: projectMembers.createdAt,
};

function toMember(row: {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}): Member {
  return { ...row, joinedAt: row.joinedAt.toISOString() };
}

async function getMember(db: Database, projectId: string, userId: string): Promise<Member> {
  const row = await db
    .select(memberColumns)
    .from(projectMembers)
    .innerJoin(user, eq(user.id, projectMembers.userId))
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', 'member not found');
  return toMember(row);
}

/**
 * Bumps the project's version, but only when the statement before it in the batch changed a row
 * (SQLite's changes()): a refused write (last owner, already a member) must change nothing.
 */
function touchProjectIfChanged(db: Database, projectId: string) {
  return db
    .update(projects)
    .set({ updatedAt: new Date(), version: sql`${projects.version} + 1` })
    .where(and(eq(projects.id, projectId), sql`changes() > 0`));
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

/** Adds an existing account by email (owners only). */
export async function addMember(
  db: Database,
  callerId: string,
  projectId: string,
  input: { email: string; role: Role },
): Promise<Member> {
  await requireRole(db, projectId, callerId, 'owner');
  const target = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, input.email))
    .get();
  if (!target) {
    throw new AppError('NOT_FOUND', `no account uses ${input.email}; ask them to sign up first`, {
      field: 'email',
    });
  }
  const now = new Date();
  const [inserted] = await db.batch([
    db
      .insert(projectMembers)
      .values({ projectId, userId: target.id, role: input.role, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ userId: projectMembers.userId }),
    touchProjectIfChanged(db, projectId),
  ]);
  if (inserted.length === 0) throw new AppError('CONFLICT', `${input.email} is already a member`);
  return getMember(db, projectId, target.id);
}

/**
 * The row may change only if it is not an owner, or if another owner remains. Written as one SQL
 * condition so two concurrent demotions cannot both pass a stale count.
 */
function keepsAnOwner(projectId: string) {
  return or(
    ne(projectMembers.role, 'owner'),
    sql`(select count(*) from ${projectMembers} o where o.project_id = ${projectId} and o.role = 'owner') > 1`,
  );
}

/** Changes a member's role (owners only); a project always keeps at least one owner. */
export async function changeRole(
  db: Database,
  callerId: string,
  projectId: string,
  targetId: string,
  role: Role,
): Promise<Member> {
  await requireRole(db, projectId, callerId, 'owner');
  const current = await getMember(db, projectId, targetId);
  if (current.role === role) return current;
  const where = and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, targetId));
  const [updated] = await db.batch([
    db
      .update(projectMembers)
      .set({ role, updatedAt: new Date() })
      .where(role === 'owner' ? where : and(where, keepsAnOwner(projectId)))
      .returning({ userId: projectMembers.userId }),
    touchProjectIfChanged(db, projectId),
  ]);
  if (updated.length === 0) {
    throw new AppError(
      'LAST_OWNER',
      'a project needs at least one owner; make someone else owner first',
    );
  }
  return getMember(db, projectId, targetId);
}

/** Removes a member: owners may remove anyone, any member may leave. The last owner cannot go. */
export async function removeMember(
  db: Database,
  callerId: string,
  projectId: string,
  targetId: string,
): Promise<void> {
  await requireRole(db, projectId, callerId, callerId === targetId ? 'viewer' : 'owner');
  await getMember(db, projectId, targetId);
  const [deleted] = await db.batch([
    db
      .delete(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, projectId),
          eq(projectMembers.userId, targetId),
          keepsAnOwner(projectId),
        ),
      )
      .returning({ userId: projectMembers.userId }),
    touchProjectIfChanged(db, projectId),
  ]);
  if (deleted.length === 0) {
    throw new AppError(
      'LAST_OWNER',
      'a project needs at least one owner; make someone else owner first',
    );
  }
}
