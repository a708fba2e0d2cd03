import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { acceptInvitation, call, createProject, invite, signUp, tokenOf } from './api.ts';

// Defect 7 of issue 14: adding a member by email gave the project to whoever registered the
// address first and told any owner whether an account existed. Now it is an invitation.

/** Keys of a JSON value, recursively, with leaf types: the shape, not the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return typeof value;
}

async function memberIds(projectId: string): Promise<string[]> {
  const rows = await env.DB.prepare('SELECT user_id FROM project_members WHERE project_id = ?')
    .bind(projectId)
    .all<{ user_id: string }>();
  return rows.results.map((r) => r.user_id).sort();
}

const op = (type: string, payload: unknown) => ({
  id: crypto.randomUUID(),
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});

describe('adding a member by email is an invitation [defect 7]', () => {
  it('answers the same whether or not an account uses the address, and grants nothing', async () => {
    const owner = await signUp('Owner');
    const existing = await signUp('Existing');
    const p = await createProject(owner.cookie);
    const toAccount = await invite(owner.cookie, p.id, existing.email, 'editor');
    const toNobody = await invite(owner.cookie, p.id, `nobody-${Date.now()}@example.org`, 'editor');
    expect(toAccount.status).toBe(201);
    expect(toNobody.status).toBe(toAccount.status);
    expect(shape(toNobody.json)).toEqual(shape(toAccount.json));
    expect(toAccount.json.invitation).toMatchObject({ email: existing.email, role: 'editor' });
    expect(await memberIds(p.id)).toEqual([owner.id]);
    // The invitee cannot open the project before accepting.
    expect((await call('GET', `/api/projects/${p.id}`, { cookie: existing.cookie })).status).toBe(
      404,
    );
  });

  it('[B10] [B14] a synced member.add op makes an invitation too, with the same answer either way', async () => {
    const owner = await signUp('Owner');
    const existing = await signUp('Existing');
    const p = await createProject(owner.cookie);
    const res = await call('POST', '/api/sync/ops', {
      cookie: owner.cookie,
      body: {
        ops: [
          op('member.add', { projectId: p.id, email: existing.email, role: 'viewer' }),
          op('member.add', { projectId: p.id, email: 'no-account@example.org', role: 'viewer' }),
        ],
      },
    });
    expect(res.status).toBe(200);
    const [a, b] = res.json.results;
    expect([a.status, b.status]).toEqual(['applied', 'applied']);
    expect(shape(a.row)).toEqual(shape(b.row));
    expect(a.row).toMatchObject({ email: existing.email, role: 'viewer', projectId: p.id });
    expect(await memberIds(p.id)).toEqual([owner.id]);
    // The link is never in the op's stored result (only the token's hash is kept anywhere).
    const stored = await env.DB.prepare('SELECT result FROM applied_ops WHERE id = ?')
      .bind(a.id)
      .first<{ result: string }>();
    expect(stored?.result).not.toMatch(/invitations\//);
  });

  it('the invitee accepts after signing in with the address (any case) and joins with the role', async () => {
    const owner = await signUp('Owner');
    const invitee = await signUp('Invitee');
    const p = await createProject(owner.cookie, 'Statins');
    const sent = await invite(owner.cookie, p.id, invitee.email.toUpperCase(), 'editor');
    expect(sent.json.link).toMatch(/^http:\/\/corates\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(sent.json.link);
    const row = await env.DB.prepare('SELECT * FROM invitations WHERE id = ?')
      .bind(sent.json.invitation.id)
      .first<Record<string, unknown>>();
    expect(Object.values(row!)).not.toContain(token);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const accepted = await acceptInvitation(invitee.cookie, token);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ id: p.id, name: 'Statins', role: 'editor' });
    expect(await memberIds(p.id)).toEqual([owner.id, invitee.id].sort());
    // Again: the same answer, nothing new.
    const again = await acceptInvitation(invitee.cookie, token);
    expect(again.status).toBe(200);
    expect(again.json.role).toBe('editor');
    // Accepted invitations are no longer pending.
    const list = await call('GET', `/api/projects/${p.id}/invitations`, { cookie: owner.cookie });
    expect(list.json.invitations).toEqual([]);
  });

  it('another account cannot accept it, even with the link', async () => {
    const owner = await signUp('Owner');
    const invitee = await signUp('Invitee');
    const thief = await signUp('Thief');
    const p = await createProject(owner.cookie);
    const sent = await invite(owner.cookie, p.id, invitee.email, 'owner');
    const res = await acceptInvitation(thief.cookie, tokenOf(sent.json.link));
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('INVITATION_WRONG_ACCOUNT');
    expect(await memberIds(p.id)).toEqual([owner.id]);
    const anonymous = await call('POST', `/api/invitations/${tokenOf(sent.json.link)}/accept`);
    expect(anonymous.status).toBe(401);
    expect((await acceptInvitation(invitee.cookie, tokenOf(sent.json.link))).status).toBe(200);
  });

  it('an expired invitation is refused with 410', async () => {
    const owner = await signUp('Owner');
    const invitee = await signUp('Invitee');
    const p = await createProject(owner.cookie);
    const sent = await invite(owner.cookie, p.id, invitee.email, 'viewer');
    await env.DB.prepare('UPDATE invitations SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1000, sent.json.invitation.id)
      .run();
    const res = await acceptInvitation(invitee.cookie, tokenOf(sent.json.link));
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe('INVITATION_EXPIRED');
    expect(await memberIds(p.id)).toEqual([owner.id]);
  });

  it('owners list and revoke pending invitations; a revoked link is refused', async () => {
    const owner = await signUp('Owner');
    const editor = await signUp('Editor');
    const invitee = await signUp('Invitee');
    const p = await createProject(owner.cookie);
    const editorLink = (await invite(owner.cookie, p.id, editor.email, 'editor')).json.link;
    await acceptInvitation(editor.cookie, tokenOf(editorLink));
    const sent = await invite(owner.cookie, p.id, invitee.email, 'viewer');
    await invite(owner.cookie, p.id, 'someone@example.org', 'editor');

    const list = await call('GET', `/api/projects/${p.id}/invitations`, { cookie: owner.cookie });
    expect(list.status).toBe(200);
    expect(
      list.json.invitations.map((i: { email: string; role: string }) => [i.email, i.role]),
    ).toEqual([
      [invitee.email, 'viewer'],
      ['someone@example.org', 'editor'],
    ]);
    expect(list.json.invitations[0]).toMatchObject({ invitedBy: owner.id, projectId: p.id });
    // Editors may not see or touch invitations; outsiders do not learn the project exists.
    const byEditor = await call('GET', `/api/projects/${p.id}/invitations`, {
      cookie: editor.cookie,
    });
    expect(byEditor.status).toBe(403);
    const outsider = await signUp('Outsider');
    const byOutsider = await call('GET', `/api/projects/${p.id}/invitations`, {
      cookie: outsider.cookie,
    });
    expect(byOutsider.status).toBe(404);
    const revokeByEditor = await call(
      'DELETE',
      `/api/projects/${p.id}/invitations/${sent.json.invitation.id}`,
      { cookie: editor.cookie },
    );
    expect(revokeByEditor.status).toBe(403);

    const revoke = await call(
      'DELETE',
      `/api/projects/${p.id}/invitations/${sent.json.invitation.id}`,
      {
        cookie: owner.cookie,
      },
    );
    expect(revoke.status).toBe(204);
    const after = await call('GET', `/api/projects/${p.id}/invitations`, { cookie: owner.cookie });
    expect(after.json.invitations.map((i: { email: string }) => i.email)).toEqual([
      'someone@example.org',
    ]);
    const res = await acceptInvitation(invitee.cookie, tokenOf(sent.json.link));
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expect(await memberIds(p.id)).toEqual([owner.id, editor.id].sort());
  });

  it('inviting again renews the invitation: a new link and role, the old link dead', async () => {
    const owner = await signUp('Owner');
    const invitee = await signUp('Invitee');
    const p = await createProject(owner.cookie);
    const first = await invite(owner.cookie, p.id, invitee.email, 'viewer');
    const second = await invite(owner.cookie, p.id, invitee.email, 'editor');
    expect(second.json.invitation.id).toBe(first.json.invitation.id);
    expect(second.json.link).not.toBe(first.json.link);
    expect((await acceptInvitation(invitee.cookie, tokenOf(first.json.link))).status).toBe(404);
    const ok = await acceptInvitation(invitee.cookie, tokenOf(second.json.link));
    expect(ok.json.role).toBe('editor');
  });

  it('someone already a member is a CONFLICT (owners see the member list anyway)', async () => {
    const owner = await signUp('Owner');
    const p = await createProject(owner.cookie);
    const res = await invite(owner.cookie, p.id, owner.email, 'viewer');
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CONFLICT');
  });

  it('a malformed or unknown token is refused without a 5xx', async () => {
    const u = await signUp();
    expect((await acceptInvitation(u.cookie, 'short')).status).toBe(400);
    const unknown = await acceptInvitation(u.cookie, 'A'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('NOT_FOUND');
  });
});
