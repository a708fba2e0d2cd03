import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, D1_MAX_BOUND_PARAMETERS } from '../src/db/client.ts';
import { pullChanges } from '../src/domain/pull.ts';
import { addMember, call, signUp } from './api.ts';

interface PulledChange {
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  row?: Record<string, unknown>;
  version: number;
}

/** More of each table's rows in one page than D1 binds parameters in one statement. */
const MANY = D1_MAX_BOUND_PARAMETERS + 20;

/**
 * The real D1 binding, counting what reaches D1: round trips (a statement run alone, or a batch)
 * and the statements they carry.
 */
function countingDatabase() {
  const counter = { roundTrips: 0, statements: 0 };
  const counted = (stmt: D1PreparedStatement): D1PreparedStatement => {
    for (const run of ['all', 'raw', 'run', 'first'] as const) {
      const original = stmt[run].bind(stmt) as (...args: unknown[]) => unknown;
      Object.assign(stmt, {
        [run]: (...args: unknown[]) => {
          counter.roundTrips++;
          counter.statements++;
          return original(...args);
        },
      });
    }
    const bind = stmt.bind.bind(stmt);
    stmt.bind = (...values: unknown[]) => counted(bind(...values));
    return stmt;
  };
  const d1 = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => counted(target.prepare(query));
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          counter.roundTrips++;
          counter.statements += statements.length;
          return target.batch(statements);
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: createDatabase(d1), counter };
}

async function pullAll(cookie: string, limit: number) {
  const changes: PulledChange[] = [];
  let cursor = '0';
  for (;;) {
    const res = await call('GET', `/api/sync/pull?since=${cursor}&limit=${limit}`, { cookie });
    expect(res.status).toBe(200);
    changes.push(...(res.json.changes as PulledChange[]));
    cursor = res.json.checkpoint;
    if (!res.json.hasMore) return { changes, cursor };
  }
}

/** What a client's cache holds after applying `changes` in order: rows by entity and id. */
function cacheOf(changes: readonly PulledChange[]) {
  const cache = new Map<string, Record<string, unknown>>();
  for (const c of changes) {
    if (c.op === 'upsert') cache.set(`${c.entity}:${c.id}`, c.row!);
    else cache.delete(`${c.entity}:${c.id}`);
  }
  return cache;
}

