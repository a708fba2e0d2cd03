import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMember, call, createProject, signUp } from './api.ts';

const op = (type: string, payload: unknown, id: string = crypto.randomUUID()) => ({
  id,
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});
const sync = (cookie: string, ops: unknown[]) =>
  call('POST', '/api/sync/ops', { cookie, body: { ops } });

async function pullAll(cookie: string, since = '0', limit = 500) {
  const changes: { entity: string; id: string; op: string; row?: Record<string, unknown> }[] = [];
  let cursor = since;
  for (;;) {
    const res = await call('GET', `/api/sync/pull?since=${cursor}&limit=${limit}`, { cookie });
    expect(res.status).toBe(200);
    changes.push(...res.json.changes);
    cursor = res.json.checkpoint;
    if (!res.json.hasMore) return { changes, cursor };
  }
}

describe('POST /api/sync/ops', () => {
  it('[B4] applies ops in order and returns a checkpoint', async () => {
    const u = await signUp();
    const id = crypto.randomUUID();
    const res = await sync(u.cookie, [
      op('project.create', { id, name: 'Offline made' }),
      op('project.update', { id, name: 'Renamed offline' }),
      op('settings.update', { patch: { theme: 'dark' } }),
    ]);
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(res.json.results[1].row).toMatchObject({ id, name: 'Renamed offline', version: 2 });
    expect(Number(res.json.checkpoint)).toBeGreaterThan(0);
  });

  it('[B8] the same op id twice returns the first result and changes nothing (also concurrently)', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const rename = op('project.update', { id: p.id, name: 'Once' });
    const first = await sync(u.cookie, [rename]);
    const again = await sync(u.cookie, [rename]);
    expect(first.json.results[0].status).toBe('applied');
    expect(again.json.results[0]).toMatchObject({
      status: 'duplicate',
      row: first.json.results[0].row,
    });

    const concurrent = op('project.update', { id: p.id, description: 'concurrent' });
    const answers = await Promise.all([1, 2, 3, 4].map(() => sync(u.cookie, [concurrent])));
    const statuses = answers.map((a) => a.json.results[0].status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    const project = await call('GET', `/api/projects/${p.id}`, { cookie: u.cookie });
    expect(project.json.version).toBe(3); // created 1, 'Once' 2, 'concurrent' 3 — not 6
  });

  it("[B9] refuses another user's op id", async () => {
    const a = await signUp();
    const b = await signUp();
    const shared = op('settings.update', { patch: { theme: 'dark' } });
    await sync(a.cookie, [shared]);
    const res = await sync(b.cookie, [shared]);
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('[B6] last writer wins per field, in server order', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    await sync(u.cookie, [op('project.update', { id: p.id, name: 'Name from device A' })]);
    await sync(u.cookie, [
      op('project.update', { id: p.id, description: 'Description from device B' }),
    ]);
    await sync(u.cookie, [op('project.update', { id: p.id, name: 'Name from device C' })]);
    const project = await call('GET', `/api/projects/${p.id}`, { cookie: u.cookie });
    expect(project.json).toMatchObject({
      name: 'Name from device C',
      description: 'Description from device B',
    });
  });

  it('[B6] ifVersion turns a stale write into a conflict carrying the current row', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    await sync(u.cookie, [op('project.update', { id: p.id, name: 'Newer', ifVersion: 1 })]);
    const stale = await sync(u.cookie, [
      op('project.update', { id: p.id, name: 'Stale', ifVersion: 1 }),
    ]);
    expect(stale.json.results[0]).toMatchObject({
      status: 'conflict',
      code: 'CONFLICT',
      row: { name: 'Newer', version: 2 },
    });
  });

  it('[B2] [B5] one bad op is rejected with its code; the others still apply', async () => {
    const owner = await signUp();
    const viewer = await signUp();
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, viewer.email, 'viewer');
    const res = await sync(viewer.cookie, [
      op('settings.update', { patch: { theme: 'light' } }),
      op('project.update', { id: p.id, name: 'viewer rename' }),
      op('project.teleport', {}),
      op('project.create', { id: 'not-a-uuid', name: 'x' }),
      op('member.setRole', { projectId: p.id, userId: owner.id, role: 'viewer' }),
      op('settings.update', { patch: { showGuidance: false } }),
    ]);
    expect(res.status).toBe(200);
    expect(
      res.json.results.map((r: { status: string; code?: string }) => [r.status, r.code]),
    ).toEqual([
      ['applied', undefined],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'VALIDATION_FAILED'],
      ['rejected', 'VALIDATION_FAILED'],
      ['rejected', 'FORBIDDEN'],
      ['applied', undefined],
    ]);
    expect((await call('GET', '/api/me/settings', { cookie: viewer.cookie })).json).toMatchObject({
      theme: 'light',
      showGuidance: false,
    });
  });

  it('[B6] keeps the last-owner rule', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const res = await sync(u.cookie, [op('member.remove', { projectId: p.id, userId: u.id })]);
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'LAST_OWNER' });
  });

  const valid = () => op('settings.update', { patch: { theme: 'dark' } });
  it.each([
    ['no ops', () => ({ ops: [] })],
    ['101 ops', (v: unknown) => ({ ops: [v, ...Array.from({ length: 100 }, valid)] })],
    [
      'an op without an id',
      (v: unknown) => ({
        ops: [
          v,
          {
            type: 'settings.update',
            payload: {},
            clientVersion: '0.1.0',
            createdAt: new Date().toISOString(),
          },
        ],
      }),
    ],
    [
      'a non-uuid op id',
      (v: unknown) => ({ ops: [v, op('settings.update', { patch: { theme: 'dark' } }, 'op-1')] }),
    ],
    ['a bad clientVersion', (v: unknown) => ({ ops: [v, { ...valid(), clientVersion: 'new' }] })],
    ['unknown top-level fields', (v: unknown) => ({ ops: [v], extra: 1 })],
  ])('[B1] a malformed batch (%s) is a 400 and applies nothing', async (_, makeBody) => {
    const u = await signUp();
    const first = valid();
    const res = await call('POST', '/api/sync/ops', { cookie: u.cookie, body: makeBody(first) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    const applied = await env.DB.prepare('SELECT count(*) AS n FROM applied_ops WHERE id = ?')
      .bind(first.id)
      .first<{ n: number }>();
    expect(applied?.n).toBe(0);
  });

  it('[B1] refuses a batch over 256 KiB with 413', async () => {
    const u = await signUp();
    const big = Array.from({ length: 90 }, () =>
      op('project.create', { id: crypto.randomUUID(), name: 'x', description: 'y'.repeat(1990) }),
    );
    const res = await call('POST', '/api/sync/ops', {
      cookie: u.cookie,
      rawBody: JSON.stringify({ ops: [...big, ...big] }),
    });
    expect(res.status).toBe(413);
  });
});

