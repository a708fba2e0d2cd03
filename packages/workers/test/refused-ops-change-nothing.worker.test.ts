// Found by the sync chaos test (packages/web/e2e/sync-chaos.e2e.ts): a membership op the server
// refuses must leave the project as it was. It used to bump the project's version (and write a
// change-log entry) in the same batch as the write that did not happen.
import { describe, expect, it } from 'vitest';
import { addMember, call, createProject, signUp } from './api.ts';

const op = (type: string, payload: unknown) => ({
  id: crypto.randomUUID(),
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});

async function version(cookie: string, projectId: string): Promise<number> {
  const res = await call('GET', `/api/projects/${projectId}`, { cookie });
  expect(res.status).toBe(200);
  return res.json.version as number;
}

describe('a refused membership op changes nothing', () => {
  it.each([
    ['member.remove of the last owner', (u: { id: string }) => ({ userId: u.id }), 'member.remove'],
    [
      'member.setRole demoting the last owner',
      (u: { id: string }) => ({ userId: u.id, role: 'editor' }),
      'member.setRole',
    ],
  ])('[B5] %s', async (_, payload, type) => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const before = await version(u.cookie, p.id);
    const res = await call('POST', '/api/sync/ops', {
      cookie: u.cookie,
      body: { ops: [op(type, { projectId: p.id, ...payload(u) })] },
    });
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'LAST_OWNER' });
    expect(await version(u.cookie, p.id)).toBe(before);
  });

  it('[B5] member.add of someone already a member', async () => {
    const owner = await signUp();
    const other = await signUp();
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, other.email, 'viewer');
    const before = await version(owner.cookie, p.id);
    // Joining did bump it.
    expect(before).toBe(2);
    const again = await call('POST', '/api/sync/ops', {
      cookie: owner.cookie,
      body: { ops: [op('member.add', { projectId: p.id, email: other.email, role: 'editor' })] },
    });
    expect(again.json.results[0]).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
    expect(await version(owner.cookie, p.id)).toBe(before);
  });
});
