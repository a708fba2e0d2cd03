/**
 * `pnpm bench` group "federation" (issue 17; alone: `pnpm bench federation`): a share of
 * FEDERATION_BENCH_RECORDS records caught up by a subscriber from zero and after
 * FEDERATION_BENCH_CHANGES changes — records/s, requests and bytes — beside a naive peer that
 * downloads the whole project document each time, in the same run. Two servers as the fault test
 * starts them (e2e/support/federation-peers.ts), B reaching A through a proxy that only counts.
 * Prints the section and rewrites it in docs/benchmarks.md.
 */
import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import type { FaultCounters } from '../e2e/support/fault-proxy.ts';
import {
  federate,
  held,
  sameHolding,
  subscribeB,
  startPeer,
  stopPeer,
  type Federation,
  type PeerServer,
} from '../e2e/support/federation-peers.ts';
import { apiJson } from '../e2e/support/api.ts';
import { queryLocalD1 } from '../e2e/support/worker-process.ts';
import {
  FEDERATION_SECTION_ID,
  renderFederationSection,
  type FederationBenchResults,
  type Transfer,
} from './federation-report.ts';
import { readFederationConfig } from './config.ts';
import { log, publishSection, startRun } from './run-record.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until A's ProjectDoc has exported the document to D1 and logged it for the share (both
 * stop changing); resolves to the share's last seq.
 */
async function exportSettled(f: Federation): Promise<number> {
  let last = '';
  let lastSeq = 0;
  for (let stable = 0; stable < 2;) {
    await sleep(1_500);
    const [row] = await queryLocalD1<{ n: number; bytes: number; seq: number }>(
      f.a.persistDir,
      `select count(*) as n, coalesce(sum(length(data)), 0) as bytes, (select last_seq from shares where id = '${f.shareId}') as seq from project_doc_chunks where project_id = '${f.writer.projectId}'`,
    );
    const now = JSON.stringify(row);
    stable = now === last ? stable + 1 : 0;
    last = now;
    lastSeq = row?.seq ?? 0;
  }
  return lastSeq;
}

/** B's cursor, from its list of subscriptions (one small request to B, not through the proxy). */
async function cursorAtB(f: Federation): Promise<number> {
  const { subscriptions } = await apiJson<{ subscriptions: { id: string; cursor: number }[] }>(
    'GET',
    '/api/federation/subscriptions',
    f.admin,
    undefined,
    f.b.url,
  );
  return subscriptions.find((x) => x.id === f.subscriptionId)?.cursor ?? -1;
}

/**
 * B pulling by itself (its subscription's alarm) until its cursor is A's last seq: the time since
 * `started`, and B's requests and bytes to A since `before` (counted by the proxy). Then checks,
 * untimed, that B holds exactly what the writer sent A.
 */
async function caughtUp(
  f: Federation,
  lastSeq: number,
  records: number,
  before: FaultCounters,
  started: number,
): Promise<Transfer> {
  for (let polls = 0; (await cursorAtB(f)) < lastSeq; polls++) {
    if (polls > 6_000) throw new Error(`B did not reach seq ${lastSeq} in 10 minutes`);
    await sleep(100);
  }
  const ms = performance.now() - started;
  const c = f.proxy.counters;
  const transfer = {
    records,
    ms,
    requests: c.requests - before.requests,
    bytes: c.bytesIn - before.bytesIn + (c.bytesOut - before.bytesOut),
  };
  const got = await held(f);
  if (!sameHolding(got, f.writer.expected()))
    throw new Error(
      `B holds ${Object.keys(got.studies).length} studies, not what A's share covers`,
    );
  return transfer;
}

/** The naive peer: the whole project document, from an empty state vector, as the owner. */
async function naiveDownload(f: Federation): Promise<Transfer> {
  const body = JSON.stringify({
    update: '',
    stateVector: Buffer.from(Y.encodeStateVector(new Y.Doc())).toString('base64'),
  });
  const started = performance.now();
  const res = await fetch(`${f.a.url}/api/reconcile/doc/${f.writer.projectId}`, {
    method: 'POST',
    headers: { Cookie: f.owner, 'Content-Type': 'application/json', Origin: f.a.url },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`naive download: ${res.status} ${text}`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from((JSON.parse(text) as { update: string }).update, 'base64'));
  const records = doc.getMap(DocRoot.studies).size + doc.getMap(DocRoot.checklists).size;
  return {
    records,
    ms: performance.now() - started,
    requests: 1,
    bytes: Buffer.byteLength(body) + Buffer.byteLength(text),
  };
}

/**
 * From zero: A's share is written and exported first, then B subscribes (redeem, first read) and
 * pulls by itself. After the changes: B is down while A's owner makes them (so B's idle polls do
 * not count), then started, and its overdue alarm pulls them.
 */
async function measure(f: Federation, records: number, changes: number) {
  const errors: string[] = [];
  log(`seeding ${records} records at A`);
  await f.writer.addRecords(records);
  const seeded = await exportSettled(f);
  log('catch-up from zero: B subscribes and pulls by itself');
  let before = { ...f.proxy.counters };
  let started = performance.now();
  await subscribeB(f);
  const fromZero = {
    federation: await caughtUp(f, seeded, records, before, started),
    naive: await naiveDownload(f),
  };
  log(`${changes} changes at A while B is down`);
  await f.b.process.kill();
  await f.writer.change(changes, Math.random);
  const changed = await exportSettled(f);
  before = { ...f.proxy.counters };
  await f.b.process.start();
  log('catch-up after the changes: B started, pulls by itself');
  started = performance.now();
  const afterChanges = {
    federation: await caughtUp(f, changed, changed - seeded, before, started),
    naive: await naiveDownload(f),
  };
  if (changed - seeded !== changes)
    errors.push(`A logged ${changed - seeded} entries for ${changes} changes`);
  return { records, changes, fromZero, afterChanges, errors } satisfies FederationBenchResults;
}

async function main() {
  const config = readFederationConfig(process.env);
  const run = startRun();
  log('starting A and B (wrangler dev each, throwaway state, their own keys)');
  let a: PeerServer | undefined;
  let b: PeerServer | undefined;
  let f: Federation | undefined;
  const stop = async () => {
    await f?.proxy.close();
    await Promise.all([stopPeer(a), stopPeer(b)]);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stop().then(() => process.exit(130)));
  let results: FederationBenchResults;
  try {
    [a, b] = await Promise.all([startPeer('a', false), startPeer('b', true)]);
    f = await federate(a, b, 1, false);
    results = await measure(f, config.records, config.changes);
  } finally {
    log('stopping A and B');
    await stop();
  }
  const server =
    'two `wrangler dev` Workers (local workerd), each with its own state directory under /tmp and federation key, on free ports; B with `FEDERATION_ALLOW_LOCAL_PEERS`';
  publishSection(
    config.out,
    FEDERATION_SECTION_ID,
    renderFederationSection(run.finish(server), results),
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
