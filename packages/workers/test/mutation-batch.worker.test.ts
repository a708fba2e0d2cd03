// Rules of the mutation batch (src/domain/mutations/SPEC.md) that no other test file covers on
// real D1 and R2: a full batch, the checkpoint, a commit failing part-way, coalesced writes, and
// outside work re-issued by a repeat.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { createDatabase } from '../src/db/client.ts';
import { commitPlan, lostRace } from '../src/domain/mutations/commit.ts';
import { keysOf } from '../src/domain/mutations/keys.ts';
import { loadWorld } from '../src/domain/mutations/load-world.ts';
import { planBatch } from '../src/domain/mutations/plan.ts';
import type { Mutation } from '../src/domain/mutations/rules.ts';
import { call, createProject, signUp } from './api.ts';

type User = Awaited<ReturnType<typeof signUp>>;

const op = (type: string, payload: unknown, id: string = crypto.randomUUID()) => ({
  id,
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});

const sync = (cookie: string, ops: unknown[]) =>
  call('POST', '/api/sync/ops', { cookie, body: { ops } });

const statuses = (res: { json: { results: { status: string }[] } }) =>
  res.json.results.map((r) => r.status);

/**
 * Plans `mutation` as op `opId` and commits it the way run-mutations.ts does, but stops there:
 * the outside work never runs, as when the Worker dies between the commit and the effects.
 * `meanwhile` runs between the read and the commit.
 */
async function commitOnly(
  u: User,
  opId: string,
  mutation: Mutation,
  meanwhile?: () => Promise<void>,
) {
  const db = createDatabase(env.DB);
  const caller = { id: u.id, email: u.email, name: u.name };
  const keys = keysOf(caller, [mutation]);
  const { world, stored, seen } = await loadWorld(db, keys, [opId]);
  const plan = planBatch(
    world,
    caller,
    [{ op: { id: opId, type: mutation.type }, mutation }],
    undefined,
    stored,
  );
  await meanwhile?.();
  await commitPlan(db, keys, seen, plan.steps, u.id);
}

async function pull(cookie: string, since: string) {
  const res = await call('GET', `/api/sync/pull?since=${since}&limit=1000`, { cookie });
  expect(res.status).toBe(200);
  return res.json as { changes: { entity: string; id: string }[]; checkpoint: string };
}

describe('the mutation batch on D1', () => {
  it('[B1] a full batch of 100 ops commits in one go, each op with its record', async () => {
    const u = await signUp();
    const ops = Array.from({ length: 100 }, (_, i) =>
      op('project.create', { id: crypto.randomUUID(), name: `Project ${i}` }),
    );
    const res = await sync(u.cookie, ops);
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(ops.map(() => 'applied'));
    const records = await env.DB.prepare(
      `SELECT count(*) AS n FROM applied_ops WHERE user_id = ? AND status = 'applied'`,
    )
      .bind(u.id)
      .first<{ n: number }>();
    expect(records?.n).toBe(100);
    const list = await call('GET', '/api/projects', { cookie: u.cookie });
    expect(list.json.projects).toHaveLength(100);
  });

  it("[B4] the checkpoint is after the batch: a pull from it shows none of the batch's changes", async () => {
    const u = await signUp();
    const before = (await pull(u.cookie, '0')).checkpoint;
    const id = crypto.randomUUID();
    const res = await sync(u.cookie, [op('project.create', { id, name: 'Pulled' })]);
    expect(statuses(res)).toEqual(['applied']);
    const fromBefore = await pull(u.cookie, before);
    expect(fromBefore.changes.some((c) => c.entity === 'project' && c.id === id)).toBe(true);
    expect((await pull(u.cookie, res.json.checkpoint)).changes).toEqual([]);
  });

  it('[B10] a commit that fails part-way keeps none of its writes: an op id stored meanwhile undoes the rename before it', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie, 'Before');
    const opId = crypto.randomUUID();
    const rename: Mutation = { type: 'project.update', payload: { id: p.id, name: 'Half done' } };
    // Another request stores the same op id after this one read (the rows it read are unchanged,
    // so the guard passes and the rename runs before the record's insert fails).
    const error = await commitOnly(u, opId, rename, async () => {
      await env.DB.prepare(
        "INSERT INTO applied_ops (id, user_id, type, status, result) VALUES (?, ?, 'project.update', 'applied', '{}')",
      )
        .bind(opId, u.id)
        .run();
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(lostRace(error)).toBe(true);
    const project = await call('GET', `/api/projects/${p.id}`, { cookie: u.cookie });
    expect(project.json).toMatchObject({ name: 'Before', version: 1 });
  });

  it('[B12] a project created, renamed three times and re-described in one batch is stored as the last of them', async () => {
    const u = await signUp();
    const id = crypto.randomUUID();
    const res = await sync(u.cookie, [
      op('project.create', { id, name: 'A' }),
      op('settings.update', { changes: { theme: 'dark' } }),
      op('project.update', { id, name: 'B' }),
      op('project.update', { id, description: 'kept' }),
      op('settings.update', { changes: { showGuidance: false } }),
      op('project.update', { id, name: 'C' }),
    ]);
    expect(statuses(res)).toEqual(res.json.results.map(() => 'applied'));
    const project = await call('GET', `/api/projects/${id}`, { cookie: u.cookie });
    expect(project.json).toMatchObject({
      name: 'C',
      description: 'kept',
      version: 4,
      role: 'owner',
      memberCount: 1,
    });
    const settings = await call('GET', '/api/me/settings', { cookie: u.cookie });
    expect(settings.json).toMatchObject({ theme: 'dark', showGuidance: false });
  });

  it('[B13] a pdf.delete whose Worker died before removing the bytes: the repeat removes them', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const uploaded = await SELF.fetch(
      `http://corates.test/api/projects/${p.id}/studies/s1/pdfs?fileName=Trial.pdf`,
      {
        method: 'POST',
        headers: {
          Cookie: u.cookie,
          [CLIENT_VERSION_HEADER]: '0.1.0',
          'Content-Type': 'application/pdf',
        },
        body: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
      },
    );
    expect(uploaded.status).toBe(201);
    const pdf = (await uploaded.json()) as { id: string };
    const key = `projects/${p.id}/pdfs/${pdf.id}`;
    const remove = op('pdf.delete', { projectId: p.id, id: pdf.id });
    await commitOnly(u, remove.id, { type: 'pdf.delete', payload: remove.payload as never });
    // Committed (the row is gone) but the bytes are still in R2.
    const listed = await call('GET', `/api/projects/${p.id}/studies/s1/pdfs`, {
      cookie: u.cookie,
    });
    expect(listed.json.pdfs).toEqual([]);
    expect(await env.PDFS.head(key)).not.toBeNull();

    const again = await sync(u.cookie, [remove]);
    expect(again.json.results[0]).toMatchObject({ status: 'duplicate', row: { deleted: true } });
    expect(await env.PDFS.head(key)).toBeNull();
  });
});
