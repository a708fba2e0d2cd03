// Federation under faults (issue 17, docs/federation.md "Tests"): two servers of this file's own —
// A the publisher, B the subscriber, each a `wrangler dev` that is killed (SIGKILL) and started
// again on its state — with B reaching A through a fault proxy. No browser; both are driven over
// HTTP. Three tests, one after the other on the same subscription, each ending with B holding
// exactly what A's share covers (every study's title and checklist's status the owner wrote,
// deletions gone) and B's cursor at A's last seq:
//   (a) B down while A's owner changes 1,000 records, then B started again catches up;
//   (b) B killed while it applies a page of a catch-up (the proxy hands B the page, then B's
//       process group is killed a few ms later), started again: nothing skipped, nothing twice;
//   (c) the proxy drops (reset, hang, 502, lost answer), duplicates, delays (≤ 2 s) and reorders
//       25 % of B's requests while A's owner makes thousands of changes and both servers are
//       restarted.
// FEDERATION_FAULTS_LONG=1 runs (c) longer (see ROUNDS); FEDERATION_FAULTS_SEED picks the seed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  federate,
  pullNow,
  pullUntilHeld,
  seqs,
  startPeer,
  stopPeer,
  type Federation,
  type PeerServer,
} from './support/federation-peers.ts';
import { ratesForFraction, seededRandom, NO_FAULTS } from './support/fault-proxy.ts';
import { queryLocalD1 } from './support/worker-process.ts';

const LONG = process.env.FEDERATION_FAULTS_LONG === '1';
const SEED = Number(process.env.FEDERATION_FAULTS_SEED ?? 17);
/** (c): rounds of changes at A, each followed by a restart of one side (A, then B, in turn). */
const ROUNDS = LONG ? 10 : 2;
const CHANGES_PER_ROUND = LONG ? 1_000 : 750;
const FAULT_FRACTION = 0.25;
/**
 * (c) goes on pulling until this many of B's requests met the proxy: with 25 % over six kinds each
 * kind has about a 4.7 % chance a request, so 200 requests miss one with odds of about 1 in 2,500.
 */
const MIN_REQUESTS = LONG ? 2_000 : 200;
/** How long B may take to hold what A's share covers once the writes are done. */
const CATCH_UP_MS = LONG ? 600_000 : 120_000;

let a: PeerServer | undefined;
let b: PeerServer | undefined;
let f: Federation;
const random = seededRandom(SEED);
const started = Date.now();
/** Where the time goes, in the test's output (restarts and D1 reads dominate). */
const mark = (what: string) =>
  console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);

before(async () => {
  [a, b] = await Promise.all([startPeer('a', false), startPeer('b', true)]);
  mark('A and B started');
  f = await federate(a, b, SEED);
  // What B starts from: 1,000 records, pulled.
  await f.writer.addRecords(1_000);
  const first = await pullUntilHeld(f, CATCH_UP_MS);
  assert.ok(first.equal, 'B holds the first 1,000 records');
  mark('B holds the first 1,000 records');
});

after(async () => {
  await f?.proxy.close();
  await Promise.all([stopPeer(a), stopPeer(b)]);
});

/** B holds exactly A's share, at A's last seq, each record at the seq A logged it with. */
async function assertCaughtUp(label: string, byItself = false) {
  mark(`${label}: catching up${byItself ? ' by itself' : ''}`);
  const result = await pullUntilHeld(f, CATCH_UP_MS, byItself);
  mark(`${label}: B holds A's share`);
  const want = f.writer.expected();
  assert.ok(
    result.equal,
    `${label}: B holds ${Object.keys(result.last.studies).length} studies and ${Object.keys(result.last.checklists).length} checklists, A's share ${Object.keys(want.studies).length} and ${Object.keys(want.checklists).length} (after ${result.pulls} pulls)`,
  );
  // A logs a record again only when it changes, so once B holds the latest of each the log has
  // nothing B lacks: one more pull brings the cursor to A's last seq.
  const pulled = await pullNow(f);
  assert.ok(!(pulled instanceof Error), String(pulled));
  // Nothing applied twice or out of order: each record B holds carries the seq of A's latest
  // change to it (an older page applied again after a newer one would leave an older seq). One
  // query per side, both at once: each is a wrangler process, seconds on a loaded machine.
  const records = `entity || ':' || entity_id as k, seq`;
  const [logged, received] = await Promise.all([
    queryLocalD1<{ k: string; seq: number; last: number }>(
      f.a.persistDir,
      `select ${records}, (select last_seq from shares where id = '${f.shareId}') as last from share_updates where share_id = '${f.shareId}' and op = 'upsert' and entity in ('study', 'checklist') order by k`,
    ),
    queryLocalD1<{ k: string; seq: number; cursor: number }>(
      f.b.persistDir,
      `select ${records}, (select cursor from subscriptions where id = '${f.subscriptionId}') as cursor from received_records where subscription_id = '${f.subscriptionId}' and entity in ('study', 'checklist') order by k`,
    ),
  ]);
  assert.equal(received[0]?.cursor, logged[0]?.last, `${label}: B's cursor is A's last seq`);
  assert.deepEqual(
    received.map(({ k, seq }) => ({ k, seq })),
    logged.map(({ k, seq }) => ({ k, seq })),
  );
  mark(`${label}: cursor and seqs checked`);
  return result;
}

