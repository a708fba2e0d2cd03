import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_SCHEMA_VERSIONS } from '@corates/shared';
import { createDatabase } from '../src/db/client.ts';
import { pullSubscription, REFETCH_MAX_AGE_MS } from '../src/federation/pull.ts';
import { receivedContents } from '../src/federation/received-docs.ts';
import { addMember, call, grantAdmin, signUp } from './api.ts';
import { signedFetch, subscribedServer, type Subscriber } from './federation-peer.ts';
import { finalizeAppraisal, v2Project } from './v2-project.ts';

// The refusals seen from both sides (DESIGN.md "Federation", docs/federation.md): the
// publisher's exact answer, and what the subscriber does with it — SCHEMA_MISMATCH pauses it with
// the reason shown, MUST_REFETCH makes it fetch the share again from 0 and swap it in. Also a
// removed subscriber's old token, B's lag through it all, and the owner routes' answers to
// members who are not owners, removed members and non-members. The worker is both servers: B's subscription names a publisher
// origin whose calls are routed back into this worker's publisher routes (signature, token and
// schema checks, D1), signed with the key the publisher knows B by.

const PUBLISHER = 'https://publisher.test';
/** Rewrites the publisher's answers to B's change requests when a test sets it (else passed on). */
let rewritePage: ((page: Record<string, unknown>) => Record<string, unknown>) | null = null;
/** Sees each of B's change requests before it goes (a test may throw: the publisher unreachable). */
let beforeChanges: ((url: URL) => Promise<void>) | null = null;
const realFetch = globalThis.fetch;

beforeAll(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== PUBLISHER) return realFetch(input, init);
    if (beforeChanges && request.url.includes('/changes?'))
      await beforeChanges(new URL(request.url));
    const answer = await SELF.fetch(request);
    if (!rewritePage || answer.status !== 200 || !request.url.includes('/changes?')) return answer;
    return Response.json(rewritePage((await answer.json()) as Record<string, unknown>));
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

async function exportToD1(projectId: string) {
  expect(
    await runDurableObjectAlarm(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId))),
  ).toBe(true);
}

async function errorOf(res: Response) {
  const { error } = (await res.json()) as { error: { code: string; details?: unknown } };
  return [res.status, error.code, error.details] as const;
}

/**
 * A project (study s1, two checklists) shared whole, a server subscribed to it (`sub`: A knows it
 * by its key), and B's subscription row as subscribing stores it, pulling from PUBLISHER.
 */
