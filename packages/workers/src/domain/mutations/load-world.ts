import { eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { inList } from '../../db/in-list.ts';
import {
  appliedOps,
  invitations,
  pdfs,
  projectMembers,
  projects,
  user,
  userSettings,
} from '../../db/schema.ts';
import type { StoredOp } from './plan.ts';
import type { WorldKeys } from './keys.ts';
import { emptyWorld, membersOf, type World } from './world.ts';

/**
 * One string that changes whenever any row the batch read changes (or a row it looked for
 * appears): read with the world, and compared again as the commit's first statement.
 */
export function fingerprint(keys: WorldKeys): SQL {
  const projectIds = inList(keys.projectIds);
  const part = (rows: SQL) => sql`coalesce((select group_concat(v, ',') from (${rows})), '')`;
  return sql.join(
    [
      part(
        sql`select id || '@' || version || '@' || updated_at as v from projects where id in ${projectIds} order by id`,
      ),
      part(
        sql`select project_id || ':' || user_id || '=' || role as v from project_members where project_id in ${projectIds} order by project_id, user_id`,
      ),
      part(
        sql`select id || '@' || updated_at || '@' || token_hash || '@' || coalesce(revoked_at, '') || '@' || coalesce(accepted_at, '') as v from invitations where project_id in ${projectIds} order by id`,
      ),
      sql`coalesce((select settings from user_settings where user_id = ${keys.settingsOf ?? null}), '')`,
      part(
        sql`select id || '@' || version as v from pdfs where (project_id, study_id) in (select project_id, study_id from pdfs where id in ${inList(keys.pdfIds)}) order by id`,
      ),
    ],
    sql` || '|' || `,
  );
}

export interface Loaded {
  world: World;
  /** The batch's op ids already in applied_ops. */
  stored: Map<string, StoredOp>;
  /** The fingerprint of what was read (see `fingerprint`). */
  seen: string;
}

/** Reads every row the keys name, and the op records, in one consistent batch. */
export async function loadWorld(db: Database, keys: WorldKeys, opIds: string[]): Promise<Loaded> {
  const projectIds = inList(keys.projectIds);
  const [projectRows, memberRows, invitationRows, settingsRows, pdfRows, opRows, fp] =
    await db.batch([
      db
        .select()
        .from(projects)
        .where(sql`${projects.id} in ${projectIds}`),
      db
        .select({
          projectId: projectMembers.projectId,
          userId: projectMembers.userId,
          role: projectMembers.role,
          createdAt: projectMembers.createdAt,
          updatedAt: projectMembers.updatedAt,
          email: user.email,
          name: user.name,
        })
        .from(projectMembers)
        .innerJoin(user, eq(user.id, projectMembers.userId))
        .where(sql`${projectMembers.projectId} in ${projectIds}`),
      db
        .select()
        .from(invitations)
        .where(sql`${invitations.projectId} in ${projectIds}`),
      db
        .select({ userId: userSettings.userId, settings: userSettings.settings })
        .from(userSettings)
        .where(eq(userSettings.userId, keys.settingsOf ?? '')),
      db
        .select()
        .from(pdfs)
        .where(
          sql`(${pdfs.projectId}, ${pdfs.studyId}) in (select project_id, study_id from pdfs where id in ${inList(keys.pdfIds)})`,
        ),
      db
        .select({ id: appliedOps.id, userId: appliedOps.userId, result: appliedOps.result })
        .from(appliedOps)
        .where(sql`${appliedOps.id} in ${inList(opIds)}`),
      db.select({ fp: sql<string>`${fingerprint(keys)}` }).from(sql`(select 1)`),
    ]);
  const world = emptyWorld();
  for (const p of projectRows) {
    world.projects.set(p.id, p);
    membersOf(world, p.id);
  }
  for (const m of memberRows) membersOf(world, m.projectId).set(m.userId, m);
  for (const i of invitationRows) world.invitations.set(i.id, i);
  for (const s of settingsRows) world.settings.set(s.userId, s.settings);
  for (const p of pdfRows) world.pdfs.set(p.id, p);
  const stored = new Map(opRows.map((o) => [o.id, { userId: o.userId, result: o.result }]));
  return { world, stored, seen: fp[0]!.fp };
}