describe('GET /api/sync/pull', () => {
  it('pages through changes with a monotonic cursor and collapses repeats', async () => {
    const u = await signUp();
    for (let i = 0; i < 7; i++) await createProject(u.cookie, `Project ${i}`);
    const { changes, cursor } = await pullAll(u.cookie, '0', 3);
    const projects = changes.filter((c) => c.entity === 'project');
    expect(new Set(projects.map((c) => c.id)).size).toBe(7);
    const again = await call('GET', `/api/sync/pull?since=${cursor}`, { cookie: u.cookie });
    expect(again.json).toEqual({ changes: [], checkpoint: cursor, hasMore: false });
  });

  it('only returns rows the caller may read, and tombstones a project the caller lost', async () => {
    const owner = await signUp();
    const member = await signUp();
    const stranger = await signUp();
    const p = await createProject(owner.cookie, 'Shared');
    await addMember(owner.cookie, p.id, member.email, 'editor');
    const before = await pullAll(member.cookie);
    expect(before.changes.find((c) => c.entity === 'project' && c.id === p.id)).toMatchObject({
      op: 'upsert',
      row: { name: 'Shared', role: 'editor' },
    });
    expect(
      before.changes
        .filter((c) => c.entity === 'membership')
        .map((c) => c.id)
        .sort(),
    ).toEqual([`${p.id}:${member.id}`, `${p.id}:${owner.id}`].sort());
    expect((await pullAll(stranger.cookie)).changes.some((c) => c.id === p.id)).toBe(false);

    await call('DELETE', `/api/projects/${p.id}/members/${member.id}`, { cookie: owner.cookie });
    await call('PATCH', `/api/projects/${p.id}`, {
      cookie: owner.cookie,
      body: { name: 'Secret new name' },
    });
    const after = await pullAll(member.cookie, before.cursor);
    expect(after.changes).toEqual([
      { entity: 'project', id: p.id, op: 'delete', version: expect.any(Number) },
    ]);
  });

  it('a deleted project becomes a tombstone for every member', async () => {
    const owner = await signUp();
    const member = await signUp();
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, member.email, 'viewer');
    const { cursor } = await pullAll(member.cookie);
    await call('DELETE', `/api/projects/${p.id}`, { cookie: owner.cookie });
    for (const who of [owner, member]) {
      const res = await pullAll(who.cookie, cursor);
      expect(res.changes.find((c) => c.id === p.id)?.op).toBe('delete');
    }
  });

  it('rejects a cursor that is not a number', async () => {
    const u = await signUp();
    expect(
      (await call('GET', '/api/sync/pull?since=2026-01-01', { cookie: u.cookie })).status,
    ).toBe(400);
    expect((await call('GET', '/api/sync/pull?limit=5000', { cookie: u.cookie })).status).toBe(400);
  });
});
