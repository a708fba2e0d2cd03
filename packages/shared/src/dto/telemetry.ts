import { z } from 'zod';
import { semverSchema } from '../semver.ts';

/** Most reports one `POST /api/telemetry/reports` may carry. */
export const MAX_TELEMETRY_REPORTS = 100;

/**
 * What one client observed about its sync since its previous report. Clients buffer reports while
 * offline and send them later; `id` lets the server drop a report it already has.
 */
export const telemetryReportSchema = z.strictObject({
  id: z.uuid(),
  /** A random id per browser profile, so one client's backlog is one row, not a sum. */
  clientId: z.uuid(),
  clientVersion: semverSchema,
  /** When the client made the observation (not when it was sent). */
  at: z.iso.datetime(),
  /** Ops still queued locally at `at`. */
  queuedOps: z.number().int().min(0).max(10_000_000),
  /** Sync batches sent since the previous report, and how many of them failed. */
  syncAttempts: z.number().int().min(0).max(1_000_000),
  syncFailures: z.number().int().min(0).max(1_000_000),
  /** How long the last drain took, from the first queued op to an empty queue, if one finished. */
  replayMs: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600 * 1000)
    .optional(),
});
export type TelemetryReport = z.infer<typeof telemetryReportSchema>;

export const telemetryBatchSchema = z
  .strictObject({ reports: z.array(telemetryReportSchema).min(1).max(MAX_TELEMETRY_REPORTS) })
  .refine((b) => b.reports.every((r) => r.syncFailures <= r.syncAttempts), {
    message: 'syncFailures cannot exceed syncAttempts',
  });
export type TelemetryBatch = z.infer<typeof telemetryBatchSchema>;

export const telemetryAcceptedSchema = z.object({
  accepted: z.number().int(),
  /** Reports the server already had (a resend after a lost response). */
  duplicates: z.number().int(),
});

export const adminTelemetryQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(7),
});

/**
 * The census row that groups client versions not worth a row of their own (outlandish, or past
 * the day's cap of distinct versions).
 */
export const OTHER_CLIENT_VERSIONS = 'other';

/** `GET /api/admin/telemetry`: the operational picture over the last `days`. */
export const adminTelemetrySchema = z.object({
  since: z.iso.datetime(),
  days: z.number().int(),
  /**
   * Requests carrying each `X-Client-Version`, and distinct reporting clients on it, newest first;
   * `other` (last) groups the versions the census does not keep apart.
   */
  versions: z.array(
    z.object({
      version: z.union([semverSchema, z.literal(OTHER_CLIENT_VERSIONS)]),
      requests: z.number().int(),
      clients: z.number().int(),
    }),
  ),
  /** Clients with ops still queued at their latest report, largest backlog first (at most 50). */
  backlog: z.array(
    z.object({
      clientId: z.string(),
      clientVersion: semverSchema,
      userEmail: z.string().nullable(),
      queuedOps: z.number().int(),
      reportedAt: z.iso.datetime(),
    }),
  ),
  sync: z.object({
    attempts: z.number().int(),
    failures: z.number().int(),
    /** failures / attempts, or null with no attempts. */
    failureRate: z.number().nullable(),
    byDay: z.array(
      z.object({ day: z.iso.date(), attempts: z.number().int(), failures: z.number().int() }),
    ),
  }),
  replay: z.object({
    count: z.number().int(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
    maxMs: z.number().nullable(),
  }),
});
export type AdminTelemetry = z.infer<typeof adminTelemetrySchema>;
