import { z } from 'zod';
import { roleAtLeast, type Role } from '../dto/role.ts';
import type { ChecklistStatus } from './status.ts';

/**
 * A checklist's history: who completed, finalized or reopened it, when, and — for reopening a
 * finalized reconciliation — why. Entries are appended, never changed, so two people's entries
 * made at once are both kept.
 */
export const checklistEventSchema = z.object({
  event: z.enum(['completed', 'finalized', 'reopened']),
  /** User id of who did it. */
  by: z.string(),
  /** ISO 8601 time. */
  at: z.string(),
  /** Why (required when a finalized reconciliation is reopened). */
  reason: z.string().optional(),
});
export type ChecklistEvent = z.infer<typeof checklistEventSchema>;

/** Longest reopening reason accepted. */
export const REOPEN_REASON_MAX = 2000;

/** A reason for reopening a finalized reconciliation, as typed: required. */
export const reopenReasonSchema = z
  .string()
  .trim()
  .min(1, 'Say why the reconciliation is reopened')
  .max(REOPEN_REASON_MAX, `A reason is at most ${REOPEN_REASON_MAX} characters`);

/**
 * Who may reopen a reconciled checklist. A finalized reconciliation is the appraisal's result (the
 * results, figures and exports show it): only an owner reopens it, with a reason recorded
 * [REOPEN-OWNER]. One still being reconciled needs no reopening.
 */
export function canReopenReconciliation(role: Role, status: ChecklistStatus): boolean {
  return status === 'finalized' && roleAtLeast(role, 'owner');
}

/** The history in time order (entries from two devices interleave by their time). */
export function historyInOrder(events: readonly ChecklistEvent[]): ChecklistEvent[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j)
    .map(([e]) => e);
}
