import { z } from 'zod';
import {
  createProjectSchema,
  projectDescriptionSchema,
  projectIdSchema,
  projectNameSchema,
} from '../dto/project.ts';
import { addMemberSchema } from '../dto/membership.ts';
import { roleSchema } from '../dto/role.ts';
import { updateUserSettingsSchema } from '../dto/settings.ts';
import { updatePdfSchema } from '../dto/pdf.ts';
import { semverSchema } from '../semver.ts';
import { errorCodeSchema } from '../errors.ts';

/** Most ops a batch may carry (the body limit, 256 KiB, applies too). */
export const MAX_OPS_PER_BATCH = 100;

/**
 * The payload of each op type. Ops run through the same domain functions as the REST routes;
 * `ifVersion` turns a write against a changed row into `conflict` instead of last-writer-wins.
 */
export const opPayloadSchemas = {
  'project.create': createProjectSchema.extend({ id: z.uuid() }),
  'project.update': z.strictObject({
    id: projectIdSchema,
    name: projectNameSchema.optional(),
    description: projectDescriptionSchema.optional(),
    ifVersion: z.number().int().positive().optional(),
  }),
  'project.delete': z.strictObject({ id: projectIdSchema }),
  'member.add': addMemberSchema.extend({ projectId: projectIdSchema }),
  'member.setRole': z.strictObject({
    projectId: projectIdSchema,
    userId: z.string().min(1).max(64),
    role: roleSchema,
  }),
  'member.remove': z.strictObject({
    projectId: projectIdSchema,
    userId: z.string().min(1).max(64),
  }),
  /** Named `patch` before client 0.2.0; see op-adapters.ts. */
  'settings.update': z.strictObject({ changes: updateUserSettingsSchema }),
  // PDF bytes never travel as ops (uploads go straight to R2); only their metadata changes here.
  'pdf.update': z.strictObject({
    projectId: projectIdSchema,
    id: z.string().min(1).max(64),
    patch: updatePdfSchema,
    ifVersion: z.number().int().positive().optional(),
  }),
  'pdf.delete': z.strictObject({ projectId: projectIdSchema, id: z.string().min(1).max(64) }),
} as const;

export type OpType = keyof typeof opPayloadSchemas;
export const OP_TYPES = Object.keys(opPayloadSchemas) as OpType[];
export type OpPayload<T extends OpType> = z.infer<(typeof opPayloadSchemas)[T]>;

/**
 * One queued mutation as the client sends it. The payload is checked per op (a bad payload
 * rejects only that op); the envelope is checked per batch (a bad envelope rejects the batch).
 */
export const opEnvelopeSchema = z.object({
  /** A UUID chosen by the client: the idempotency key. */
  id: z.uuid(),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
  clientVersion: semverSchema,
  createdAt: z.iso.datetime(),
});
export type OpEnvelope = z.infer<typeof opEnvelopeSchema>;

export const syncOpsRequestSchema = z.strictObject({
  ops: z.array(opEnvelopeSchema).min(1).max(MAX_OPS_PER_BATCH),
});
export type SyncOpsRequest = z.infer<typeof syncOpsRequestSchema>;

export const opStatusSchema = z.enum(['applied', 'duplicate', 'conflict', 'rejected']);
export type OpStatus = z.infer<typeof opStatusSchema>;

export const opResultSchema = z.object({
  id: z.uuid(),
  status: opStatusSchema,
  /** Why an op was rejected or conflicted. */
  code: errorCodeSchema.optional(),
  message: z.string().optional(),
  /** The row as the server now has it (also on conflict, so the client can correct its cache). */
  row: z.record(z.string(), z.unknown()).optional(),
});
export type OpResult = z.infer<typeof opResultSchema>;

export const syncOpsResponseSchema = z.object({
  results: z.array(opResultSchema),
  /** The change-log position after this batch; pull from here. */
  checkpoint: z.string(),
});
export type SyncOpsResponse = z.infer<typeof syncOpsResponseSchema>;
