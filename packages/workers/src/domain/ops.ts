import { and, eq, sql } from 'drizzle-orm';
import {
  adaptOpPayload,
  opPayloadSchemas,
  type OpEnvelope,
  type OpPayload,
  type OpResult,
  type OpType,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import { appliedOps } from '../db/schema.ts';
import type { Bindings } from '../env.ts';
import { AppError } from '../lib/app-error.ts';
import { zodIssues } from '../lib/error-handler.ts';
import { docAccess } from '../durable/doc-access.ts';
import { addMember, changeRole, removeMember } from './members.ts';
import { createProject, deleteProject, updateProject } from './projects.ts';
import { updateUserSettings } from './settings.ts';
import { deletePdf, deleteProjectPdfObjects, updatePdf } from './pdfs.ts';

export interface OpContext {
  db: Database;
  env: Bindings;
  userId: string;
}

type Row = Record<string, unknown>;
type Handlers = { [T in OpType]: (ctx: OpContext, payload: OpPayload<T>) => Promise<Row> };

/** Each op type runs the same domain function its REST route runs. */
const handlers: Handlers = {
  'project.create': async ({ db, userId }, p) => (await createProject(db, userId, p)).project,
  'project.update': ({ db, userId }, p) => {
    if (p.name === undefined && p.description === undefined) {
      throw new AppError('VALIDATION_FAILED', 'nothing to update: give name or description');
    }
    return updateProject(db, userId, p.id, p);
  },
  'project.delete': async ({ db, env, userId }, p) => {
    await deleteProject(db, userId, p.id);
    await deleteProjectPdfObjects(env.PDFS, p.id);
    await docAccess.projectDeleted(env, p.id);
    return { id: p.id, deleted: true };
  },
  'member.add': ({ db, userId }, p) => addMember(db, userId, p.projectId, p),
  'member.setRole': async ({ db, env, userId }, p) => {
    const member = await changeRole(db, userId, p.projectId, p.userId, p.role);
    await docAccess.roleChanged(env, p.projectId, p.userId, member.role);
    return member;
  },
  'member.remove': async ({ db, env, userId }, p) => {
    await removeMember(db, userId, p.projectId, p.userId);
    await docAccess.memberRemoved(env, p.projectId, p.userId);
    return { projectId: p.projectId, userId: p.userId, deleted: true };
  },
  'settings.update': async ({ db, userId }, p) => updateUserSettings(db, userId, p.changes),
  'pdf.update': ({ db, userId }, p) =>
    updatePdf(db, userId, p.projectId, p.id, { ...p.patch, ifVersion: p.ifVersion }),
  'pdf.delete': async ({ db, env, userId }, p) => {
    await deletePdf(db, env.PDFS, userId, p.projectId, p.id);
    return { projectId: p.projectId, id: p.id, deleted: true };
  },
};

function isOpType(type: string): type is OpType {
  return Object.hasOwn(opPayloadSchemas, type);
}

/** Validates and runs one op; never throws for the op's own failures (they become its result). */
async function execute(ctx: OpContext, op: OpEnvelope): Promise<OpResult> {
  if (!isOpType(op.type)) {
    return {
      id: op.id,
      status: 'rejected',
      code: 'VALIDATION_FAILED',
      message: `unknown op type ${op.type}`,
    };
  }
  // Ops queued by an older build may be in a legacy shape: translate inside the window.
  const adapted = adaptOpPayload(op.type, op.clientVersion, op.payload);
  if (!adapted.ok)
    return { id: op.id, status: 'rejected', code: adapted.code, message: adapted.message };
  const parsed = opPayloadSchemas[op.type].safeParse(adapted.payload);
  if (!parsed.success) {
    return {
      id: op.id,
      status: 'rejected',
      code: 'VALIDATION_FAILED',
      message: JSON.stringify(zodIssues(parsed.error)),
    };
  }
  try {
    const handler = handlers[op.type] as (ctx: OpContext, payload: unknown) => Promise<Row>;
    return { id: op.id, status: 'applied', row: await handler(ctx, parsed.data) };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = e.details as { current?: Row } | undefined;
    if (e.code === 'CONFLICT' && details?.current) {
      return {
        id: op.id,
        status: 'conflict',
        code: e.code,
        message: e.message,
        row: details.current,
      };
    }
    return { id: op.id, status: 'rejected', code: e.code, message: e.message };
  }
}

const CLAIM_WAIT_MS = 2_000;
/**
 * A claim still `pending` this long after it was taken belongs to a request that died (the
 * Worker was restarted mid-batch): nothing of it was committed, so it may run again. Far above
 * the time one op takes.
 */
const ABANDONED_AFTER_MS = 15_000;

type BatchArg = Parameters<Database['batch']>[0];

/**
 * The database as the op's handler sees it: every write batch that changed something also turns the
 * op's claim to `committed`, in the same transaction. So after a crash a `pending` claim is known
 * to have changed nothing, and a `committed` one without a result is known to have taken effect.
 * "Changed something" is the batch's last statement's `changes()`: a refused conditional write (the
 * last owner, a stale `ifVersion`) changes no row, and its claim stays `pending`, so a retry after a
 * crash runs the op again and gets the refusal, instead of reading it as applied. The domain's
 * batches end with their effect (or with `touchProjectIfChanged`, which passes it on).
 */
export function committingClaim(db: Database, opId: string): Database {
  const mark = db
    .update(appliedOps)
    .set({ status: 'committed' })
    .where(and(eq(appliedOps.id, opId), sql`changes() > 0`));
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'batch') return Reflect.get(target, key, receiver) as unknown;
      return (items: BatchArg) => target.batch([...items, mark] as unknown as BatchArg);
    },
  });
}