test('(a) B down while A changes 1,000 records; B started again catches up', async () => {
  await f.b.process.kill();
  assert.ok((await pullNow(f)) instanceof Error, 'B is down');
  await f.writer.change(1_000, random);
  mark('(a) 1,000 changes written');
  await f.b.process.start();
  // Nobody presses "pull now": B's own schedule (its subscription's alarm, kept across the
  // crash) brings it up to date.
  const result = await assertCaughtUp('(a)', true);
  console.log(`# (a) caught up in ${result.pulls} pulls`);
});

test('(b) B killed while it applies a page, started again: nothing skipped, nothing applied twice', async () => {
  // B down while A changes 1,200 records — 6 pages of 200 (PULL_PAGE_LIMIT): each record once, so
  // none is folded into another's log entry — and exports them, so B's catch-up (by "pull now",
  // or B's own schedule) reads pages one after another.
  await f.b.process.kill();
  await f.writer.change(1_200, random);
  await new Promise((r) => setTimeout(r, 6_000));
  const before = await seqs(f);
  let killed: Promise<void> | undefined;
  f.onReply = (method, path, status) => {
    if (killed || method !== 'GET' || !path.includes('/changes?') || status !== 200) return;
    // A page after the first: B applied one page (its cursor moved), has this one in hand and
    // is applying it when its process group dies.
    const since = Number(new URL(path, 'http://x').searchParams.get('since'));
    if (since <= before.cursor) return;
    const afterMs = Math.floor(random() * 20);
    killed = new Promise((r) => setTimeout(r, afterMs)).then(() => f.b.process.kill());
  };
  await f.b.process.start();
  await pullNow(f);
  for (const end = Date.now() + 60_000; !killed && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 100));
  assert.ok(killed, 'B read a second page of its catch-up');
  await killed;
  f.onReply = () => {};
  // Read while B is down, before its own schedule pulls on: the crash landed mid-catch-up, with
  // some pages applied with their cursor and not all.
  const mid = await seqs(f);
  assert.ok(
    mid.cursor > before.cursor && mid.cursor < mid.lastSeq,
    `cursor ${mid.cursor} from ${before.cursor}, short of ${mid.lastSeq}`,
  );
  await f.b.process.start();
  await assertCaughtUp('(b)');
});

test(`(c) ${FAULT_FRACTION * 100} % of B's requests dropped, duplicated, delayed or reordered, both servers restarted, over ${ROUNDS * CHANGES_PER_ROUND} changes`, async () => {
  f.proxy.setRates(
    ratesForFraction(FAULT_FRACTION, [
      'dropRequest',
      'badGateway',
      'dropResponse',
      'duplicate',
      'delay',
      'reorder',
    ]),
    // From here the faults follow the seed alone, whatever B asked before.
    SEED,
  );
  const before = { ...f.proxy.counters };
  // B pulls all along (two pulls at once, as "pull now" beside B's own schedule would), while A
  // changes, while a side is down, and after, until enough requests met the proxy.
  let writing = true;
  const puller = (async () => {
    while (writing || f.proxy.counters.requests - before.requests < MIN_REQUESTS) {
      await Promise.all([pullNow(f), pullNow(f)]);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  for (let round = 0; round < ROUNDS; round++) {
    await f.writer.change(CHANGES_PER_ROUND, random);
    // Mid-stream, one side goes down hard and comes back.
    const side = round % 2 === 0 ? f.a : f.b;
    await side.process.kill();
    await new Promise((r) => setTimeout(r, 1_000));
    await side.process.start();
  }
  writing = false;
  mark('(c) changes written, both sides restarted');
  await puller;
  const result = await assertCaughtUp('(c)');
  f.proxy.setRates(NO_FAULTS);
  const c = f.proxy.counters;
  const faults = Object.fromEntries(
    Object.entries(c).map(([k, v]) => [k, v - before[k as keyof typeof before]]),
  );
  console.log(`# (c) seed ${SEED}, faults: ${JSON.stringify(faults)}, final pulls ${result.pulls}`);
  const faulted =
    faults.droppedWithReset! +
    faults.droppedWithTimeout! +
    faults.badGateway! +
    faults.droppedResponses! +
    faults.duplicated! +
    faults.delayed! +
    faults.reordered!;
  // The faults happened: every kind at least once, about a quarter of the requests.
  for (const k of [
    'droppedWithReset',
    'badGateway',
    'droppedResponses',
    'duplicated',
    'delayed',
    'reordered',
  ])
    assert.ok(faults[k]! > 0, `no ${k} among ${faults.requests} requests`);
  assert.ok(faulted >= faults.requests! * 0.15, `${faulted} faults in ${faults.requests} requests`);
});
