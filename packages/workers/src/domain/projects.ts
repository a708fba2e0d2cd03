import { and, desc, eq, sql } from 'drizzle-orm';
import type { Project, Role } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { inList } from '../db/in-list.ts';
import { projectMembers, projects } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';

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
  mirrorOrigin: projects.mirrorOrigin,
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
  mirrorOrigin: string | null;
};

export function toProject({ mirrorOrigin, ...row }: ProjectRow): Project {
  return {
    ...row,
    memberCount: Number(row.memberCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...mirrorOf(mirrorOrigin),
  };
}

/** The DTO's `mirror`, present only for a mirror of another server's share (docs/federation.md). */
export function mirrorOf(origin: string | null | undefined): Pick<Project, 'mirror'> {
  return origin ? { mirror: { origin } } : {};
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
 * The caller's view (role, member count) of those of `ids` they are a member of now: one
 * statement for any number of ids, to run in a batch; rows through `toProject`.
 */
export function selectMemberProjects(db: Database, userId: string, ids: readonly string[]) {
  return selectForUser(db, userId).where(sql`${projects.id} in ${inList(ids)}`);
}