/**
 * Runs a batch in order, each op exactly once. An op id is claimed (a row in applied_ops) before
 * the op runs; a repeat — later or concurrent — gets the first result back as `duplicate` and
 * changes nothing. An unexpected failure before the op's write releases the claim, so the
 * client's retry runs it. When another request is still running one of the ops, the answer stops
 * before it: the client sends the rest again (results are a prefix of the batch).
 */
export async function runOps(ctx: OpContext, ops: OpEnvelope[]): Promise<OpResult[]> {
  const results: OpResult[] = [];
  for (const op of ops) {
    const claimed = await ctx.db
      .insert(appliedOps)
      .values({ id: op.id, userId: ctx.userId, type: op.type, status: 'pending' })
      .onConflictDoNothing()
      .returning({ id: appliedOps.id });
    if (claimed.length === 0) {
      const first = await firstResult(ctx, op);
      if (first === 'busy') break;
      if (first !== 'reclaimed') {
        results.push(first);
        continue;
      }
    }
    let result: OpResult;
    try {
      result = await execute({ ...ctx, db: committingClaim(ctx.db, op.id) }, op);
    } catch (e) {
      await ctx.db
        .delete(appliedOps)
        .where(and(eq(appliedOps.id, op.id), eq(appliedOps.status, 'pending')));
      throw e;
    }
    await ctx.db
      .update(appliedOps)
      .set({ status: result.status, result: JSON.stringify(result) })
      .where(eq(appliedOps.id, op.id));
    results.push(result);
  }
  return results;
}

/**
 * The answer for an op id that is already claimed: its first result, or `reclaimed` when the
 * claim was abandoned (this request runs the op now), or `busy` when another request is still on it.
 */
async function firstResult(
  ctx: OpContext,
  op: OpEnvelope,
): Promise<OpResult | 'reclaimed' | 'busy'> {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    const row = await ctx.db.select().from(appliedOps).where(eq(appliedOps.id, op.id)).get();
    if (row && row.userId !== ctx.userId) {
      return {
        id: op.id,
        status: 'rejected',
        code: 'IDEMPOTENCY_MISMATCH',
        message: 'this op id belongs to another user',
      };
    }
    if (row?.result) {
      const first = JSON.parse(row.result) as OpResult;
      return { ...first, status: 'duplicate' };
    }
    if (row?.status === 'pending' && Date.now() - row.createdAt.getTime() > ABANDONED_AFTER_MS) {
      // Only one request may take an abandoned claim over.
      const taken = await ctx.db
        .update(appliedOps)
        .set({ createdAt: new Date() })
        .where(
          and(
            eq(appliedOps.id, op.id),
            eq(appliedOps.status, 'pending'),
            eq(appliedOps.createdAt, row.createdAt),
          ),
        )
        .returning({ id: appliedOps.id });
      if (taken.length > 0) return 'reclaimed';
    }
    // Another request is running this op right now; its result lands in a moment.
    if (Date.now() > deadline) {
      // Its write is in but its result was never stored (the Worker died in between): it applied.
      if (row?.status === 'committed') return { id: op.id, status: 'duplicate' };
      return 'busy';
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
