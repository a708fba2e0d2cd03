/**
 * `node --import tsx bench/serve-app.ts`: the Worker as the relay benchmark serves it
 * (servers/relay-server.ts: fresh local D1, bundled once, `wrangler dev --no-bundle`), for another
 * package's benchmark, which talks to it over HTTP and a pipe and imports none of this package's
 * code. Prints one JSON line `{"origin","description"}` once it answers, then runs until its stdin
 * closes — the caller is done, or died without cleaning up — and stops the Worker and removes its
 * state.
 */
import { killAllGroupsSync } from './lib/processes.ts';
import type { BenchServer } from './servers/bench-server.ts';
import { startRelay } from './servers/relay-server.ts';

let relay: BenchServer | undefined = undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (relay) await relay.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(130));
// Last resort (an error, or a signal while starting): no wrangler outlives this process.
process.once('exit', killAllGroupsSync);

relay = await startRelay('wrangler-dev');
process.stdin.once('end', () => void stop(0));
process.stdin.resume();

// The relay hands out rooms, not its origin; the origin is read off one room's address.
const room = await relay.newRoom('serve-app-origin');
const origin = `http://${new URL(room.serverUrl).host}`;
process.stdout.write(`${JSON.stringify({ origin, description: relay.description })}\n`);
