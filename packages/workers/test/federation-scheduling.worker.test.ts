import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import type * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocRoot, SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS } from '@corates/shared';
import { call, grantAdmin, signUp } from './api.ts';
import { signedFetch } from './federation-peer.ts';
import { syncOver, v2Project } from './v2-project.ts';
import { serverKey } from '../src/federation/identity.ts';
import { PULL_SCHEDULE } from '../src/federation/pull-schedule.ts';
import { subscriptionPuller } from '../src/durable/subscription-puller-stub.ts';

// The subscriber's schedule (docs/federation.md "Scheduling and unsubscribing"). This worker is
// both servers: it subscribes to its own share, as a server whose origin is PUBLISHER. Calls to
// that origin — the ones the subscription's Durable Object makes, on its alarm — are sent to this
// worker (SELF: the real publisher routes, signature and token checks, D1), or fail the way a
// network or a server in trouble fails when the test says so. Every other call goes out as usual.

const PUBLISHER = 'https://publisher.test';
type Fault = 'none' | 'unreachable' | 503;
let fault: Fault = 'none';
const realFetch = globalThis.fetch;

beforeAll(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== PUBLISHER) return realFetch(input, init);
    if (fault === 'unreachable') throw new TypeError('Network connection lost.');
    if (fault === 503) return new Response('upstream trouble', { status: 503 });
    return SELF.fetch(request);
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

/** Subscriptions made by a test, stopped after it so no alarm of theirs outlives it. */
const made: string[] = [];
afterEach(async () => {
  fault = 'none';
  for (const id of made.splice(0)) await subscriptionPuller(env, id).stop();
});

async function exportToD1(projectId: string) {
  await runDurableObjectAlarm(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId)));
}

/**
 * A project (study s1 with two checklists) exported to D1, shared whole, and a subscription to
 * that share: redeemed with this server's own key (so its pulls are signed as the subscriber's),
 * stored as subscribing stores it, its object started as subscribing starts it.
 */
async function subscribed(start = true) {
  const p = await v2Project();
  await exportToD1(p.project.id);
  const share = await call('POST', `/api/projects/${p.project.id}/shares`, {
    cookie: p.owner.cookie,
    body: { mode: 'read' },
  });
  expect(share.status).toBe(201);
  const invite = await call('POST', `/api/shares/${share.json.id}/invites`, {
    cookie: p.owner.cookie,
  });
  const key = await serverKey(env);
  const redeemed = await signedFetch('POST', '/api/federation/v1/invites/redeem', {
    key,
    body: {
      invite: invite.json.invite,
      subscriber: {
        origin: PUBLISHER,
        serverId: key.serverId,
        publicKey: key.publicKeyB64,
        schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
      },
    },
  });
  expect(redeemed.status, await redeemed.clone().text()).toBe(200);
  const { token } = (await redeemed.json()) as { token: string };
  const id = crypto.randomUUID();
  // The publisher's redeem recorded this server in `servers` under PUBLISHER: the subscription's
  // publisher is that row.
  await env.DB.prepare(
    `INSERT INTO subscriptions (id, publisher_id, share_id, token, schema_version)
     VALUES (?, ?, ?, ?, ?)`,
  )
    .bind(id, key.serverId, share.json.id, token, SCHEMA_VERSION)
    .run();
  made.push(id);
  const puller = subscriptionPuller(env, id);
  if (start) await puller.start(id);
  return { ...p, id, shareId: share.json.id as string, token, key, puller };
}

type Puller = ReturnType<typeof subscriptionPuller>;

/**
 * The object's schedule — when its alarm is due (ms from now) and the failures it counts — read,
 * then held: the alarm is moved an hour on, so that from here only the test fires it (with
 * runDurableObjectAlarm) and no alarm runs by itself between two steps of a test.
 */
async function hold(puller: Puller) {
  return runInDurableObject(puller, async (_, state) => {
    const alarm = await state.storage.getAlarm();
    if (alarm !== null) await state.storage.setAlarm(Date.now() + 3_600_000);
    return {
      inMs: alarm === null ? null : alarm - Date.now(),
      failures: (await state.storage.get<number>('failures')) ?? null,
    };
  });
}

