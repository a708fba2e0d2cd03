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
  pullNow,
  sameHolding,
  startPeer,
  stopPeer,
  type Federation,
  type PeerServer,
} from '../e2e/support/federation-peers.ts';
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

/** Waits until A's ProjectDoc has exported the document to D1 (its copy stops changing). */
async function exportSettled(f: Federation): Promise<void> {
  let last = '';
  for (let stable = 0; stable < 2;) {
    await sleep(1_500);
    const [row] = await queryLocalD1<{ n: number; bytes: number }>(
      f.a.persistDir,
      `select count(*) as n, coalesce(sum(length(data)), 0) as bytes from project_doc_chunks where project_id = '${f.writer.projectId}'`,
    );
    const now = JSON.stringify(row);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/**
 * B pulls until it holds every record the writer sent A; counted by the proxy. Time is the pulls'
 * own (reading what B holds between them, to know when to stop, is not timed or counted).
 */
async function federationCatchUp(f: Federation): Promise<Transfer> {
  const want = f.writer.expected();
  const before: FaultCounters = { ...f.proxy.counters };
  let ms = 0;
  let applied = 0;
  for (let pulls = 0; ; pulls++) {
    if (pulls === 20) throw new Error('B did not catch up in 20 pulls');
    const started = performance.now();
    const answer = await pullNow(f);
    ms += performance.now() - started;
    if (answer instanceof Error) throw answer;
    if (answer.subscription.lastError) throw new Error(answer.subscription.lastError);
    applied += answer.applied;
    if (sameHolding(await held(f), want)) break;
  }
  const c = f.proxy.counters;
  return {
    records: applied,
    ms,
    requests: c.requests - before.requests,
    bytes: c.bytesIn - before.bytesIn + (c.bytesOut - before.bytesOut),
  };
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

async function measure(f: Federation, records: number, changes: number) {
  const errors: string[] = [];
  log(`seeding ${records} records at A`);
  await f.writer.addRecords(records);
  await exportSettled(f);
  log('catch-up from zero');
  const fromZero = { federation: await federationCatchUp(f), naive: await naiveDownload(f) };
  log(`${changes} changes at A`);
  await f.writer.change(changes, Math.random);
  await exportSettled(f);
  log('catch-up after the changes');
  const afterChanges = { federation: await federationCatchUp(f), naive: await naiveDownload(f) };
  if (fromZero.federation.records !== records)
    errors.push(`B applied ${fromZero.federation.records} changes from zero, not ${records}`);
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
    f = await federate(a, b, 1);
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
