import { z } from 'zod';
import { semverSchema } from '../semver.ts';

/** `GET /api/metadata`: what the server speaks and which clients it still accepts. */
export const metadataSchema = z.object({
  apiVersion: semverSchema,
  minSupportedClient: semverSchema,
  cacheVersion: z.string().min(1).max(64),
  features: z.array(z.string()),
});
export type Metadata = z.infer<typeof metadataSchema>;

/** The header every client request carries. */
export const CLIENT_VERSION_HEADER = 'X-Client-Version';
