import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';
import { fuzzRuns } from './fuzz/runs.ts';

interface PulledChange {
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  row?: Record<string, unknown>;
}

async function pullAll(cookie: string, since = '0', limit = 500) {
  const changes: PulledChange[] = [];
  let cursor = since;
  for (;;) {
    const res = await call('GET', `/api/sync/pull?since=${cursor}&limit=${limit}`, { cookie });
    expect(res.status).toBe(200);
    changes.push(...(res.json.changes as PulledChange[]));
    cursor = res.json.checkpoint;
    if (!res.json.hasMore) return changes;
  }
}

async function uploadPdf(cookie: string, projectId: string) {
  const res = await SELF.fetch(
    `http://corates.test/api/projects/${projectId}/studies/s1/pdfs?fileName=Trial.pdf`,
    {
      method: 'POST',
      headers: {
        Cookie: cookie,
        [CLIENT_VERSION_HEADER]: '0.1.0',
        'Content-Type': 'application/pdf',
      },
      body: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    },
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

describe('GET /api/sync/pull from cursor 0 (a new device)', () => {
  it("a removed member gets only tombstones of the project's rows, never their current state", async () => {
    const owner = await signUp('Owner');
    const removed = await signUp('Removed');
    const other = await signUp('Other');
    const p = await createProject(owner.cookie);
    // Everything here exists before the member joins, so it reaches them as catch-up entries.
    const pdf = await uploadPdf(owner.cookie, p.id);
    await addMember(owner.cookie, p.id, other.email, 'viewer');
    await addMember(owner.cookie, p.id, removed.email, 'editor');
    const remove = await call('DELETE', `/api/projects/${p.id}/members/${removed.id}`, {
      cookie: owner.cookie,
    });
    expect(remove.status).toBe(204);
    // Changes after the removal: the removed member must not learn of them.
    await call('PATCH', `/api/projects/${p.id}/pdfs/${pdf.id}`, {
      cookie: owner.cookie,
      body: { fileName: 'Renamed after removal.pdf' },
    });
    await call('PATCH', `/api/projects/${p.id}/members/${other.id}`, {
      cookie: owner.cookie,
      body: { role: 'editor' },
    });

    const changes = await pullAll(removed.cookie);
    const leaked = changes.filter((c) => c.op === 'upsert' && c.entity !== 'settings');
    expect(leaked).toEqual([]);
    expect(changes).toContainEqual(
      expect.objectContaining({ entity: 'project', id: p.id, op: 'delete' }),
    );
  });

  it('a member who was removed and added again reads the project again', async () => {
    const owner = await signUp('Owner');
    const member = await signUp('Member');
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, member.email, 'viewer');
    await call('DELETE', `/api/projects/${p.id}/members/${member.id}`, { cookie: owner.cookie });
    await addMember(owner.cookie, p.id, member.email, 'editor');
    const pdf = await uploadPdf(owner.cookie, p.id);

    const changes = await pullAll(member.cookie);
    const upserted = new Set(
      changes.filter((c) => c.op === 'upsert').map((c) => `${c.entity}:${c.id}`),
    );
    expect(upserted).toContain(`project:${p.id}`);
    expect(upserted).toContain(`pdf:${pdf.id}`);
    expect(upserted).toContain(`membership:${p.id}:${owner.id}`);
  });
});

/**
 * Random membership histories (add, remove, re-add, role changes, PDF writes, renames, a project
 * deleted) with pulls by random users from random cursors in between. Every page a user gets
 * holds only rows of projects they belong to at that moment, and a user who lost a project
 * finds its tombstone in a pull from 0.
 */
describe('pull property: only what the caller may read, at the moment of the pull', () => {
  type Step =
    | { kind: 'add'; project: number; user: number; role: 'viewer' | 'editor' }
    | { kind: 'remove'; project: number; user: number }
    | { kind: 'role'; project: number; user: number; role: 'viewer' | 'editor' }
    | { kind: 'pdf'; project: number }
    | { kind: 'renamePdf'; project: number }
    | { kind: 'renameProject'; project: number }
    | { kind: 'deleteProject'; project: number }
    | { kind: 'pull'; user: number; fromZero: boolean; limit: number };

  const project = fc.integer({ min: 0, max: 1 });
  const member = fc.integer({ min: 0, max: 2 }); // the owner (index 3) never leaves
  const role = fc.constantFrom('viewer' as const, 'editor' as const);
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('add' as const), project, user: member, role }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('remove' as const), project, user: member }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('role' as const), project, user: member, role }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pdf' as const), project }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('renamePdf' as const), project }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameProject' as const), project }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteProject' as const), project }) },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('pull' as const),
        user: fc.integer({ min: 0, max: 3 }),
        fromZero: fc.boolean(),
        limit: fc.integer({ min: 1, max: 7 }),
      }),
    },
  );

  it('holds over random histories', async () => {
    const runs = fuzzRuns(12);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const users = [await signUp('U0'), await signUp('U1'), await signUp('U2')];
        const owner = await signUp('Owner');
        const projects = [
          await createProject(owner.cookie, 'P0'),
          await createProject(owner.cookie, 'P1'),
        ];
        const projectIds = new Set(projects.map((p) => p.id));
        // The model: who is a member of which live project now; who ever was.
        const members = projects.map(() => new Set<number>());
        const everMember = projects.map(() => new Set<number>());
        const deleted = projects.map(() => false);
        const pdfs: string[][] = projects.map(() => []);
        const cursors = new Map<number, string>();

        for (const s of steps) {
          const pi = 'project' in s ? s.project : 0;
          const p = projects[pi]!;
          if (deleted[pi] && s.kind !== 'pull') continue;
          switch (s.kind) {
            case 'add':
              if (members[pi]!.has(s.user)) break;
              await addMember(owner.cookie, p.id, users[s.user]!.email, s.role);
              members[pi]!.add(s.user);
              everMember[pi]!.add(s.user);
              break;
            case 'remove':
              if (!members[pi]!.has(s.user)) break;
              expect(
                (
                  await call('DELETE', `/api/projects/${p.id}/members/${users[s.user]!.id}`, {
                    cookie: owner.cookie,
                  })
                ).status,
              ).toBe(204);
              members[pi]!.delete(s.user);
              break;
            case 'role':
              if (!members[pi]!.has(s.user)) break;
              expect(
                (
                  await call('PATCH', `/api/projects/${p.id}/members/${users[s.user]!.id}`, {
                    cookie: owner.cookie,
                    body: { role: s.role },
                  })
                ).status,
              ).toBe(200);
              break;
            case 'pdf':
              pdfs[pi]!.push((await uploadPdf(owner.cookie, p.id)).id);
              break;
            case 'renamePdf': {
              const id = pdfs[pi]!.at(-1);
              if (!id) break;
              await call('PATCH', `/api/projects/${p.id}/pdfs/${id}`, {
                cookie: owner.cookie,
                body: { fileName: `Renamed ${Math.random()}.pdf` },
              });
              break;
            }
            case 'renameProject':
              await call('PATCH', `/api/projects/${p.id}`, {
                cookie: owner.cookie,
                body: { name: `Renamed ${Math.random()}` },
              });
              break;
            case 'deleteProject':
              expect(
                (await call('DELETE', `/api/projects/${p.id}`, { cookie: owner.cookie })).status,
              ).toBe(204);
              deleted[pi] = true;
              members[pi]!.clear();
              break;
            case 'pull': {
              const who = s.user === 3 ? owner : users[s.user]!;
              const since = s.fromZero ? '0' : (cursors.get(s.user) ?? '0');
              const res = await call('GET', `/api/sync/pull?since=${since}&limit=${s.limit}`, {
                cookie: who.cookie,
              });
              expect(res.status).toBe(200);
              cursors.set(s.user, res.json.checkpoint);
              for (const c of res.json.changes as PulledChange[]) {
                if (c.op !== 'upsert' || c.entity === 'settings') continue;
                const projectId = String(c.entity === 'project' ? c.id : c.row?.projectId);
                if (!projectIds.has(projectId)) continue; // other tests' projects never appear below
                const idx = projects.findIndex((x) => x.id === projectId);
                const allowed = s.user === 3 ? !deleted[idx] : members[idx]!.has(s.user);
                expect(allowed, `${c.entity} ${c.id} pulled by user ${s.user}`).toBe(true);
              }
              break;
            }
          }
        }

        // Whoever lost a project (removed, or the project deleted) finds its tombstone from 0.
        for (let u = 0; u < users.length; u++) {
          const changes = await pullAll(users[u]!.cookie);
          for (let pi = 0; pi < projects.length; pi++) {
            const id = projects[pi]!.id;
            const ofProject = changes.filter(
              (c) => (c.entity === 'project' ? c.id : c.row?.projectId) === id && c.op === 'upsert',
            );
            if (!members[pi]!.has(u)) expect(ofProject).toEqual([]);
            if (everMember[pi]!.has(u) && !members[pi]!.has(u)) {
              expect(changes).toContainEqual(
                expect.objectContaining({ entity: 'project', id, op: 'delete' }),
              );
            }
          }
        }
      }),
      { numRuns: runs },
    );
  }, 600_000);
});
