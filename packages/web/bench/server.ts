import { startRelay } from '../../workers/bench/servers/relay-server.ts';

/** The app's Worker on a fresh local state, and the origin to call it on. */
export interface BenchApp {
  base: string;
  description: string;
  stop(): Promise<void>;
}

/**
 * The Worker as the relay benchmark serves it (packages/workers/bench/servers/relay-server.ts):
 * migrations applied to a throwaway local D1, the bundle built once and served by
 * `wrangler dev --no-bundle`, so edits elsewhere in the tree cannot restart it mid-run. That
 * module hands out rooms, not its origin; the origin is read off one room's address.
 */
export async function startApp(): Promise<BenchApp> {
  const relay = await startRelay('wrangler-dev');
  try {
    const room = await relay.newRoom('sync-bench-origin');
    const url = new URL(room.serverUrl);
    return {
      base: `http://${url.host}`,
      description: relay.description,
      stop: () => relay.stop(),
    };
  } catch (e) {
    await relay.stop();
    throw e;
  }
}