async function subscription(opts: { finalized?: boolean; pageLimit?: number } = {}) {
  const p = await v2Project();
  if (opts.finalized) await finalizeAppraisal(p);
  await exportToD1(p.project.id);
  const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
  const publisherId = `srv_${crypto.randomUUID().replaceAll('-', '').slice(0, 22)}`;
  const id = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO servers (id, origin, public_key, schema_min, schema_max) VALUES (?, ?, ?, ?, ?)`,
    ).bind(
      publisherId,
      PUBLISHER,
      'A'.repeat(43),
      SUPPORTED_SCHEMA_VERSIONS.min,
      SUPPORTED_SCHEMA_VERSIONS.max,
    ),
    env.DB.prepare(
      `INSERT INTO subscriptions (id, publisher_id, share_id, token, schema_version, cursor)
       VALUES (?, ?, ?, ?, ?, 0)`,
    ).bind(id, publisherId, sub.shareId, sub.token, SUPPORTED_SCHEMA_VERSIONS.max),
  ]);
  const pull = () =>
    pullSubscription(
      {
        db: createDatabase(env.DB),
        d1: env.DB,
        key: sub.key,
        allowLocal: false,
        now: new Date(),
        env,
        ...(opts.pageLimit ? { pageLimit: opts.pageLimit } : {}),
      },
      id,
    );
  return { p, sub, id, pull };
}

/** What B holds of the share, as entity:id, sorted. */
async function held(id: string) {
  const rows = await env.DB.prepare(
    'SELECT entity, entity_id FROM received_records WHERE subscription_id = ?',
  )
    .bind(id)
    .all<{ entity: string; entity_id: string }>();
  return rows.results.map((r) => `${r.entity}:${r.entity_id}`).sort();
}

const changes = (sub: Subscriber, since: number) =>
  signedFetch('GET', `/api/federation/v1/shares/${sub.shareId}/changes?since=${since}`, {
    key: sub.key,
    token: sub.token,
  });

async function lastSeq(shareId: string) {
  return (await env.DB.prepare('SELECT last_seq AS n FROM shares WHERE id = ?')
    .bind(shareId)
    .first<{ n: number }>())!.n;
}

describe('SCHEMA_MISMATCH both ways', { timeout: 90_000 }, () => {
  it('A refuses a subscriber whose recorded versions no longer overlap (409, details.supported); B pauses with the reason shown; a new redeem with overlapping versions resumes it', async () => {
    const { p, sub, id, pull } = await subscription();
    const first = await pull();
    expect(first.subscription).toMatchObject({ state: 'active', lastError: null });
    const cursor = first.subscription.cursor;
    expect(cursor).toBeGreaterThan(0);
    const before = await held(id);

    // A knows B's versions from the redeem: as if B had been redeemed at versions A does not have.
    await env.DB.prepare('UPDATE servers SET schema_min = 99, schema_max = 99 WHERE id = ?')
      .bind(sub.key.serverId)
      .run();
    expect(await errorOf(await changes(sub, cursor))).toEqual([
      409,
      'SCHEMA_MISMATCH',
      { supported: { ...SUPPORTED_SCHEMA_VERSIONS } },
    ]);

    const refused = await pull();
    expect(refused.outcome).toEqual({ kind: 'failed', status: 409, code: 'SCHEMA_MISMATCH' });
    expect(refused.subscription).toMatchObject({
      state: 'paused',
      cursor,
      lastError: 'pulling: 409 SCHEMA_MISMATCH',
    });
    expect(await held(id)).toEqual(before);
    // The admin's list shows it paused, with the reason.
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    const list = await call('GET', '/api/federation/subscriptions', { cookie: admin.cookie });
    expect(list.json.subscriptions.find((s: { id: string }) => s.id === id)).toMatchObject({
      state: 'paused',
      lastError: 'pulling: 409 SCHEMA_MISMATCH',
    });
    // Asking again changes nothing: A's record of B is what refuses, and only a redeem rewrites it.
    expect((await pull()).subscription).toMatchObject({ state: 'paused', cursor });

    // B subscribes again (a new invite) with versions that overlap: A records them, B keeps its
    // cursor with the new token, and the next pull resumes.
    const invite = await call('POST', `/api/shares/${sub.shareId}/invites`, {
      cookie: p.owner.cookie,
    });
    const redeemed = await signedFetch('POST', '/api/federation/v1/invites/redeem', {
      key: sub.key,
      body: {
        invite: invite.json.invite,
        subscriber: {
          origin: 'https://b.example',
          serverId: sub.key.serverId,
          publicKey: sub.key.publicKeyB64,
          schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
        },
      },
    });
    expect(redeemed.status).toBe(200);
    await env.DB.prepare('UPDATE subscriptions SET token = ? WHERE id = ?')
      .bind(((await redeemed.json()) as { token: string }).token, id)
      .run();
    const resumed = await pull();
    expect(resumed.subscription).toMatchObject({ state: 'active', cursor, lastError: null });
    expect(await held(id)).toEqual(before);
  });

  it('B refuses a page at a schema version it does not support: paused with the version named, nothing applied', async () => {
    const { id, pull } = await subscription();
    rewritePage = (page) => ({ ...page, schemaVersion: SUPPORTED_SCHEMA_VERSIONS.max + 1 });
    try {
      const refused = await pull();
      expect(refused.applied).toBe(0);
      expect(refused.subscription).toMatchObject({
        state: 'paused',
        cursor: 0,
        lastError: `pulling: schema version ${SUPPORTED_SCHEMA_VERSIONS.max + 1}`,
      });
      expect(await held(id)).toEqual([]);
    } finally {
      rewritePage = null;
    }
    // The publisher at a version B supports again (the older side updated): pull now resumes.
    const resumed = await pull();
    expect(resumed.subscription).toMatchObject({ state: 'active', lastError: null });
    expect(resumed.applied).toBeGreaterThan(0);
  });
});

describe('MUST_REFETCH both ways', { timeout: 90_000 }, () => {
  it('A refuses a cursor below its tombstone horizon (409); B fetches the share again from 0 and swaps it in: the record whose tombstone A purged is gone', async () => {
    const { sub, id, pull } = await subscription();
    const first = await pull();
    const n = first.subscription.cursor;
    const shared = await held(id);
    expect(shared).toContain('study:s1');

    // B held a study that left the share 31 days ago; its tombstone (n + 1) is past the horizon,
    // purged by the share's next refresh, so B would never learn that it left.
    const longAgo = Date.now() - 31 * 24 * 60 * 60 * 1000;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO received_records (subscription_id, entity, entity_id, seq, row)
         VALUES (?, 'study', 'gone', ?, '{}')`,
      ).bind(id, n),
      env.DB.prepare(
        `INSERT INTO share_updates (share_id, entity, entity_id, seq, op, row, changed_at)
         VALUES (?, 'study', 'gone', ?, 'leave', NULL, ?)`,
      ).bind(sub.shareId, n + 1, longAgo),
      env.DB.prepare('UPDATE shares SET last_seq = ?, source_at = NULL WHERE id = ?').bind(
        n + 1,
        sub.shareId,
      ),
    ]);
    expect((await errorOf(await changes(sub, n))).slice(0, 2)).toEqual([409, 'MUST_REFETCH']);

    const refetched = await pull();
    expect(refetched.refetched).toBe(true);
    expect(refetched.subscription).toMatchObject({
      state: 'active',
      lastError: null,
      cursor: await lastSeq(sub.shareId),
    });
    expect(await held(id)).toEqual(shared);
    // Its cursor is past the horizon now (the page from 0 reached the log's end, whose last seq
    // is the purged leave's): the next pull reads on, it does not refetch again.
    const next = await pull();
    expect(next.refetched).toBe(false);
    expect(next.subscription).toMatchObject({ state: 'active', lastError: null });
  });

  it('A refuses a cursor beyond its last change (409: a restored publisher); B refetches and holds exactly the share', async () => {
    const { sub, id, pull } = await subscription();
    await pull();
    const shared = await held(id);
    const ahead = (await lastSeq(sub.shareId)) + 5;
    await env.DB.batch([
      env.DB.prepare('UPDATE subscriptions SET cursor = ? WHERE id = ?').bind(ahead, id),
      env.DB.prepare(
        `INSERT INTO received_records (subscription_id, entity, entity_id, seq, row)
         VALUES (?, 'study', 'from-before-the-restore', ?, '{}')`,
      ).bind(id, ahead),
    ]);
    expect((await errorOf(await changes(sub, ahead))).slice(0, 2)).toEqual([409, 'MUST_REFETCH']);
    const refetched = await pull();
    expect(refetched.refetched).toBe(true);
    expect(refetched.subscription).toMatchObject({
      state: 'active',
      lastError: null,
      cursor: await lastSeq(sub.shareId),
    });
    expect(await held(id)).toEqual(shared);
  });
});