async function createProjects(cookie: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  for (let i = 0; i < ids.length; i += 100) {
    const ops = ids.slice(i, i + 100).map((id, k) => ({
      id: crypto.randomUUID(),
      type: 'project.create',
      payload: { id, name: `Project ${i + k}` },
      clientVersion: '0.1.0',
      createdAt: new Date().toISOString(),
    }));
    const res = await call('POST', '/api/sync/ops', { cookie, body: { ops } });
    expect(res.status).toBe(200);
    expect(res.json.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
  }
  return ids;
}

/**
 * PDF metadata rows written straight to D1 (the pull reads rows, never bytes); the change-log
 * triggers fire as for an upload.
 */
async function insertPdfs(projectId: string, uploadedBy: string, count: number) {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await env.DB.batch(
    ids.map((id, i) =>
      env.DB.prepare(
        `INSERT INTO pdfs (id, project_id, study_id, file_name, size, tag, r2_key, uploaded_by)
         VALUES (?, ?, 's1', ?, 16, 'secondary', ?, ?)`,
      ).bind(id, projectId, `Trial ${i}.pdf`, `projects/${projectId}/pdfs/${id}`, uploadedBy),
    ),
  );
  return ids;
}

/**
 * An owner with MANY projects (and their memberships) and MANY PDFs in the first, some renamed,
 * one PDF deleted and a settings change; a member kept in the first project and removed from the
 * second after its catch-up entries were written.
 */
async function world() {
  const owner = await signUp('Owner');
  const member = await signUp('Member');
  const projects = await createProjects(owner.cookie, MANY);
  const [kept, left] = [projects[0]!, projects[1]!];
  const pdfs = await insertPdfs(kept, owner.id, MANY);
  await addMember(owner.cookie, kept, member.email, 'editor');
  await addMember(owner.cookie, left, member.email, 'viewer');
  expect(
    (await call('DELETE', `/api/projects/${left}/members/${member.id}`, { cookie: owner.cookie }))
      .status,
  ).toBe(204);
  for (const name of ['Renamed once', 'Renamed twice']) {
    expect(
      (
        await call('PATCH', `/api/projects/${projects[2]}`, {
          cookie: owner.cookie,
          body: { name },
        })
      ).status,
    ).toBe(200);
  }
  expect(
    (await call('DELETE', `/api/projects/${kept}/pdfs/${pdfs[0]}`, { cookie: owner.cookie }))
      .status,
  ).toBe(204);
  expect(
    (await call('PATCH', '/api/me/settings', { cookie: owner.cookie, body: { theme: 'dark' } }))
      .status,
  ).toBe(200);
  return { owner, member, projects, kept, left, pdfs };
}

describe('pull hydrates a page in a bounded number of statements', () => {
  // Every test only reads (pulls), so they share one world.
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it('a page holding more rows of each table than D1 binds in one statement costs 2 round trips and 6 statements, as a page of 3 does', async () => {
    const counted = countingDatabase();
    const whole = await pullChanges(counted.db, w.owner.id, 0, 1000);
    expect(whole.hasMore).toBe(false);
    const upserts = (entity: string) =>
      whole.changes.filter((c) => c.entity === entity && c.op === 'upsert').length;
    // The page really spans more keys per table than one statement could bind one by one.
    expect(upserts('project')).toBe(MANY);
    expect(upserts('membership')).toBeGreaterThan(MANY);
    expect(upserts('pdf')).toBe(MANY - 1);
    expect(counted.counter).toEqual({ roundTrips: 2, statements: 6 });

    const small = countingDatabase();
    await pullChanges(small.db, w.owner.id, 0, 3);
    expect(small.counter).toEqual(counted.counter);
  });

  it('every upsert carries the row as the REST routes show it now; deleted rows are tombstones', async () => {
    const { changes } = await pullAll(w.owner.cookie, 1000);
    const cache = cacheOf(changes);

    const listed = (await call('GET', '/api/projects', { cookie: w.owner.cookie })).json
      .projects as { id: string }[];
    for (const id of w.projects) {
      expect(cache.get(`project:${id}`)).toEqual(listed.find((p) => p.id === id));
    }
    expect(cache.get(`project:${w.projects[2]}`)).toMatchObject({ name: 'Renamed twice' });

    const members = (
      await call('GET', `/api/projects/${w.kept}/members`, { cookie: w.owner.cookie })
    ).json.members as { userId: string }[];
    expect(members).toHaveLength(2);
    for (const m of members) {
      expect(cache.get(`membership:${w.kept}:${m.userId}`)).toEqual({ projectId: w.kept, ...m });
    }
    expect(cache.has(`membership:${w.left}:${w.member.id}`)).toBe(false);

    const pdfs = (
      await call('GET', `/api/projects/${w.kept}/studies/s1/pdfs`, { cookie: w.owner.cookie })
    ).json.pdfs as { id: string }[];
    expect(pdfs).toHaveLength(MANY - 1);
    for (const p of pdfs) expect(cache.get(`pdf:${p.id}`)).toEqual(p);
    expect(changes.filter((c) => c.id === w.pdfs[0])).toEqual([
      { entity: 'pdf', id: w.pdfs[0], op: 'delete', version: expect.any(Number) },
    ]);

    const settings = (await call('GET', '/api/me/settings', { cookie: w.owner.cookie })).json;
    expect(settings.theme).toBe('dark');
    expect(cache.get(`settings:${w.owner.id}`)).toEqual(settings);
  });

  it('a member removed from a project mid-history gets its tombstones among pages full of readable rows', async () => {
    const { changes } = await pullAll(w.member.cookie, 1000);
    const ofLeft = changes.filter(
      (c) => c.id === w.left || c.id.startsWith(`${w.left}:`) || c.row?.projectId === w.left,
    );
    expect(ofLeft.length).toBeGreaterThan(0);
    expect(ofLeft.every((c) => c.op === 'delete')).toBe(true);
    expect(changes).toContainEqual(
      expect.objectContaining({ entity: 'project', id: w.left, op: 'delete' }),
    );

    const cache = cacheOf(changes);
    expect(cache.get(`project:${w.kept}`)).toMatchObject({ role: 'editor', memberCount: 2 });
    expect([...cache.keys()].filter((k) => k.startsWith('pdf:'))).toHaveLength(MANY - 1);
    // Nothing of the owner's other projects.
    const readable = new Set([w.kept]);
    for (const [key, row] of cache) {
      if (key.startsWith('settings:')) continue;
      expect(readable.has(String(key.startsWith('project:') ? row.id : row.projectId))).toBe(true);
    }
  });

  it('small pages (batches cut anywhere) leave the same cache as one page, at the same cursor', async () => {
    for (const who of [w.owner, w.member]) {
      const whole = await pullAll(who.cookie, 1000);
      const paged = await pullAll(who.cookie, 7);
      expect(paged.cursor).toBe(whole.cursor);
      expect(cacheOf(paged.changes)).toEqual(cacheOf(whole.changes));
    }
  }, 60_000);
});
