import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, shareChangesSchema, type ShareChanges } from '@corates/shared';
import { call, grantAdmin, signUp } from './api.ts';
import { docContent } from './federation-docs.ts';
import { signedFetch, subscribedServer, type Subscriber } from './federation-peer.ts';
import {
  amstarChecklistId,
  finalizeAppraisal,
  reconciledChecklistId,
  v2Project,
} from './v2-project.ts';

// The publisher's side of a pull: GET /api/federation/v1/shares/<shareId>/changes, signed by the
// subscribed server (requirePeer's refusals are tested in federation-pull-auth). The project is
// written as clients write it (HTTP fallback) and exported to D1 by its ProjectDoc's alarm, which
// is what the route reads. The subscriber's side needs a second server: the two-server e2e.

const changesPath = (sub: Subscriber, since: number, limit?: number) =>
  `/api/federation/v1/shares/${sub.shareId}/changes?since=${since}${limit ? `&limit=${limit}` : ''}`;

async function pull(sub: Subscriber, since: number, limit?: number) {
  return signedFetch('GET', changesPath(sub, since, limit), { key: sub.key, token: sub.token });
}

async function page(sub: Subscriber, since: number, limit?: number): Promise<ShareChanges> {
  const res = await pull(sub, since, limit);
  expect(res.status, await res.clone().text()).toBe(200);
  return shareChangesSchema.parse(await res.json());
}

async function exportToD1(projectId: string) {
  expect(
    await runDurableObjectAlarm(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId))),
  ).toBe(true);
}

const reconciledId = reconciledChecklistId;

/** Both reviewers done, the owner's reconciled checklist finalized, and exported to D1. */
async function finalize(p: Awaited<ReturnType<typeof v2Project>>) {
  await finalizeAppraisal(p);
  await exportToD1(p.project.id);
}

const summary = (changes: ShareChanges['changes']) =>
  changes.map((c) => [
    c.op,
    c.entity,
    c.id,
    c.entity === 'checklist' ? (docContent(c)?.answers.q1 ?? null) : null,
  ]);

