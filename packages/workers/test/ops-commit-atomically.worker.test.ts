// A batch of ops is read once, planned in memory and committed as one D1 transaction with each op's
// result (src/domain/mutations). These tests cover what that design must guarantee under races and
// crashes; the chaos test (packages/web/e2e/sync-chaos.e2e.ts) drives the same paths with real traffic.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/client.ts';
import { commitPlan, lostRace } from '../src/domain/mutations/commit.ts';
import { keysOf } from '../src/domain/mutations/keys.ts';
import { loadWorld } from '../src/domain/mutations/load-world.ts';
import { planBatch } from '../src/domain/mutations/plan.ts';
import type { Mutation } from '../src/domain/mutations/rules.ts';
import { addMember, call, createProject, signUp } from './api.ts';

const op = (type: string, payload: unknown) => ({
  id: crypto.randomUUID(),
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});

const sync = (cookie: string, ops: unknown[]) =>
  call('POST', '/api/sync/ops', { cookie, body: { ops } });

async function project(cookie: string, id: string) {
  return (await call('GET', `/api/projects/${id}`, { cookie })).json as {
    name: string;
    description: string;
    version: number;
  };
}

async function storedOps(ids: string[]) {
  const rows = await env.DB.prepare(
    `SELECT id, status FROM applied_ops WHERE id IN (SELECT value FROM json_each(?))`,
  )
    .bind(JSON.stringify(ids))
    .all<{ id: string; status: string }>();
  return new Map(rows.results.map((r) => [r.id, r.status]));
}

describe('a batch commits whole or not at all', () => {
  it('[B11] a plan whose rows changed after it read them commits nothing, and says it lost a race', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const db = createDatabase(env.DB);
    const caller = { id: u.id, email: u.email, name: u.name };
    const mutation: Mutation = {
      type: 'project.update',
      payload: { id: p.id, name: 'Stale plan' },
    };
    const keys = keysOf(caller, [mutation]);
    const { world, stored, seen } = await loadWorld(db, keys, ['op-stale']);
    const plan = planBatch(
      world,
      caller,
      [{ op: { id: 'op-stale', type: mutation.type }, mutation }],
      undefined,
      stored,
    );
    expect(plan.steps).toHaveLength(1);
    // Someone else renames the project between this plan's read and its commit.
    const other = await call('PATCH', `/api/projects/${p.id}`, {
      cookie: u.cookie,
      body: { description: 'meanwhile' },
    });
    expect(other.status).toBe(200);
    const error = await commitPlan(db, keys, seen, plan.steps, u.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(lostRace(error)).toBe(true);
    expect(await project(u.cookie, p.id)).toMatchObject({
      name: 'Review of reviews',
      description: 'meanwhile',
      version: 2,
    });
    expect((await storedOps(['op-stale'])).size).toBe(0);
    // No guard row is left behind.
    const guards = await env.DB.prepare('SELECT count(*) AS n FROM commit_guards').first<{
      n: number;
    }>();
    expect(guards?.n).toBe(0);
  });

  it('[B10] the same plan commits when nothing changed', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const db = createDatabase(env.DB);
    const caller = { id: u.id, email: u.email, name: u.name };
    const mutation: Mutation = {
      type: 'project.update',
      payload: { id: p.id, name: 'Fresh plan' },
    };
    const keys = keysOf(caller, [mutation]);
    const opId = crypto.randomUUID();
    const { world, stored, seen } = await loadWorld(db, keys, [opId]);
    const plan = planBatch(
      world,
      caller,
      [{ op: { id: opId, type: mutation.type }, mutation }],
      undefined,
      stored,
    );
    await commitPlan(db, keys, seen, plan.steps, u.id);
    expect(await project(u.cookie, p.id)).toMatchObject({ name: 'Fresh plan', version: 2 });
    expect((await storedOps([opId])).get(opId)).toBe('applied');
  });

  it('[B8] an op stored by an older build without its result is answered duplicate, not run again', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const rename = op('project.update', { id: p.id, name: 'Never again' });
    await env.DB.prepare(
      "INSERT INTO applied_ops (id, user_id, type, status) VALUES (?, ?, 'project.update', 'committed')",
    )
      .bind(rename.id, u.id)
      .run();
    const res = await sync(u.cookie, [rename]);
    expect(res.json.results).toEqual([{ id: rename.id, status: 'duplicate' }]);
    expect(await project(u.cookie, p.id)).toMatchObject({ version: 1 });
  });

  it('[B8] every op of a batch records its own result, refusals included', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const ops = [
      op('project.update', { id: p.id, name: 'Renamed' }),
      op('member.remove', { projectId: p.id, userId: u.id }), // the last owner: refused
      op('project.no-such-op', {}),
      op('settings.update', { changes: { showGuidance: false } }),
      op('project.delete', { id: p.id }),
    ];
    const res = await sync(u.cookie, ops);
    const statuses = ['applied', 'rejected', 'rejected', 'applied', 'applied'];
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(statuses);
    const stored = await storedOps(ops.map((o) => o.id));
    expect(ops.map((o) => stored.get(o.id))).toEqual(statuses);
    // A repeat of the whole batch gets each first result back and changes nothing.
    const again = await sync(u.cookie, ops);
    expect(again.json.results.map((r: { status: string }) => r.status)).toEqual(
      statuses.map(() => 'duplicate'),
    );
    expect(again.json.results[1]).toMatchObject({ code: 'LAST_OWNER' });
  });
});

describe('concurrent batches on one project', () => {
  it('[B11] ten renames sent at once all apply, each once, in some order', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const renames = Array.from({ length: 10 }, (_, i) =>
      op('project.update', { id: p.id, name: `Name ${i}` }),
    );
    const answers = await Promise.all(renames.map((r) => sync(u.cookie, [r])));
    for (const a of answers) expect(a.json.results[0].status).toBe('applied');
    // Each answer saw a distinct version: no two commits were planned on the same row.
    const versions = answers.map((a) => a.json.results[0].row.version as number);
    expect(new Set(versions).size).toBe(10);
    expect((await project(u.cookie, p.id)).version).toBe(11);
  });

  it('[B11] two owners demoting each other at once: one wins, the project keeps an owner', async () => {
    const a = await signUp();
    const b = await signUp();
    const p = await createProject(a.cookie);
    await addMember(a.cookie, p.id, b.email, 'owner');
    const [byA, byB] = await Promise.all([
      sync(a.cookie, [op('member.setRole', { projectId: p.id, userId: b.id, role: 'editor' })]),
      sync(b.cookie, [op('member.setRole', { projectId: p.id, userId: a.id, role: 'editor' })]),
    ]);
    const statuses = [byA.json.results[0].status, byB.json.results[0].status].sort();
    expect(statuses).toEqual(['applied', 'rejected']);
    const members = await call('GET', `/api/projects/${p.id}/members`, { cookie: a.cookie });
    const owners = (members.json.members as { role: string }[]).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('[B8] the same batch sent four times at once applies once; the others get its results', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const batch = [
      op('project.update', { id: p.id, description: 'once' }),
      op('settings.update', { changes: { theme: 'dark' } }),
    ];
    const answers = await Promise.all([1, 2, 3, 4].map(() => sync(u.cookie, batch)));
    const firsts = answers.map((a) => a.json.results[0].status as string);
    expect(firsts.filter((s) => s === 'applied')).toHaveLength(1);
    expect(firsts.filter((s) => s === 'duplicate')).toHaveLength(3);
    for (const a of answers) expect(a.json.results[0].row.description).toBe('once');
    expect((await project(u.cookie, p.id)).version).toBe(2);
  });
});
