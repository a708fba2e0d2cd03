import { describe, expect, it } from 'vitest';
import { addMember, call, createProject, invite, signUp } from './api.ts';

async function setup() {
  const owner = await signUp('Owner');
  const other = await signUp('Other');
  const p = await createProject(owner.cookie);
  return { owner, other, p };
}

describe('members', () => {
  it('an invited account joins once it accepts; owners are listed first', async () => {
    const { owner, other, p } = await setup();
    const joined = await addMember(owner.cookie, p.id, other.email, 'editor');
    expect(joined).toMatchObject({ id: p.id, role: 'editor', memberCount: 2 });
    const list = await call('GET', `/api/projects/${p.id}/members`, { cookie: other.cookie });
    expect(list.status).toBe(200);
    expect(list.json.members).toMatchObject([
      { userId: owner.id, role: 'owner' },
      { userId: other.id, email: other.email, name: 'Other', role: 'editor' },
    ]);
    const theirs = await call('GET', '/api/projects', { cookie: other.cookie });
    expect(theirs.json.projects[0]).toMatchObject({ id: p.id, role: 'editor', memberCount: 2 });
  });

  it('409 for an existing member, 400 for a bad role or email', async () => {
    const { owner, other, p } = await setup();
    await addMember(owner.cookie, p.id, other.email, 'viewer');
    const dup = await invite(owner.cookie, p.id, other.email.toUpperCase(), 'editor');
    expect(dup.status).toBe(409);
    const badRole = await invite(owner.cookie, p.id, 'new@example.org', 'admin');
    expect(badRole.status).toBe(400);
    const badEmail = await invite(owner.cookie, p.id, 'not an email', 'viewer');
    expect(badEmail.status).toBe(400);
  });

  it('editors and viewers cannot manage members', async () => {
    const { owner, other, p } = await setup();
    const third = await signUp();
    await addMember(owner.cookie, p.id, other.email, 'editor');
    const add = await call('POST', `/api/projects/${p.id}/members`, {
      cookie: other.cookie,
      body: { email: third.email, role: 'viewer' },
    });
    expect(add.status).toBe(403);
    const promote = await call('PATCH', `/api/projects/${p.id}/members/${other.id}`, {
      cookie: other.cookie,
      body: { role: 'owner' },
    });
    expect(promote.status).toBe(403);
    const kick = await call('DELETE', `/api/projects/${p.id}/members/${owner.id}`, {
      cookie: other.cookie,
    });
    expect(kick.status).toBe(403);
  });

  it('changes a role, and keeps at least one owner (409 LAST_OWNER)', async () => {
    const { owner, other, p } = await setup();
    await addMember(owner.cookie, p.id, other.email, 'viewer');
    const lone = await call('PATCH', `/api/projects/${p.id}/members/${owner.id}`, {
      cookie: owner.cookie,
      body: { role: 'editor' },
    });
    expect(lone.status).toBe(409);
    expect(lone.json.error.code).toBe('LAST_OWNER');
    const promote = await call('PATCH', `/api/projects/${p.id}/members/${other.id}`, {
      cookie: owner.cookie,
      body: { role: 'owner' },
    });
    expect(promote.json.role).toBe('owner');
    const stepDown = await call('PATCH', `/api/projects/${p.id}/members/${owner.id}`, {
      cookie: owner.cookie,
      body: { role: 'viewer' },
    });
    expect(stepDown.status).toBe(200);
    expect(stepDown.json.role).toBe('viewer');
  });

  it('[B11] two owners demoting each other at once leave exactly one owner', async () => {
    const { owner, other, p } = await setup();
    await addMember(owner.cookie, p.id, other.email, 'owner');
    const [a, b] = await Promise.all([
      call('PATCH', `/api/projects/${p.id}/members/${other.id}`, {
        cookie: owner.cookie,
        body: { role: 'editor' },
      }),
      call('PATCH', `/api/projects/${p.id}/members/${owner.id}`, {
        cookie: other.cookie,
        body: { role: 'editor' },
      }),
    ]);
    // The loser is refused either by the owner rule (409) or, if the other demotion landed
    // first, because it is no longer an owner (403); never both applied.
    expect(a.status === 200 ? b.status : a.status).toBeOneOf([403, 409]);
    expect([a.status, b.status]).toContain(200);
    const list = await call('GET', `/api/projects/${p.id}/members`, { cookie: owner.cookie });
    expect(list.json.members.filter((m: { role: string }) => m.role === 'owner')).toHaveLength(1);
  });

  it('owners remove members; members may leave; the last owner may not', async () => {
    const { owner, other, p } = await setup();
    const third = await signUp();
    await addMember(owner.cookie, p.id, other.email, 'editor');
    await addMember(owner.cookie, p.id, third.email, 'viewer');
    expect(
      (await call('DELETE', `/api/projects/${p.id}/members/${other.id}`, { cookie: owner.cookie }))
        .status,
    ).toBe(204);
    expect((await call('GET', `/api/projects/${p.id}`, { cookie: other.cookie })).status).toBe(404);
    expect(
      (await call('DELETE', `/api/projects/${p.id}/members/${third.id}`, { cookie: third.cookie }))
        .status,
    ).toBe(204);
    const last = await call('DELETE', `/api/projects/${p.id}/members/${owner.id}`, {
      cookie: owner.cookie,
    });
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('LAST_OWNER');
    expect(
      (await call('DELETE', `/api/projects/${p.id}/members/nobody`, { cookie: owner.cookie }))
        .status,
    ).toBe(404);
  });
});
