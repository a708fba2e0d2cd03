import { and, desc, eq, sql } from 'drizzle-orm';
import type { Project, Role, UpdateProject } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projectMembers, projects } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { requireRole } from './access.ts';

const memberCount = sql<number>`(select count(*) from ${projectMembers} m where m.project_id = ${projects.id})`;

const projectColumns = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  role: projectMembers.role,
  memberCount,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
  version: projects.version,
};

type ProjectRow = {
  id: string;
  name: string;
  description: string;
  role: Role;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

function toProject(row: ProjectRow): Project {
  return {
    ...row,
    memberCount: Number(row.memberCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function selectForUser(db: Database, userId: string) {
  return db
    .select(projectColumns)
    .from(projects)
    .innerJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId)),
    );
}

/** Projects the user is a member of, most recently changed first. */
export async function listProjects(db: Database, userId: string): Promise<Project[]> {
  const rows = await selectForUser(db, userId).orderBy(desc(projects.updatedAt), projects.id);
  return rows.map(toProject);
}

export async function getProject(
  db: Database,
  userId: string,
  projectId: string,
): Promise<Project> {
  const row = await selectForUser(db, userId).where(eq(projects.id, projectId)).get();
  if (!row) throw new AppError('NOT_FOUND', 'project not found');
  return toProject(row);
}

/**
 * Creates a project with the caller as owner. The id may come from the client (offline creation);
 * repeating the same create is answered with the existing project, never a second row.
 */
export async function createProject(
  db: Database,
  userId: string,
  input: { id?: string | undefined; name: string; description: string },
): Promise<{ project: Project; created: boolean }> {
  const id = input.id ?? crypto.randomUUID();
  const existing = await db
    .select({ createdBy: projects.createdBy })
    .from(projects)
    .where(eq(projects.id, id))
    .get();
  if (existing) {
    if (existing.createdBy !== userId)
      throw new AppError('CONFLICT', 'a project with this id already exists');
    return { project: await getProject(db, userId, id), created: false };
  }
  const now = new Date();
  await db.batch([
    db.insert(projects).values({
      id,
      name: input.name,
      description: input.description,
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    }),
    db
      .insert(projectMembers)
      .values({ projectId: id, userId, role: 'owner', createdAt: now, updatedAt: now }),
  ]);
  return { project: await getProject(db, userId, id), created: true };
}

/**
 * Renames or re-describes a project (editors and owners). Field-level last-writer-wins in server
 * order; with `ifVersion`, a write against a row that changed since is a CONFLICT carrying the
 * current row instead.
 */
export async function updateProject(
  db: Database,
  userId: string,
  projectId: string,
  patch: UpdateProject & { ifVersion?: number | undefined },
): Promise<Project> {
  await requireRole(db, projectId, userId, 'editor');
  const where =
    patch.ifVersion === undefined
      ? eq(projects.id, projectId)
      : and(eq(projects.id, projectId), eq(projects.version, patch.ifVersion));
  const [updated] = await db.batch([
    db
      .update(projects)
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        updatedAt: new Date(),
        version: sql`${projects.version} + 1`,
      })
      .where(where)
      .returning({ id: projects.id }),
  ]);
  const current = await getProject(db, userId, projectId);
  if (updated.length === 0) {
    throw new AppError('CONFLICT', `the project changed since version ${patch.ifVersion}`, {
      current,
    });
  }
  return current;
}

/** Deletes a project and its memberships (owners only); every former member gets a tombstone. */
export async function deleteProject(
  db: Database,
  userId: string,
  projectId: string,
): Promise<void> {
  await requireRole(db, projectId, userId, 'owner');
  // The membership cascade's triggers write each former member's tombstone.
  // A batch, like every write an op makes (ops.ts commits the op's claim with it).
  await db.batch([db.delete(projects).where(eq(projects.id, projectId))]);
}
