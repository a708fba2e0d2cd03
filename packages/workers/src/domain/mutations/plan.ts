import type { OpResult } from '@corates/shared';
import { AppError } from '../../lib/app-error.ts';
import {
  applyMutation,
  definitionOf,
  noTokens,
  type Effect,
  type IssueToken,
  type Mutation,
  type Outcome,
} from './rules.ts';
import type { Write } from './writes.ts';
import type { Account, World } from './world.ts';

/** A synced op already stored in applied_ops (loaded with the world). */
export interface StoredOp {
  userId: string;
  /** The first result as JSON; null only for an op stored by a build before this one. */
  result: string | null;
}

/** One mutation of a batch, or a refusal decided before its rule ran (a payload that failed validation). */
export interface Entry {
  /** Set for a synced op: its result is stored with its writes, so a repeat gets it back. */
  op?: { id: string; type: string };
  mutation: Mutation | AppError;
}

export type EntryResult =
  | { status: 'applied'; outcome: Outcome }
  | { status: 'refused'; error: AppError }
  /** The op id was run before: its first result (undefined when it predates stored results). */
  | { status: 'duplicate'; first: OpResult | undefined }
  | { status: 'foreign' };

/** What one entry commits: its writes (in the order its rule made them) and its op record. */
export interface Step {
  writes: Write[];
  record?: { id: string; type: string; result: OpResult };
}

export interface Plan {
  results: EntryResult[];
  steps: Step[];
  effects: Effect[];
}

/** The answer a synced op gets, and the one stored for its repeats. */
export function opResult(id: string, result: EntryResult): OpResult {
  switch (result.status) {
    case 'applied':
      return { id, status: 'applied', row: result.outcome.row };
    case 'refused': {
      const { code, message, details } = result.error;
      const current = (details as { current?: Record<string, unknown> } | undefined)?.current;
      if (code === 'CONFLICT' && current)
        return { id, status: 'conflict', code, message, row: current };
      return { id, status: 'rejected', code, message };
    }
    case 'duplicate':
      return result.first
        ? { ...result.first, id, status: 'duplicate' }
        : { id, status: 'duplicate' };
    case 'foreign':
      return {
        id,
        status: 'rejected',
        code: 'IDEMPOTENCY_MISMATCH',
        message: 'this op id belongs to another user',
      };
  }
}

/** The outside work a repeat of `mutation` re-issues (its definition's `repeatEffects`). */
function effectsOfRepeat(world: World, mutation: Mutation): Effect[] {
  return definitionOf(mutation).repeatEffects?.(world, mutation.payload) ?? [];
}

/** The answer for an op id that already ran (here or before), undefined for a new one. */
function repeatOf(
  id: string,
  caller: Account,
  runHere: ReadonlyMap<string, OpResult>,
  stored: ReadonlyMap<string, StoredOp>,
): EntryResult | undefined {
  const here = runHere.get(id);
  if (here) return { status: 'duplicate', first: here };
  const before = stored.get(id);
  if (!before) return undefined;
  if (before.userId !== caller.id) return { status: 'foreign' };
  return {
    status: 'duplicate',
    first: before.result === null ? undefined : (JSON.parse(before.result) as OpResult),
  };
}

/**
 * Runs a batch's rules in order against the world (which it updates), each op id at most once.
 * Pure: the caller loads the world before and commits the plan after.
 */
export function planBatch(
  world: World,
  caller: Account,
  entries: readonly Entry[],
  clock: () => Date = () => new Date(),
  stored: ReadonlyMap<string, StoredOp> = new Map(),
  issue: IssueToken = noTokens,
): Plan {
  const plan: Plan = { results: [], steps: [], effects: [] };
  // Op ids run earlier in this batch, with their result, beside the ones stored before it.
  const runHere = new Map<string, OpResult>();
  for (const entry of entries) {
    const op = entry.op;
    const repeat = op && repeatOf(op.id, caller, runHere, stored);
    if (repeat) {
      plan.results.push(repeat);
      if (repeat.status === 'duplicate' && !(entry.mutation instanceof AppError))
        plan.effects.push(...effectsOfRepeat(world, entry.mutation));
      continue;
    }
    let result: EntryResult;
    const step: Step = { writes: [] };
    if (entry.mutation instanceof AppError) {
      result = { status: 'refused', error: entry.mutation };
    } else {
      try {
        const applied = applyMutation(world, caller, entry.mutation, clock(), issue);
        result = { status: 'applied', outcome: applied.outcome };
        step.writes = applied.writes;
        plan.effects.push(...applied.effects);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result = { status: 'refused', error: e };
      }
    }
    if (op) {
      step.record = { id: op.id, type: op.type, result: opResult(op.id, result) };
      runHere.set(op.id, step.record.result);
    }
    plan.results.push(result);
    if (step.writes.length > 0 || step.record) plan.steps.push(step);
  }
  return plan;
}
