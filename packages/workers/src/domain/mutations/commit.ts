import { and, eq, sql } from 'drizzle-orm';
import { D1_MAX_BOUND_PARAMETERS, type Database } from '../../db/client.ts';
import {
  appliedOps,
  commitGuards,
  invitations,
  pdfs,
  projectMembers,
  projects,
  userSettings,
} from '../../db/schema.ts';
import { coalesceWrites } from './coalesce.ts';
import { fingerprint } from './load-world.ts';
import type { WorldKeys } from './keys.ts';
import type { Step } from './plan.ts';
import { unknownWrite, type Write } from './writes.ts';

function statement(db: Database, write: Write) {
  switch (write.kind) {
    case 'project.insert':
      return db.insert(projects).values(write.row);
    case 'project.update':
      return db.update(projects).set(write.set).where(eq(projects.id, write.id));
    case 'project.delete':
      return db.delete(projects).where(eq(projects.id, write.id));
    case 'member.insert': {
      const { projectId, userId, role, createdAt, updatedAt } = write.row;
      return db.insert(projectMembers).values({ projectId, userId, role, createdAt, updatedAt });
    }
    case 'member.update':
      return db
        .update(projectMembers)
        .set({ role: write.role, updatedAt: write.updatedAt })
        .where(
          and(
            eq(projectMembers.projectId, write.projectId),
            eq(projectMembers.userId, write.userId),
          ),
        );
    case 'member.delete':
      return db
        .delete(projectMembers)
        .where(
          and(
            eq(projectMembers.projectId, write.projectId),
            eq(projectMembers.userId, write.userId),
          ),
        );
    case 'settings.patch': {
      const json = JSON.stringify(write.patch);
      return db
        .insert(userSettings)
        .values({ userId: write.userId, settings: json, createdAt: write.at, updatedAt: write.at })
        .onConflictDoUpdate({
          target: userSettings.userId,
          set: {
            settings: sql`json_patch(${userSettings.settings}, ${json})`,
            updatedAt: write.at,
          },
        });
    }
    case 'invitation.insert':
      return db.insert(invitations).values(write.row);
    case 'invitation.update':
      return db.update(invitations).set(write.set).where(eq(invitations.id, write.id));
    case 'pdf.update':
      return db.update(pdfs).set(write.set).where(eq(pdfs.id, write.id));
    case 'pdf.delete':
      return db.delete(pdfs).where(eq(pdfs.id, write.id));
    default:
      throw unknownWrite(write);
  }
}

/** An applied_ops row binds 5 parameters (created_at is the column's SQL default, inlined). */
const RECORDS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMETERS / 5);

/**
 * Commits a plan as one D1 batch (one transaction): first a guard that aborts the batch when
 * anything the rules read has changed since (the commit_guards trigger), then the steps' writes
 * in the order the rules ran (folded, coalesce.ts), then their op records. A record is a plain
 * insert, so a concurrent run of the same op id aborts this batch on the primary key instead of
 * applying twice; all-or-nothing makes the records' place in the batch immaterial.
 */
export async function commitPlan(
  db: Database,
  keys: WorldKeys,
  seen: string,
  steps: readonly Step[],
  userId: string,
): Promise<void> {
  const records = steps.flatMap((step) =>
    step.record
      ? [
          {
            id: step.record.id,
            userId,
            type: step.record.type,
            status: step.record.result.status,
            result: JSON.stringify(step.record.result),
          },
        ]
      : [],
  );
  const statements = [
    db.insert(commitGuards).values({ unchanged: sql`(${fingerprint(keys)}) = ${seen}` }),
    ...coalesceWrites(steps.flatMap((step) => step.writes)).map((w) => statement(db, w)),
    ...chunks(records, RECORDS_PER_INSERT).map((rows) => db.insert(appliedOps).values(rows)),
  ];
  await db.batch(statements as unknown as Parameters<Database['batch']>[0]);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** True for the two ways a commit loses a race (and a fresh load-plan-commit will be right). */
export function lostRace(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (
      e.message.includes(STALE_READ) ||
      e.message.includes('UNIQUE constraint failed: applied_ops.id')
    )
      return true;
  }
  return false;
}

/** The commit_guards trigger's message (drizzle/0008_commit_guards.sql). */
const STALE_READ = 'corates: stale read';
