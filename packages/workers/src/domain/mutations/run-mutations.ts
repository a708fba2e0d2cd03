import type { Database } from '../../db/client.ts';
import { docAccess } from '../../durable/doc-access.ts';
import type { Bindings } from '../../env.ts';
import { AppError } from '../../lib/app-error.ts';
import { deleteProjectPdfObjects } from '../pdfs.ts';
import { commitPlan, lostRace } from './commit.ts';
import { keysOf } from './keys.ts';
import { loadWorld } from './load-world.ts';
import { planBatch, type Entry, type EntryResult } from './plan.ts';
import type { Effect, Mutation, Outcome } from './rules.ts';
import { roleIn, type Account, type World } from './world.ts';

export interface MutationContext {
  db: Database;
  env: Bindings;
  caller: Account;
}

/** Enough for bursts of concurrent requests on one project; each attempt is a few milliseconds. */
const ATTEMPTS = 6;

/**
 * Runs a batch of mutations as one read, one pure plan and one atomic commit (so a batch costs two
 * D1 round trips, not several per op). When another request changed what the plan read, or ran one
 * of the same op ids, the commit aborts whole and the batch is planned again on fresh rows.
 */
export async function runMutations(
  ctx: MutationContext,
  entries: readonly Entry[],
): Promise<EntryResult[]> {
  const mutations = entries.flatMap((e) => (e.mutation instanceof AppError ? [] : [e.mutation]));
  const keys = keysOf(ctx.caller, mutations);
  const opIds = entries.flatMap((e) => (e.op ? [e.op.id] : []));
  for (let attempt = 1; ; attempt++) {
    const { world, stored, seen } = await loadWorld(ctx.db, keys, opIds);
    const plan = planBatch(world, ctx.caller, entries, () => new Date(), stored);
    try {
      if (plan.steps.length > 0) await commitPlan(ctx.db, keys, seen, plan.steps, ctx.caller.id);
    } catch (e) {
      if (attempt < ATTEMPTS && lostRace(e)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
    await runEffects(ctx.env, world, plan.effects);
    return plan.results;
  }
}

/** One mutation (a REST call): its outcome, or its refusal thrown as the AppError. */
export async function runMutation(ctx: MutationContext, mutation: Mutation): Promise<Outcome> {
  const [result] = await runMutations(ctx, [{ mutation }]);
  if (result?.status === 'applied') return result.outcome;
  if (result?.status === 'refused') throw result.error;
  throw new Error(`a mutation without an op id answered ${result?.status}`);
}

/**
 * The outside work of a committed batch: live sockets follow the access each user now has (one call
 * per user and project, however many ops touched it), and deleted bytes leave R2.
 */
async function runEffects(env: Bindings, world: World, effects: readonly Effect[]): Promise<void> {
  const deleted = new Set<string>();
  const access = new Map<string, { projectId: string; userId: string }>();
  const objects = new Set<string>();
  for (const effect of effects) {
    if (effect.kind === 'projectDeleted') deleted.add(effect.projectId);
    else if (effect.kind === 'objectDeleted') objects.add(effect.key);
    else access.set(`${effect.projectId}\u0000${effect.userId}`, effect);
  }
  await Promise.all([
    ...[...deleted].map(async (projectId) => {
      await deleteProjectPdfObjects(env.PDFS, projectId);
      await docAccess.projectDeleted(env, projectId);
    }),
    ...[...access.values()]
      .filter(({ projectId }) => !deleted.has(projectId))
      .map(({ projectId, userId }) => {
        const role = roleIn(world, projectId, userId);
        return role
          ? docAccess.roleChanged(env, projectId, userId, role)
          : docAccess.memberRemoved(env, projectId, userId);
      }),
    ...(objects.size > 0 ? [env.PDFS.delete([...objects])] : []),
  ]);
}
