import { z } from 'zod';
import { semverSchema } from '../semver.ts';

/**
 * `GET /api/metadata`: what the server speaks and which clients it still accepts. Not a strict
 * object on purpose: a client ignores the fields a newer server adds.
 */
export const metadataSchema = z.object({
  apiVersion: semverSchema,
  minSupportedClient: semverSchema,
  cacheVersion: z.string().min(1).max(64),
  features: z.array(z.string()),
  /** The server's `PROTOCOL_VERSION` (ops, sync, pull, document socket and upload). */
  protocolVersion: z.number().int().positive(),
  /** The project document layout the server keeps (`DOC_SCHEMA_VERSION`). */
  docSchemaVersion: z.number().int().positive(),
});
export type Metadata = z.infer<typeof metadataSchema>;

/** The header every client request carries. */
export const CLIENT_VERSION_HEADER = 'X-Client-Version';
