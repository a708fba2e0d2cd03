import {
  adaptOpPayload,
  opPayloadSchemas,
  type OpEnvelope,
  type OpResult,
  type OpType,
} from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import { zodIssues } from '../lib/error-handler.ts';
import { opResult, type Entry } from './mutations/plan.ts';
import type { Mutation } from './mutations/rules.ts';
import { runMutations, type MutationContext } from './mutations/run-mutations.ts';

function isOpType(type: string): type is OpType {
  return Object.hasOwn(opPayloadSchemas, type);
}

/** The op as a mutation, or the refusal it gets before any rule runs (recorded like any result). */
function toEntry(op: OpEnvelope): Entry {
  const entry = (mutation: Mutation | AppError): Entry => ({
    op: { id: op.id, type: op.type },
    mutation,
  });
  if (!isOpType(op.type))
    return entry(new AppError('VALIDATION_FAILED', `unknown op type ${op.type}`));
  // Ops queued by an older build may be in a legacy shape: translate inside the window.
  const adapted = adaptOpPayload(op.type, op.clientVersion, op.payload);
  if (!adapted.ok) return entry(new AppError(adapted.code, adapted.message));
  const parsed = opPayloadSchemas[op.type].safeParse(adapted.payload);
  if (!parsed.success) {
    return entry(new AppError('VALIDATION_FAILED', JSON.stringify(zodIssues(parsed.error))));
  }
  return entry({ type: op.type, payload: parsed.data } as Mutation);
}

/**
 * Runs a batch in order, each op exactly once: the same rules as the REST routes, committed in one
 * transaction with each op's first result. A repeat, later or concurrent, gets that result back
 * as `duplicate` and changes nothing; a bad op is refused while the rest apply.
 */
export async function runOps(ctx: MutationContext, ops: OpEnvelope[]): Promise<OpResult[]> {
  const results = await runMutations(ctx, ops.map(toEntry));
  return results.map((result, i) => opResult(ops[i]!.id, result));
}
