import { createSignal } from 'solid-js';

/** `checking` until /api/metadata answers (or fails); `blocked` is final for this page load. */
export type GateState =
  { status: 'checking' } | { status: 'ok' } | { status: 'blocked'; minSupportedClient?: string };

const [gate, setGate] = createSignal<GateState>({ status: 'checking' });

/** The app-wide version gate, read by the root component to show the blocking upgrade screen. */
export const versionGate = gate;

/** The boot check passed or could not run (offline): let the app render. */
export function openVersionGate(): void {
  // A 426 seen while the check was in flight wins over a late "ok".
  if (gate().status === 'checking') setGate({ status: 'ok' });
}

/** The server refused this build (metadata said so, or a data route answered 426). */
export function blockForUpgrade(minSupportedClient?: string): void {
  setGate({ status: 'blocked', ...(minSupportedClient ? { minSupportedClient } : {}) });
}

let cacheVersion: string | undefined;

/** The server's `cacheVersion` as the boot check read it; undefined when it could not ask. */
export function serverCacheVersion(): string | undefined {
  return cacheVersion;
}

export function recordServerCacheVersion(version: string): void {
  cacheVersion = version;
}
