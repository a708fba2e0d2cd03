import { compareSemver } from '../semver.ts';
import type { OpType } from './ops.ts';

/**
 * One breaking change to an op payload. Clients older than `changedIn` sent the legacy shape;
 * from `acceptedFrom` on (the migration window) the legacy shape is translated, before it the
 * op is refused with OP_VERSION_RETIRED. See docs/runbooks/breaking-op-changes.md.
 */
export interface OpAdapter {
  type: OpType;
  /** The first client version that sends the new shape. */
  changedIn: string;
  /** The oldest client version whose legacy shape is still translated. */
  acceptedFrom: string;
  /** Whether a payload is in the legacy shape (an old client may still send either). */
  isLegacy(payload: unknown): boolean;
  /** The legacy payload in the shape `changedIn` introduced. */
  translate(payload: Record<string, unknown>): Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Oldest change first: a very old payload is walked through every later change in order. */
export const OP_ADAPTERS: readonly OpAdapter[] = [
  {
    // 0.2.0 renamed `settings.update`'s `patch` to `changes` (it is not a JSON Patch document).
    type: 'settings.update',
    changedIn: '0.2.0',
    acceptedFrom: '0.1.0',
    isLegacy: (p) => isRecord(p) && 'patch' in p && !('changes' in p),
    translate: ({ patch, ...rest }) => ({ ...rest, changes: patch }),
  },
];

export type AdaptedPayload =
  | { ok: true; payload: unknown; translated: boolean }
  | { ok: false; code: 'OP_VERSION_RETIRED'; message: string };

/**
 * Brings an op payload written by client `clientVersion` to the current shape. Used by the server
 * before validating an op, and by the client before showing a queued op an older build wrote.
 */
export function adaptOpPayload(
  type: string,
  clientVersion: string,
  payload: unknown,
  adapters: readonly OpAdapter[] = OP_ADAPTERS,
): AdaptedPayload {
  let current = payload;
  let translated = false;
  for (const adapter of adapters) {
    if (adapter.type !== type || compareSemver(clientVersion, adapter.changedIn) >= 0) continue;
    if (!adapter.isLegacy(current) || !isRecord(current)) continue;
    if (compareSemver(clientVersion, adapter.acceptedFrom) < 0) {
      return {
        ok: false,
        code: 'OP_VERSION_RETIRED',
        message: `${type} from client ${clientVersion} uses a shape retired in ${adapter.changedIn} (translated only from ${adapter.acceptedFrom})`,
      };
    }
    current = adapter.translate(current);
    translated = true;
  }
  return { ok: true, payload: current, translated };
}
