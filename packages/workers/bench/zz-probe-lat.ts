import { summarize } from './lib/stats.ts';
import { killAllGroupsSync } from './lib/processes.ts';
import { measureLatency } from './scenarios/latency.ts';
import { measureInitialSync } from './scenarios/initial-sync.ts';
import { startPeer } from './servers/peer-server.ts';
import { startRelay } from './servers/relay-server.ts';
process.setMaxListeners(0);
process.once('exit', killAllGroupsSync);
const which = process.argv[2]!;
const clients = (process.env.N ?? '2,50').split(',').map(Number);
const server = which === 'peer' ? await startPeer() : await startRelay(which as 'miniflare' | 'wrangler-dev');
try {
  console.log(which, 'pid', process.pid, 'pause', process.env.PAUSE ?? 0);
  await new Promise((r) => setTimeout(r, Number(process.env.PAUSE ?? 2000)));
  for (const n of clients) {
    const r = await measureLatency(server, n, Number(process.env.W ?? 200), 10);
    const s = summarize(r.samples);
    console.log(`${which} n=${n} p50=${s.p50.toFixed(1)} p95=${s.p95.toFixed(1)} p99=${s.p99.toFixed(1)} lost=${r.lost} ${r.error ?? ''}`);
  }
  if (process.env.PRIOR) {
    const r = await measureInitialSync(server, Number(process.env.PRIOR), 3);
    console.log(`${which} ingest=${(r.ingestMs/1000).toFixed(1)}s sync=${r.syncMs.map((x) => x.toFixed(0))} ${r.error ?? ''}`);
  }
} finally {
  await server.stop();
  process.exit(0);
}