/** Reads the schedule without holding it. */
async function peek(puller: Puller) {
  return runInDurableObject(puller, async (_, state) => {
    const alarm = await state.storage.getAlarm();
    return {
      inMs: alarm === null ? null : alarm - Date.now(),
      failures: (await state.storage.get<number>('failures')) ?? null,
    };
  });
}

async function subscriptionRow(id: string) {
  return env.DB.prepare(
    'SELECT state, cursor, last_error, last_pull_at FROM subscriptions WHERE id = ?',
  )
    .bind(id)
    .first<{ state: string; cursor: number; last_error: string | null; last_pull_at: number }>();
}

async function heldStudy(id: string) {
  const row = await env.DB.prepare(
    "SELECT row FROM received_records WHERE subscription_id = ? AND entity = 'study' AND entity_id = 's1'",
  )
    .bind(id)
    .first<{ row: string }>();
  return row ? (JSON.parse(row.row) as { title: string }) : null;
}

async function count(sql: string, ...binds: unknown[]) {
  return (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;
}

/**
 * Waits for the first alarm (due at once on start, so it runs by itself) to have pulled and set
 * the next one (at least a second away, where the first was due at once), then holds it.
 */
async function firstPull(puller: Puller, failures: number) {
  await vi.waitFor(
    async () => {
      const s = await peek(puller);
      expect(s.failures).toBe(failures);
      expect(s.inMs).toBeGreaterThan(1_000);
    },
    { timeout: 20_000, interval: 50 },
  );
  return hold(puller);
}

describe('a subscription pulls by itself', { timeout: 90_000 }, () => {
  it('catches up at once, asks again in 2 s while changes come, polls every 10 s when idle, and an edit at the publisher arrives at the next alarm', async () => {
    const s = await subscribed();
    // Nobody asks it to pull: the alarm due at once on start does.
    let next = await firstPull(s.puller, 0);
    expect(await heldStudy(s.id)).toMatchObject({ title: 'Trial' });
    const caughtUp = await subscriptionRow(s.id);
    expect(caughtUp).toMatchObject({ state: 'active', last_error: null });
    expect(caughtUp!.cursor).toBeGreaterThan(0);

    // After the catch-up (changes applied) the next is due in 2 s (unless that one ran by itself
    // already); its pull finds nothing new, so the one after is a 10 s poll.
    if (next.inMs! <= PULL_SCHEDULE.busyMs) {
      expect(await runDurableObjectAlarm(s.puller)).toBe(true);
      next = await hold(s.puller);
    }
    expect(next.inMs).toBeGreaterThan(PULL_SCHEDULE.busyMs);
    expect(next.inMs).toBeLessThanOrEqual(PULL_SCHEDULE.idleMs);

    s.doc.transact(() =>
      (s.doc.getMap(DocRoot.studies).get('s1') as Y.Map<unknown>).set('title', 'Trial, edited'),
    );
    await syncOver(`/api/reconcile/doc/${s.project.id}`, s.owner.cookie, s.doc);
    await exportToD1(s.project.id);
    expect(await runDurableObjectAlarm(s.puller)).toBe(true);
    expect(await heldStudy(s.id)).toMatchObject({ title: 'Trial, edited' });
    const after = await subscriptionRow(s.id);
    expect(after!.cursor).toBeGreaterThan(caughtUp!.cursor);
    // It applied a change: asked again soon.
    const busy = await hold(s.puller);
    expect(busy.inMs).toBeLessThanOrEqual(PULL_SCHEDULE.busyMs);
    // The publisher counts the subscriber as caught up to the new cursor once it asks since it.
    expect(await runDurableObjectAlarm(s.puller)).toBe(true);
    const acked = await env.DB.prepare('SELECT acked_seq FROM share_subscribers WHERE share_id = ?')
      .bind(s.shareId)
      .first<{ acked_seq: number }>();
    expect(acked?.acked_seq).toBe(after!.cursor);
  });
});

describe('a subscription backs off while the publisher fails', { timeout: 90_000 }, () => {
  it('retries after a growing, jittered delay on 503 and on no answer; pull now resets it; a pull that succeeds clears the error', async () => {
    fault = 503;
    const s = await subscribed();
    let now = await firstPull(s.puller, 1);
    const base = PULL_SCHEDULE.retryBaseMs;
    // A margin for the time between setting the alarm and reading it.
    const slack = 2_000;
    expect(now.inMs).toBeGreaterThan(base / 2 - slack);
    expect(now.inMs).toBeLessThanOrEqual(base);
    expect((await subscriptionRow(s.id))!).toMatchObject({
      state: 'active',
      last_error: 'pulling: 503',
      cursor: 0,
    });

    expect(await runDurableObjectAlarm(s.puller)).toBe(true);
    now = await hold(s.puller);
    expect(now.failures).toBe(2);
    expect(now.inMs).toBeGreaterThan(base - slack);
    expect(now.inMs).toBeLessThanOrEqual(2 * base);

    fault = 'unreachable';
    expect(await runDurableObjectAlarm(s.puller)).toBe(true);
    now = await hold(s.puller);
    expect(now.failures).toBe(3);
    expect(now.inMs).toBeGreaterThan(2 * base - slack);
    expect(now.inMs).toBeLessThanOrEqual(4 * base);
    expect((await subscriptionRow(s.id))!.last_error).toBe(`pulling: ${PUBLISHER} did not answer`);
    expect(await heldStudy(s.id)).toBeNull();

    // "Pull now" runs in the object and forgets the failures, whatever it finds.
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    const pulled = await call('POST', `/api/federation/subscriptions/${s.id}/pull`, {
      cookie: admin.cookie,
    });
    expect(pulled.status).toBe(200);
    expect(pulled.json).toMatchObject({ applied: 0, refetched: false });
    expect(Object.keys(pulled.json).sort()).toEqual(['applied', 'refetched', 'subscription']);
    now = await hold(s.puller);
    expect(now.failures).toBe(1);
    expect(now.inMs).toBeLessThanOrEqual(base);

    fault = 'none';
    expect(await runDurableObjectAlarm(s.puller)).toBe(true);
    expect(await heldStudy(s.id)).toMatchObject({ title: 'Trial' });
    expect((await subscriptionRow(s.id))!).toMatchObject({ state: 'active', last_error: null });
    now = await hold(s.puller);
    expect(now.failures).toBe(0);
    expect(now.inMs).toBeLessThanOrEqual(PULL_SCHEDULE.busyMs);
  });
});

describe(
  'a subscription stops, without retrying, on a refusal asking again cannot cure',
  { timeout: 90_000 },
  () => {
    it('401 (a token the publisher does not know): paused, no alarm; pull now with the right token resumes it', async () => {
      const s = await subscribed(false);
      await env.DB.prepare('UPDATE subscriptions SET token = ? WHERE id = ?')
        .bind('X'.repeat(43), s.id)
        .run();
      await s.puller.start(s.id);
      await vi.waitFor(async () => expect((await subscriptionRow(s.id))!.state).toBe('paused'), {
        timeout: 20_000,
        interval: 100,
      });
      expect((await subscriptionRow(s.id))!.last_error).toBe(
        'pulling: 401 FEDERATION_TOKEN_INVALID',
      );
      await vi.waitFor(async () => expect((await peek(s.puller)).inMs).toBeNull());
      expect(await runDurableObjectAlarm(s.puller)).toBe(false);
      expect(await heldStudy(s.id)).toBeNull();

      // An admin acts: the right token back, then pull now — it pulls, resumes, schedules again.
      await env.DB.prepare('UPDATE subscriptions SET token = ? WHERE id = ?')
        .bind(s.token, s.id)
        .run();
      const admin = await signUp('Admin');
      await grantAdmin(admin.email);
      const pulled = await call('POST', `/api/federation/subscriptions/${s.id}/pull`, {
        cookie: admin.cookie,
      });
      expect(pulled.status).toBe(200);
      expect(pulled.json.subscription).toMatchObject({ state: 'active', lastError: null });
      expect(pulled.json.applied).toBeGreaterThan(0);
      expect(await heldStudy(s.id)).toMatchObject({ title: 'Trial' });
      expect((await hold(s.puller)).inMs).not.toBeNull();
    });

    it('410 SHARE_REVOKED: paused with the reason, no alarm, what it holds kept; pull now does not resume it', async () => {
      const s = await subscribed();
      await firstPull(s.puller, 0);
      expect(await heldStudy(s.id)).not.toBeNull();
      const revoked = await call('DELETE', `/api/shares/${s.shareId}`, { cookie: s.owner.cookie });
      expect(revoked.status).toBe(200);
      expect(await runDurableObjectAlarm(s.puller)).toBe(true);
      expect((await subscriptionRow(s.id))!).toMatchObject({
        state: 'paused',
        last_error: 'pulling: 410 SHARE_REVOKED',
      });
      expect((await hold(s.puller)).inMs).toBeNull();
      expect(await runDurableObjectAlarm(s.puller)).toBe(false);
      expect(await heldStudy(s.id)).toMatchObject({ title: 'Trial' });

      const admin = await signUp('Admin');
      await grantAdmin(admin.email);
      const pulled = await call('POST', `/api/federation/subscriptions/${s.id}/pull`, {
        cookie: admin.cookie,
      });
      expect(pulled.status).toBe(200);
      expect(pulled.json.subscription).toMatchObject({
        state: 'paused',
        lastError: 'pulling: 410 SHARE_REVOKED',
      });
      expect((await hold(s.puller)).inMs).toBeNull();
    });
  },
);

describe('DELETE /api/federation/subscriptions/<id>', { timeout: 90_000 }, () => {
  it('stops the object, deletes the subscription and its records, and the publisher drops its subscriber row (the token no longer works); unknown is 404, others 403, no session 401', async () => {
    const s = await subscribed();
    await vi.waitFor(async () => expect(await heldStudy(s.id)).not.toBeNull(), {
      timeout: 20_000,
      interval: 100,
    });
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    const user = await signUp('User');
    const path = `/api/federation/subscriptions/${s.id}`;
    expect((await call('DELETE', path, { cookie: user.cookie })).json.error.code).toBe('FORBIDDEN');
    expect((await call('DELETE', path)).status).toBe(401);
    const missing = await call('DELETE', '/api/federation/subscriptions/nope', {
      cookie: admin.cookie,
    });
    expect([missing.status, missing.json.error.code]).toEqual([404, 'NOT_FOUND']);

    const subscribers = () =>
      count('SELECT count(*) AS n FROM share_subscribers WHERE share_id = ?', s.shareId);
    expect(await subscribers()).toBe(1);
    const res = await call('DELETE', path, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      subscription: { id: s.id, shareId: s.shareId, publisher: { origin: PUBLISHER } },
      publisher: { notified: true, error: null },
    });
    expect(await count('SELECT count(*) AS n FROM subscriptions WHERE id = ?', s.id)).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM received_records WHERE subscription_id = ?', s.id),
    ).toBe(0);
    expect(await subscribers()).toBe(0);
    expect(await hold(s.puller)).toEqual({ inMs: null, failures: null });
    const old = await signedFetch('GET', `/api/federation/v1/shares/${s.shareId}`, {
      key: s.key,
      token: s.token,
    });
    expect(old.status).toBe(401);
    const again = await call('DELETE', path, { cookie: admin.cookie });
    expect(again.status).toBe(404);
  });

  it('succeeds here when the publisher cannot be reached, and says so', async () => {
    const s = await subscribed();
    await vi.waitFor(async () => expect(await heldStudy(s.id)).not.toBeNull(), {
      timeout: 20_000,
      interval: 100,
    });
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    fault = 'unreachable';
    const res = await call('DELETE', `/api/federation/subscriptions/${s.id}`, {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.json.publisher).toEqual({
      notified: false,
      error: `${PUBLISHER} did not answer`,
    });
    expect(await count('SELECT count(*) AS n FROM subscriptions WHERE id = ?', s.id)).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM received_records WHERE subscription_id = ?', s.id),
    ).toBe(0);
    expect((await hold(s.puller)).inMs).toBeNull();
    // The publisher never heard: its subscriber row stays (its lag keeps counting there).
    expect(
      await count('SELECT count(*) AS n FROM share_subscribers WHERE share_id = ?', s.shareId),
    ).toBe(1);
  });
});
