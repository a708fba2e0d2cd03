import { z } from 'zod';

/** Entities the pull feed carries. */
export const syncEntitySchema = z.enum(['project', 'membership', 'settings', 'pdf']);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;

/** A cursor is the server's change-log sequence number, as a decimal string. Never a time. */
export const cursorSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'a cursor is a number the server gave you');

export const pullQuerySchema = z.object({
  since: cursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
});

export const changeSchema = z.object({
  entity: syncEntitySchema,
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  /** The current row for upserts; absent for tombstones. */
  row: z.record(z.string(), z.unknown()).optional(),
  version: z.number().int(),
});
export type Change = z.infer<typeof changeSchema>;

/**
 * A membership's change id, `<projectId>:<userId>` (the change-log triggers write the same, in
 * drizzle/0003_change_log_triggers.sql). Neither id contains a colon.
 */
export function membershipChangeId(projectId: string, userId: string): string {
  return `${projectId}:${userId}`;
}

/** The project and user a membership's change id names (empty strings for a malformed id). */
export function parseMembershipChangeId(id: string): { projectId: string; userId: string } {
  const [projectId = '', userId = ''] = id.split(':');
  return { projectId, userId };
}

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  checkpoint: cursorSchema,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