describe('GET /api/federation/v1/shares/<shareId>/changes', { timeout: 60_000 }, () => {
  it("serves the shared study and its checklists; a checklist's content only once its appraisal is finalized; then only what changed", async () => {
    const p = await v2Project();
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, {
      projectId: p.project.id,
      studyIds: ['s1'],
    });

    const first = await page(sub, 0);
    expect(first.schemaVersion).toBe(SCHEMA_VERSION);
    expect(first.hasMore).toBe(false);
    // Blinded: the reviewers are still working, so neither's answers go out.
    expect(summary(first.changes)).toEqual([
      ['upsert', 'study', 's1', null],
      ['upsert', 'checklist', p.a, null],
      ['upsert', 'checklist', p.b, null],
    ]);
    expect(first.changes[0]?.row).toMatchObject({ id: 's1', title: 'Trial', year: 2020 });
    // No reviewer ids (the publisher's users) beyond what a checklist's own id is made of.
    expect(first.changes[1]?.row).not.toHaveProperty('reviewerId');
    expect(first.changes[0]?.row).not.toHaveProperty('reviewer1');
    expect(first.checkpoint).toBe(first.changes.at(-1)?.seq);

    // Nothing changed: nothing new, the checkpoint stays, and it is the share's last seq.
    expect(await page(sub, first.checkpoint)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      changes: [],
      checkpoint: first.checkpoint,
      hasMore: false,
      lastSeq: first.checkpoint,
    });
    // Asking since the checkpoint acknowledged it: the subscriber's watermark and last pull.
    const acked = await env.DB.prepare(
      'SELECT acked_seq, last_pull_at FROM share_subscribers WHERE share_id = ?',
    )
      .bind(sub.shareId)
      .first<{ acked_seq: number; last_pull_at: number | null }>();
    expect(acked?.acked_seq).toBe(first.checkpoint);
    expect(acked?.last_pull_at).toBeGreaterThan(Date.now() - 60_000);

    await finalize(p);
    const second = await page(sub, first.checkpoint);
    // The study did not change; the three checklists did, and now carry their answers.
    expect(summary(second.changes)).toEqual([
      ['upsert', 'checklist', amstarChecklistId(p.alice.id), 'yes'],
      ['upsert', 'checklist', amstarChecklistId(p.bob.id), 'no'],
      ['upsert', 'checklist', reconciledId, 'yes'],
    ]);
    expect(second.changes.at(-1)?.row).toMatchObject({ reconciled: true, status: 'finalized' });
    expect(docContent(second.changes[0])).toMatchObject({
      notes: { q1: 'Alice: PICO stated on p. 2' },
    });
    expect(second.changes[0]!.seq).toBeGreaterThan(first.checkpoint);

    // From 0 a new subscriber gets each record once, as it is now, in pages of `limit`.
    const a = await page(sub, 0, 3);
    // A read from 0 (a refetch) does not lower the watermark.
    const after = await env.DB.prepare('SELECT acked_seq FROM share_subscribers WHERE share_id = ?')
      .bind(sub.shareId)
      .first<{ acked_seq: number }>();
    expect(after?.acked_seq).toBe(first.checkpoint);
    expect([a.changes.length, a.hasMore]).toEqual([3, true]);
    const b = await page(sub, a.checkpoint, 3);
    expect([b.changes.length, b.hasMore]).toEqual([1, false]);
    expect(new Set([...a.changes, ...b.changes].map((c) => c.id))).toEqual(
      new Set(['s1', p.a, p.b, reconciledId]),
    );
  });

  it('answers 409 MUST_REFETCH for a cursor beyond the last change or below the tombstone horizon (tombstones older than 30 days are purged)', async () => {
    const p = await v2Project();
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
    const first = await page(sub, 0);
    const n = first.checkpoint;

    const ahead = await pull(sub, n + 5);
    expect([
      ahead.status,
      ((await ahead.json()) as { error: { code: string } }).error.code,
    ]).toEqual([409, 'MUST_REFETCH']);

    // A study that left the share 31 days ago: its tombstone is past the horizon.
    const longAgo = Date.now() - 31 * 24 * 60 * 60 * 1000;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO share_updates (share_id, entity, entity_id, seq, op, row, changed_at)
         VALUES (?, 'study', 'gone', ?, 'leave', NULL, ?)`,
      ).bind(sub.shareId, n + 1, longAgo),
      // Purged by the share's next refresh: the project's next write, or (here) one owed.
      env.DB.prepare('UPDATE shares SET last_seq = ?, source_at = NULL WHERE id = ?').bind(
        n + 1,
        sub.shareId,
      ),
    ]);
    const behind = await pull(sub, n);
    expect([
      behind.status,
      ((await behind.json()) as { error: { code: string } }).error.code,
    ]).toEqual([409, 'MUST_REFETCH']);
    const purged = await env.DB.prepare(
      "SELECT count(*) AS n FROM share_updates WHERE share_id = ? AND op = 'leave'",
    )
      .bind(sub.shareId)
      .first<{ n: number }>();
    expect(purged?.n).toBe(0);
    // At the horizon, and from 0, the share reads on.
    expect((await page(sub, n + 1)).changes).toEqual([]);
    expect((await page(sub, 0)).changes.map((c) => c.id)).toEqual(first.changes.map((c) => c.id));
  });

  it("a revoked share's changes are refused with 410 SHARE_REVOKED; a bad `limit` is 400", async () => {
    const owner = await signUp('Owner');
    await grantAdmin(owner.email);
    const sub = await subscribedServer(owner.cookie);
    const tooMany = await pull(sub, 0, 501);
    expect(tooMany.status).toBe(400);
    const revoked = await call('DELETE', `/api/shares/${sub.shareId}`, { cookie: owner.cookie });
    expect(revoked.status).toBe(200);
    const res = await pull(sub, 0);
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      410,
      'SHARE_REVOKED',
    ]);
  });
});

describe('POST /api/federation/subscriptions/<id>/pull (without a publisher)', () => {
  it('keeps why it could not pull in lastError, the cursor and the records unchanged; an unknown subscription is 404', async () => {
    const admin = await signUp('Admin');
    await grantAdmin(admin.email);
    const publisher = `srv_${crypto.randomUUID().replaceAll('-', '').slice(0, 22)}`;
    const id = crypto.randomUUID();
    // A subscription to a loopback publisher, as only the local-development setting admits: this
    // server runs without it, so the SSRF rule refuses the call before any request is made.
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO servers (id, origin, public_key, schema_min, schema_max) VALUES (?, 'http://127.0.0.1:9', ?, 1, 1)`,
      ).bind(publisher, 'A'.repeat(43)),
      env.DB.prepare(
        `INSERT INTO subscriptions (id, publisher_id, share_id, token, schema_version, cursor)
         VALUES (?, ?, 'share-x', ?, 1, 7)`,
      ).bind(id, publisher, 'T'.repeat(43)),
    ]);
    const res = await call('POST', `/api/federation/subscriptions/${id}/pull`, {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      applied: 0,
      refetched: false,
      subscription: { id, cursor: 7, lastPullAt: null, state: 'active' },
    });
    expect(res.json.subscription.lastError).toMatch(
      /^pulling: not calling http:\/\/127\.0\.0\.1:9/,
    );
    const records = await call('GET', `/api/federation/subscriptions/${id}/records`, {
      cookie: admin.cookie,
    });
    expect([records.status, records.json]).toEqual([200, { studies: [], checklists: [] }]);
    const missing = await call('POST', '/api/federation/subscriptions/nope/pull', {
      cookie: admin.cookie,
    });
    expect([missing.status, missing.json.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
