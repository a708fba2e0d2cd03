import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PROJECT_NAME_MAX, projectSchema } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';

describe('projects', () => {
  it('creates a project owned by the caller and lists it', async () => {
    const u = await signUp();
    const res = await call('POST', '/api/projects', {
      cookie: u.cookie,
      body: { name: '  Statins review  ', description: 'AMSTAR 2' },
    });
    expect(res.status).toBe(201);
    const project = projectSchema.parse(res.json);
    expect(project).toMatchObject({
      name: 'Statins review',
      description: 'AMSTAR 2',
      role: 'owner',
      memberCount: 1,
      version: 1,
    });
    const list = await call('GET', '/api/projects', { cookie: u.cookie });
    expect(list.json.projects.map((p: { id: string }) => p.id)).toEqual([project.id]);
  });

  it('repeating a create with the same client id returns the first project, not a second', async () => {
    const u = await signUp();
    const id = crypto.randomUUID();
    const first = await call('POST', '/api/projects', {
      cookie: u.cookie,
      body: { id, name: 'Offline made' },
    });
    const again = await call('POST', '/api/projects', {
      cookie: u.cookie,
      body: { id, name: 'Offline made' },
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.id).toBe(id);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM projects WHERE id = ?')
      .bind(id)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("refuses another user's project id with 409", async () => {
    const a = await signUp();
    const b = await signUp();
    const id = crypto.randomUUID();
    await call('POST', '/api/projects', { cookie: a.cookie, body: { id, name: 'A' } });
    const res = await call('POST', '/api/projects', { cookie: b.cookie, body: { id, name: 'B' } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CONFLICT');
  });

  it.each([
    ['missing name', {}],
    ['wrong type', { name: 42 }],
    ['blank name', { name: '   ' }],
    ['oversize name', { name: 'x'.repeat(PROJECT_NAME_MAX + 1) }],
    ['unknown field', { name: 'ok', owner: 'someone-else' }],
    ['non-uuid id', { id: 'not-a-uuid', name: 'ok' }],
  ])('400 VALIDATION_FAILED with the Zod issues for %s, nothing written', async (_, body) => {
    const u = await signUp();
    const res = await call('POST', '/api/projects', { cookie: u.cookie, body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(Array.isArray(res.json.error.details) && res.json.error.details.length).toBeGreaterThan(
      0,
    );
    const list = await call('GET', '/api/projects', { cookie: u.cookie });
    expect(list.json.projects).toEqual([]);
  });

  it('400 for malformed JSON', async () => {
    const u = await signUp();
    const res = await call('POST', '/api/projects', { cookie: u.cookie, rawBody: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('413 PAYLOAD_TOO_LARGE past 256 KiB', async () => {
    const u = await signUp();
    const res = await call('POST', '/api/projects', {
      cookie: u.cookie,
      rawBody: JSON.stringify({ name: 'x', description: 'y'.repeat(300_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('401 without a session on every data route', async () => {
    const paths: [string, string][] = [
      ['GET', '/api/projects'],
      ['POST', '/api/projects'],
      ['GET', '/api/projects/x'],
      ['PATCH', '/api/projects/x'],
      ['DELETE', '/api/projects/x'],
      ['GET', '/api/projects/x/members'],
      ['POST', '/api/projects/x/members'],
      ['PATCH', '/api/projects/x/members/y'],
      ['DELETE', '/api/projects/x/members/y'],
      ['GET', '/api/me'],
      ['GET', '/api/me/settings'],
      ['PATCH', '/api/me/settings'],
    ];
    for (const [method, path] of paths) {
      const res = await call(method, path, {
        body: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('renames (editor+) and bumps the version; viewers get 403; non-members 404', async () => {
    const owner = await signUp();
    const editor = await signUp();
    const viewer = await signUp();
    const stranger = await signUp();
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, editor.email, 'editor');
    await addMember(owner.cookie, p.id, viewer.email, 'viewer');

    const renamed = await call('PATCH', `/api/projects/${p.id}`, {
      cookie: editor.cookie,
      body: { name: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'Renamed', role: 'editor', memberCount: 3 });
    expect(renamed.json.version).toBeGreaterThan(1);

    const byViewer = await call('PATCH', `/api/projects/${p.id}`, {
      cookie: viewer.cookie,
      body: { name: 'Nope' },
    });
    expect(byViewer.status).toBe(403);
    expect(byViewer.json.error.code).toBe('FORBIDDEN');

    for (const [method, path] of [
      ['GET', `/api/projects/${p.id}`],
      ['PATCH', `/api/projects/${p.id}`],
      ['DELETE', `/api/projects/${p.id}`],
      ['GET', `/api/projects/${p.id}/members`],
    ] as const) {
      const res = await call(method, path, {
        cookie: stranger.cookie,
        body: method === 'PATCH' ? { name: 'x' } : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    }
    const still = await call('GET', `/api/projects/${p.id}`, { cookie: owner.cookie });
    expect(still.json.name).toBe('Renamed');
  });

  it('an empty rename is a 400, not a silent no-op', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const res = await call('PATCH', `/api/projects/${p.id}`, { cookie: u.cookie, body: {} });
    expect(res.status).toBe(400);
  });

  it('only owners delete; delete removes memberships too', async () => {
    const owner = await signUp();
    const editor = await signUp();
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, editor.email, 'editor');
    const byEditor = await call('DELETE', `/api/projects/${p.id}`, { cookie: editor.cookie });
    expect(byEditor.status).toBe(403);
    const del = await call('DELETE', `/api/projects/${p.id}`, { cookie: owner.cookie });
    expect(del.status).toBe(204);
    const members = await env.DB.prepare(
      'SELECT count(*) AS n FROM project_members WHERE project_id = ?',
    )
      .bind(p.id)
      .first<{ n: number }>();
    expect(members?.n).toBe(0);
    expect((await call('GET', `/api/projects/${p.id}`, { cookie: owner.cookie })).status).toBe(404);
  });

  it('unknown API routes answer the error envelope', async () => {
    const res = await call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });
});
