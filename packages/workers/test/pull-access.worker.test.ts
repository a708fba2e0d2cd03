import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';

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
