// Found by the sync chaos test (packages/web/e2e/sync-chaos.e2e.ts): a Worker killed in the middle
// of a batch left its op claims `pending` forever, and every retry of those ops was answered
// `duplicate` ("already being applied") — the client dropped them as done and they were lost.
// A claim now says whether the op's write committed (in the same transaction as the write).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createDatabase } from '../src/db/client.ts';
import { projects } from '../src/db/schema.ts';
import { changeRole } from '../src/domain/members.ts';
import { committingClaim } from '../src/domain/ops.ts';
import { call, createProject, signUp } from './api.ts';

const op = (type: string, payload: unknown) => ({
  id: crypto.randomUUID(),
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});

/** The row a request leaves behind when the Worker dies after claiming the op. */
async function leftClaim(id: string, userId: string, status: string, ageMs: number) {
  await env.DB.prepare(
    'INSERT INTO applied_ops (id, user_id, type, status, created_at) VALUES (?, ?, ?, ?, ?)',
  )
    .bind(id, userId, 'project.update', status, Date.now() - ageMs)
    .run();
}

async function project(cookie: string, id: string) {
  return (await call('GET', `/api/projects/${id}`, { cookie })).json as {
    name: string;
    version: number;
  };
}

describe('op claims left by a crashed request', () => {
  it('an abandoned claim (nothing committed) is taken over and the op runs once', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const rename = op('project.update', { id: p.id, name: 'After the crash' });
    await leftClaim(rename.id, u.id, 'pending', 60_000);
    const res = await call('POST', '/api/sync/ops', { cookie: u.cookie, body: { ops: [rename] } });
    expect(res.json.results).toMatchObject([{ id: rename.id, status: 'applied' }]);
    expect(await project(u.cookie, p.id)).toMatchObject({ name: 'After the crash', version: 2 });
    const again = await call('POST', '/api/sync/ops', {
      cookie: u.cookie,
      body: { ops: [rename] },
    });
    expect(again.json.results[0].status).toBe('duplicate');
    expect((await project(u.cookie, p.id)).version).toBe(2);
  });

  it('a claim another request may still be running is not answered: the op and the rest wait', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const before = op('settings.update', { changes: { theme: 'dark' } });
    const busy = op('project.update', { id: p.id, name: 'Busy' });
    const afterIt = op('project.update', { id: p.id, name: 'After' });
    await leftClaim(busy.id, u.id, 'pending', 0);
    const res = await call('POST', '/api/sync/ops', {
      cookie: u.cookie,
      body: { ops: [before, busy, afterIt] },
    });
    expect(res.status).toBe(200);
    // Answered up to the busy op only; the client sends the busy op and the rest again.
    expect(res.json.results).toMatchObject([{ id: before.id, status: 'applied' }]);
    expect(await project(u.cookie, p.id)).toMatchObject({ version: 1 });
  });

  it('a claim whose write committed but whose result was lost is answered as applied, not run again', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const rename = op('project.update', { id: p.id, name: 'Never again' });
    await leftClaim(rename.id, u.id, 'committed', 60_000);
    const res = await call('POST', '/api/sync/ops', { cookie: u.cookie, body: { ops: [rename] } });
    expect(res.json.results).toMatchObject([{ id: rename.id, status: 'duplicate' }]);
    expect(res.json.results[0].code).toBeUndefined();
    expect(await project(u.cookie, p.id)).toMatchObject({ version: 1 });
  });

  it('ops whose writes commit their claim still apply and record their result', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const ops = [
      op('project.update', { id: p.id, name: 'Renamed' }),
      op('project.delete', { id: p.id }),
      op('settings.update', { changes: { showGuidance: false } }),
    ];
    const res = await call('POST', '/api/sync/ops', { cookie: u.cookie, body: { ops } });
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const rows = await env.DB.prepare(`SELECT status FROM applied_ops WHERE id IN (?, ?, ?)`)
      .bind(...ops.map((o) => o.id))
      .all<{ status: string }>();
    expect(rows.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });
});

// Found by the chaos test too: a refused setRole (the last owner) whose Worker died before its
// result was stored had turned its claim `committed`, and the retry reported it applied.
describe('a claim turns committed only when the write changed something', () => {
  async function claimStatus(id: string) {
    const row = await env.DB.prepare('SELECT status FROM applied_ops WHERE id = ?')
      .bind(id)
      .first<{ status: string }>();
    return row?.status;
  }

  it('a conditional write that matched no row leaves the claim pending; one that did commits it', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const db = createDatabase(env.DB);
    const [refused, applied] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [refused, applied]) await leftClaim(id, u.id, 'pending', 0);
    const rename = (id: string, version: number) =>
      committingClaim(db, id).batch([
        db
          .update(projects)
          .set({ name: `v${version}` })
          .where(and(eq(projects.id, p.id), eq(projects.version, version))),
      ]);
    await rename(refused, 99); // a stale ifVersion: no row matches
    await rename(applied, 1);
    expect(await claimStatus(refused)).toBe('pending');
    expect(await claimStatus(applied)).toBe('committed');
    expect(await project(u.cookie, p.id)).toMatchObject({ name: 'v1' });
  });

  it('a refused demotion of the last owner leaves the claim pending', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const db = createDatabase(env.DB);
    const id = crypto.randomUUID();
    await leftClaim(id, u.id, 'pending', 0);
    await expect(changeRole(committingClaim(db, id), u.id, p.id, u.id, 'editor')).rejects.toThrow(
      /at least one owner/,
    );
    expect(await claimStatus(id)).toBe('pending');
  });
});