describe('a refetch longer than one page', { timeout: 120_000 }, () => {
  /** B's copy being built by a read from 0 under way: its cursor and rows (null, 0, 0: none). */
  async function building(id: string) {
    const row = await env.DB.prepare(
      `SELECT refetch_cursor AS cursor,
         (SELECT count(*) FROM refetch_records WHERE subscription_id = ?1) AS records,
         (SELECT count(*) FROM refetch_checklist_docs WHERE subscription_id = ?1) AS docs
       FROM subscriptions WHERE id = ?1`,
    )
      .bind(id)
      .first<{ cursor: number | null; records: number; docs: number }>();
    return row!;
  }

  it('with the horizon above its first page: continued with refetch=1, B shows the old copy whole until the last page swaps the new one in; a stop after page 1 resumes at the next pull', async () => {
    const { sub, id, pull } = await subscription({ finalized: true, pageLimit: 1 });
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    const records = async () => {
      const res = await call('GET', `/api/federation/subscriptions/${id}/records`, {
        cookie: admin.cookie,
      });
      expect(res.status).toBe(200);
      const body = res.json as {
        studies: { id: string }[];
        checklists: { id: string; content: unknown }[];
      };
      return {
        studies: body.studies.map((s) => s.id).sort(),
        checklists: body.checklists.map((c) => [c.id, c.content !== null] as const).sort(),
      };
    };

    // The first pull, one change a page: a read from 0 over several pages, swapped in at its end.
    const first = await pull();
    const n = first.subscription.cursor;
    const shared = await held(id);
    expect(first.applied).toBe(shared.length);
    expect(shared.length).toBeGreaterThan(3);
    const contents = await receivedContents(env.DB, id);
    expect(contents.size).toBeGreaterThan(0);
    const sharedRecords = await records();
    expect(await building(id)).toEqual({ cursor: null, records: 0, docs: 0 });

    // B's old copy holds a study that left the share 31 days ago; the leave (n + 1) is purged,
    // raising the horizon above every page the refetch will read but its last.
    const s1 = await env.DB.prepare(
      `SELECT row FROM received_records WHERE subscription_id = ? AND entity = 'study' AND entity_id = 's1'`,
    )
      .bind(id)
      .first<{ row: string }>();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO received_records (subscription_id, entity, entity_id, seq, row)
         VALUES (?, 'study', 'gone', ?, ?)`,
      ).bind(id, n, JSON.stringify({ ...JSON.parse(s1!.row), id: 'gone' })),
      env.DB.prepare(
        `INSERT INTO share_updates (share_id, entity, entity_id, seq, op, row, changed_at)
         VALUES (?, 'study', 'gone', ?, 'leave', NULL, ?)`,
      ).bind(sub.shareId, n + 1, Date.now() - 31 * 24 * 60 * 60 * 1000),
      env.DB.prepare('UPDATE shares SET last_seq = ?, source_at = NULL WHERE id = ?').bind(
        n + 1,
        sub.shareId,
      ),
    ]);
    const old = await held(id);
    const oldRecords = await records();
    expect(oldRecords.studies).toEqual([...sharedRecords.studies, 'gone'].sort());

    // The publisher: page 1 from 0 ends below the horizon; its checkpoint as an ordinary cursor is
    // refused, as the continuation of that read it is answered.
    const page = (since: number, extra = '') =>
      signedFetch(
        'GET',
        `/api/federation/v1/shares/${sub.shareId}/changes?since=${since}&limit=1${extra}`,
        { key: sub.key, token: sub.token },
      );
    const head = (await (await page(0)).json()) as { checkpoint: number; hasMore: boolean };
    expect(head.hasMore).toBe(true);
    const [status, code, details] = await errorOf(await page(head.checkpoint));
    expect([status, code]).toEqual([409, 'MUST_REFETCH']);
    expect((details as { horizon: number }).horizon).toBeGreaterThan(head.checkpoint);
    expect((await page(head.checkpoint, '&refetch=1')).status).toBe(200);
    // Past the last seq it stays refused, refetch or not: that log is not the one read from.
    expect((await errorOf(await page(n + 2, '&refetch=1'))).slice(0, 2)).toEqual([
      409,
      'MUST_REFETCH',
    ]);

    // B: refused at its cursor, reads from 0; the publisher is unreachable after page 1.
    const asked: string[] = [];
    beforeChanges = async (url) => {
      asked.push(`${url.searchParams.get('since')}:${url.searchParams.get('refetch') ?? ''}`);
      if (url.searchParams.get('refetch') === '1') throw new Error('publisher unreachable');
    };
    let stopped;
    try {
      stopped = await pull();
    } finally {
      beforeChanges = null;
    }
    expect(asked).toEqual([`${n}:`, '0:', `${head.checkpoint}:1`]);
    expect(stopped.refetched).toBe(true);
    expect(stopped.subscription).toMatchObject({
      cursor: n,
      // Counted from the held copy B still shows (cursor n), not from the copy being built.
      lag: (await lastSeq(sub.shareId)) - n,
      lastError: expect.stringMatching(/did not answer/),
    });
    // Page 1 is kept beside the old copy, which B still shows whole.
    expect(await building(id)).toMatchObject({ cursor: head.checkpoint, records: 1 });
    expect(await held(id)).toEqual(old);
    expect(await records()).toEqual(oldRecords);

    // The next pull resumes at page 2 (never from 0 again), each page continuing the read; while
    // it runs B still shows the old copy whole; its last page swaps the new copy in.
    const seen: string[] = [];
    beforeChanges = async (url) => {
      seen.push(`${url.searchParams.get('since')}:${url.searchParams.get('refetch') ?? ''}`);
      expect(await records()).toEqual(oldRecords);
      expect(await held(id)).toEqual(old);
    };
    let resumed;
    try {
      resumed = await pull();
    } finally {
      beforeChanges = null;
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[0]).toBe(`${head.checkpoint}:1`);
    expect(seen.every((s) => s.endsWith(':1') && !s.startsWith('0:'))).toBe(true);
    expect(resumed.refetched).toBe(false);
    expect(resumed.subscription).toMatchObject({
      state: 'active',
      lastError: null,
      cursor: await lastSeq(sub.shareId),
      lag: 0,
    });
    expect(await held(id)).toEqual(shared);
    expect(await records()).toEqual(sharedRecords);
    expect(await receivedContents(env.DB, id)).toEqual(contents);
    expect(await building(id)).toEqual({ cursor: null, records: 0, docs: 0 });
    // Its cursor is the log's end, past the horizon: the next pull reads on.
    const next = await pull();
    expect(next.refetched).toBe(false);
    expect(next.subscription.lastError).toBeNull();
  });

  it('a read from 0 left unfinished longer than REFETCH_MAX_AGE_MS starts again from 0', async () => {
    const { id, pull } = await subscription({ pageLimit: 1 });
    await pull();
    const shared = await held(id);
    // As a read from 0 stopped after its first page, long ago.
    await env.DB.prepare(
      `UPDATE subscriptions SET refetch_cursor = 1, refetch_started_at = ? WHERE id = ?`,
    )
      .bind(Date.now() - REFETCH_MAX_AGE_MS - 60_000, id)
      .run();
    const asked: string[] = [];
    beforeChanges = async (url) => {
      asked.push(`${url.searchParams.get('since')}:${url.searchParams.get('refetch') ?? ''}`);
    };
    try {
      await pull();
    } finally {
      beforeChanges = null;
    }
    expect(asked[0]).toBe('0:');
    expect(asked.slice(1).every((s) => s.endsWith(':1'))).toBe(true);
    expect(await held(id)).toEqual(shared);
    expect(await building(id)).toEqual({ cursor: null, records: 0, docs: 0 });
  });
});

describe("B's lag: the publisher's last seq beside the cursor", { timeout: 120_000 }, () => {
  it('is unknown before the first pull; > 0 after a pull that stopped with more to read (counted from the held copy while a read from 0 builds); 0 after the catch-up; unknown from a publisher that does not say its last seq', async () => {
    const { p, sub, id, pull } = await subscription({ pageLimit: 1 });
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    const listed = async () => {
      const res = await call('GET', '/api/federation/subscriptions', { cookie: admin.cookie });
      expect(res.status).toBe(200);
      return (
        res.json as { subscriptions: { id: string; cursor: number; lag: number | null }[] }
      ).subscriptions.find((s) => s.id === id)!;
    };
    expect(await listed()).toMatchObject({ cursor: 0, lag: null });

    // The publisher says its last seq on every page, the first of several included.
    const head = (await (
      await signedFetch('GET', `/api/federation/v1/shares/${sub.shareId}/changes?since=0&limit=1`, {
        key: sub.key,
        token: sub.token,
      })
    ).json()) as { checkpoint: number; hasMore: boolean; lastSeq: number };
    const last = await lastSeq(sub.shareId);
    expect(head).toMatchObject({ hasMore: true, lastSeq: last });
    expect(head.checkpoint).toBeLessThan(last);

    /** A pull during which the publisher is unreachable after the first page it answers. */
    const pullOnePage = async () => {
      let asked = 0;
      beforeChanges = async () => {
        if (++asked > 1) throw new Error('publisher unreachable');
      };
      try {
        return await pull();
      } finally {
        beforeChanges = null;
      }
    };

    // The first pull stops after page 1 of its read from 0: B shows nothing yet (the copy being
    // built is not shown), so it lags by the whole log, not by what the built copy lacks.
    const first = await pullOnePage();
    expect(first.subscription).toMatchObject({ cursor: 0, lag: last });
    expect(first.subscription.lastError).not.toBeNull();
    const caughtUp = await pull();
    expect(caughtUp.subscription).toMatchObject({ cursor: last, lag: 0, lastError: null });
    expect(await listed()).toMatchObject({ cursor: last, lag: 0 });

    // Changes at A (the appraisal's result: several checklists), read one page at a time.
    await finalizeAppraisal(p);
    await exportToD1(p.project.id);
    expect((await lastSeq(sub.shareId)) - last).toBeGreaterThan(1);
    const behind = await pullOnePage();
    const now = await lastSeq(sub.shareId);
    expect(behind.subscription.cursor).toBeGreaterThan(last);
    expect(behind.subscription.lag).toBe(now - behind.subscription.cursor);
    expect(behind.subscription.lag).toBeGreaterThan(0);
    expect(await listed()).toMatchObject({ lag: now - behind.subscription.cursor });
    expect((await pull()).subscription).toMatchObject({ cursor: now, lag: 0, lastError: null });

    // A publisher that does not send lastSeq: the lag is unknown, not guessed from the cursor.
    rewritePage = (page) => {
      const { lastSeq: _dropped, ...older } = page;
      return older;
    };
    try {
      expect((await pull()).subscription).toMatchObject({ cursor: now, lag: null });
    } finally {
      rewritePage = null;
    }
    expect((await pull()).subscription).toMatchObject({ cursor: now, lag: 0 });
  });
});

describe('a removed subscriber', () => {
  it('is refused with its old token once it unsubscribed (401 FEDERATION_TOKEN_INVALID), on every share route', async () => {
    const owner = await signUp('Owner');
    const sub = await subscribedServer(owner.cookie);
    const path = `/api/federation/v1/shares/${sub.shareId}`;
    const gone = await signedFetch('DELETE', `${path}/subscription`, {
      key: sub.key,
      token: sub.token,
    });
    expect(gone.status).toBe(204);
    for (const [method, route] of [
      ['GET', path],
      ['GET', `${path}/changes?since=0`],
      ['DELETE', `${path}/subscription`],
    ] as const) {
      const res = await signedFetch(method, route, { key: sub.key, token: sub.token });
      expect([route, ...(await errorOf(res)).slice(0, 2)]).toEqual([
        route,
        401,
        'FEDERATION_TOKEN_INVALID',
      ]);
    }
  });
});

describe("the owner's share routes, asked by others", () => {
  it('a member who is not an owner gets 403 FORBIDDEN; a removed member, a non-member and a platform admin 404 NOT_FOUND; no session 401', async () => {
    const p = await v2Project();
    const [removed, outsider, admin] = await Promise.all([
      signUp('Removed'),
      signUp('Outsider'),
      signUp('Admin'),
    ]);
    await grantAdmin(admin.email);
    const share = await call('POST', `/api/projects/${p.project.id}/shares`, {
      cookie: p.owner.cookie,
      body: { mode: 'read' },
    });
    expect(share.status).toBe(201);
    const members = `/api/projects/${p.project.id}/members`;
    await addMember(p.owner.cookie, p.project.id, removed.email, 'editor');
    expect(
      (await call('DELETE', `${members}/${removed.id}`, { cookie: p.owner.cookie })).status,
    ).toBeLessThan(300);

    const s = `/api/shares/${share.json.id}`;
    const routes: [string, string, unknown?][] = [
      ['GET', s],
      ['PATCH', s, { status: 'paused' }],
      ['GET', `${s}/graph`],
      ['POST', `${s}/invites`],
      ['DELETE', s],
    ];
    const got: string[] = [];
    for (const [method, path, body] of routes) {
      for (const [who, cookie] of [
        ['editor', p.alice.cookie],
        ['removed', removed.cookie],
        ['outsider', outsider.cookie],
        ['admin', admin.cookie],
        ['anonymous', undefined],
      ] as const) {
        const res = await call(method, path, { ...(cookie ? { cookie } : {}), body });
        got.push(`${method} ${path} ${who}: ${res.status} ${res.json?.error?.code}`);
      }
    }
    const want = routes.flatMap(([method, path]) => [
      `${method} ${path} editor: 403 FORBIDDEN`,
      `${method} ${path} removed: 404 NOT_FOUND`,
      `${method} ${path} outsider: 404 NOT_FOUND`,
      `${method} ${path} admin: 404 NOT_FOUND`,
      `${method} ${path} anonymous: 401 UNAUTHENTICATED`,
    ]);
    expect(got).toEqual(want);
    // Nothing they asked for happened: the share is still active.
    const mine = await call('GET', s, { cookie: p.owner.cookie });
    expect(mine.json).toMatchObject({ status: 'active' });
  });
});
