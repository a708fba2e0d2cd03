import { metadataSchema } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';
import { APP_VERSION } from '../env.ts';
import { evaluateVersion } from './version-check.ts';
import { blockForUpgrade, openVersionGate, recordServerCacheVersion } from './version-gate.ts';

/** Long enough for a slow network, short enough that a dead one does not hold the app hostage. */
const METADATA_TIMEOUT_MS = 5_000;

/**
 * Boot check against `GET /api/metadata`. If the server cannot be asked (offline, timeout, odd
 * answer) the app still opens: it must work offline, and data routes answer 426 anyway.
 */
export async function checkServerVersion(): Promise<void> {
  try {
    const result = await api.GET('/api/metadata', {
      signal: AbortSignal.timeout(METADATA_TIMEOUT_MS),
    });
    const metadata = metadataSchema.parse(dataOf(result));
    recordServerCacheVersion(metadata.cacheVersion);
    if (evaluateVersion(APP_VERSION, metadata) === 'blocked') {
      blockForUpgrade(metadata.minSupportedClient);
      return;
    }
  } catch {
    // Fall through: see above.
  }
  openVersionGate();
}
