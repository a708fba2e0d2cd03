import { describe, expect, it } from 'vitest';
import type { Role } from '@corates/shared';
import { AppError } from '../../lib/app-error.ts';
import { INVITATION_TTL_MS } from '../invitations.ts';
import { applyMutation, type IssueToken, type Mutation } from './rules.ts';
import { emptyWorld, membersOf, type Account, type PdfRecord, type World } from './world.ts';
import { alice, bob, t0, worldWith } from './test-world.ts';

const now = new Date('2026-02-01T00:00:00Z');
const carol: Account = { id: 'carol', email: 'carol@example.org', name: 'Carol' };
const world = worldWith;

function pdf(id: string, tag: PdfRecord['tag'], studyId = 's1'): PdfRecord {
  return {
    id,
    projectId: 'p1',
    studyId,
    fileName: `${id}.pdf`,
    size: 100,
    tag,
    r2Key: `projects/p1/pdfs/${id}`,
    sha256: null,
    uploadedBy: 'alice',
    version: 1,
    createdAt: t0,
    updatedAt: t0,
  };
}

/** Invitation ids and tokens as `run-mutations.ts` prepares them, numbered from `first`. */
function tokens(first = 1): IssueToken {
  let n = first - 1;
  return () => {
    n++;
    return { id: `inv-${n}`, token: `token-${n}`, tokenHash: `hash-${n}` };
  };
}

const invite = (email: string, role: Role): Mutation => ({
  type: 'member.add',
  payload: { projectId: 'p1', email, role },
});

function refusal(w: World, caller: Account, m: Mutation): AppError {
  try {
    applyMutation(w, caller, m, now);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the rule did not refuse');
}

describe('project rules', () => {
  it('create: a project with the caller as its only owner, at version 1', () => {
    const w = emptyWorld();
    const r = applyMutation(
      w,
      alice,
      { type: 'project.create', payload: { id: 'p2', name: 'New', description: 'd' } },
      now,
    );
    expect(r.outcome).toMatchObject({
      created: true,
      row: { id: 'p2', role: 'owner', memberCount: 1, version: 1 },
    });
    expect(r.writes.map((x) => x.kind)).toEqual(['project.insert', 'member.insert']);
  });

  it('create again with the same id: the existing project, no writes; another user gets CONFLICT', () => {
    const w = world([[alice, 'owner']]);
    const again = applyMutation(
      w,
      alice,
      { type: 'project.create', payload: { id: 'p1', name: 'Other', description: '' } },
      now,
    );
    expect(again.writes).toEqual([]);
    expect(again.outcome).toMatchObject({ created: false, row: { name: 'Review' } });
    const other = refusal(w, bob, {
      type: 'project.create',
      payload: { id: 'p1', name: 'Mine', description: '' },
    });
    expect(other.code).toBe('CONFLICT');
  });

  it('[B7] update: editors rename and bump the version; viewers are FORBIDDEN; strangers NOT_FOUND', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'editor'],
      [carol, 'viewer'],
    ]);
    const r = applyMutation(
      w,
      bob,
      { type: 'project.update', payload: { id: 'p1', name: 'Renamed' } },
      now,
    );
    expect(r.outcome.row).toMatchObject({ name: 'Renamed', version: 2, role: 'editor' });
    expect(w.projects.get('p1')).toMatchObject({ name: 'Renamed', version: 2, updatedAt: now });
    expect(
      refusal(w, carol, { type: 'project.update', payload: { id: 'p1', name: 'x' } }).code,
    ).toBe('FORBIDDEN');
    const stranger = { id: 'dave', email: 'dave@example.org', name: 'Dave' };
    expect(
      refusal(w, stranger, { type: 'project.update', payload: { id: 'p1', name: 'x' } }).code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(w, alice, { type: 'project.update', payload: { id: 'nope', name: 'x' } }).code,
    ).toBe('NOT_FOUND');
  });

  it('[B6] update with a stale ifVersion: CONFLICT carrying the current row, nothing written', () => {
    const w = world([[alice, 'owner']]);
    const e = refusal(w, alice, {
      type: 'project.update',
      payload: { id: 'p1', name: 'x', ifVersion: 7 },
    });
    expect(e.code).toBe('CONFLICT');
    expect(e.details).toMatchObject({ current: { id: 'p1', name: 'Review', version: 1 } });
    expect(w.projects.get('p1')?.name).toBe('Review');
  });

  it('update with nothing to change is VALIDATION_FAILED', () => {
    const w = world([[alice, 'owner']]);
    expect(refusal(w, alice, { type: 'project.update', payload: { id: 'p1' } }).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('delete: owners only; the memberships and PDFs go with it', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'editor'],
    ]);
    w.pdfs.set('f1', pdf('f1', 'primary'));
    expect(refusal(w, bob, { type: 'project.delete', payload: { id: 'p1' } }).code).toBe(
      'FORBIDDEN',
    );
    const r = applyMutation(w, alice, { type: 'project.delete', payload: { id: 'p1' } }, now);
    expect(r.effects).toEqual([{ kind: 'projectDeleted', projectId: 'p1' }]);
    expect(w.projects.has('p1')).toBe(false);
    expect(membersOf(w, 'p1').size).toBe(0);
    expect(w.pdfs.size).toBe(0);
  });
});

describe('membership rules', () => {
  it('add: an invitation, the same whether or not an account uses the email; nobody joins', () => {
    const w = world([[alice, 'owner']]);
    const r = applyMutation(w, alice, invite(bob.email, 'editor'), now, tokens());
    expect(r.outcome.row).toMatchObject({ id: 'inv-1', email: bob.email, role: 'editor' });
    expect(r.writes.map((x) => x.kind)).toEqual(['invitation.insert']);
    expect(r.effects).toMatchObject([
      { kind: 'invitationSent', email: bob.email, token: 'token-1', projectName: 'Review' },
    ]);
    expect(w.invitations.get('inv-1')).toMatchObject({ tokenHash: 'hash-1', invitedBy: 'alice' });
    expect(membersOf(w, 'p1').size).toBe(1);
    expect(w.projects.get('p1')?.version).toBe(1);
  });

  it('add: inviting again renews the pending invitation (new token, role, expiry)', () => {
    const w = world([[alice, 'owner']]);
    const issue = tokens();
    applyMutation(w, alice, invite(bob.email, 'viewer'), t0, issue);
    const again = applyMutation(w, alice, invite(bob.email, 'editor'), now, issue);
    expect(again.writes.map((x) => x.kind)).toEqual(['invitation.update']);
    expect(w.invitations.size).toBe(1);
    expect(w.invitations.get('inv-1')).toMatchObject({
      role: 'editor',
      tokenHash: 'hash-2',
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
  });

  it('add: someone already a member is CONFLICT; editors may not invite', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'editor'],
    ]);
    expect(refusal(w, alice, invite(bob.email, 'viewer')).code).toBe('CONFLICT');
    expect(refusal(w, bob, invite(carol.email, 'viewer')).code).toBe('FORBIDDEN');
    expect(w.invitations.size).toBe(0);
  });

  it('accept: the invited account joins with the role; others, late or revoked links are refused', () => {
    const w = world([[alice, 'owner']]);
    applyMutation(w, alice, invite(bob.email, 'editor'), now, tokens());
    const accept = (hash = 'hash-1'): Mutation => ({
      type: 'invitation.accept',
      payload: { projectId: 'p1', invitationId: 'inv-1', tokenHash: hash },
    });
    expect(refusal(w, carol, accept()).code).toBe('INVITATION_WRONG_ACCOUNT');
    expect(refusal(w, bob, accept('hash-other')).code).toBe('NOT_FOUND');
    const late = new Date(now.getTime() + INVITATION_TTL_MS);
    expect(() => applyMutation(w, bob, accept(), late)).toThrow(
      expect.objectContaining({ code: 'INVITATION_EXPIRED' }),
    );
    expect(membersOf(w, 'p1').size).toBe(1);

    const r = applyMutation(w, bob, accept(), now);
    expect(r.outcome.row).toMatchObject({ id: 'p1', role: 'editor', memberCount: 2 });
    expect(r.effects).toEqual([{ kind: 'access', projectId: 'p1', userId: 'bob' }]);
    expect(w.projects.get('p1')?.version).toBe(2);
    // Again: the same answer, no write.
    expect(applyMutation(w, bob, accept(), now).writes).toEqual([]);

    applyMutation(w, alice, invite(carol.email, 'viewer'), now, tokens(2));
    applyMutation(
      w,
      alice,
      { type: 'invitation.revoke', payload: { projectId: 'p1', invitationId: 'inv-2' } },
      now,
    );
    const revoked = refusal(w, carol, {
      type: 'invitation.accept',
      payload: { projectId: 'p1', invitationId: 'inv-2', tokenHash: 'hash-2' },
    });
    expect(revoked.code).toBe('NOT_FOUND');
  });

  it('setRole: the last owner cannot be demoted; with a second owner it can', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'editor'],
    ]);
    const demote = {
      type: 'member.setRole',
      payload: { projectId: 'p1', userId: 'alice', role: 'editor' },
    } as const;
    expect(refusal(w, alice, demote).code).toBe('LAST_OWNER');
    applyMutation(
      w,
      alice,
      { type: 'member.setRole', payload: { projectId: 'p1', userId: 'bob', role: 'owner' } },
      now,
    );
    const r = applyMutation(w, bob, demote, now);
    expect(r.effects).toEqual([{ kind: 'access', projectId: 'p1', userId: 'alice' }]);
    expect(membersOf(w, 'p1').get('alice')?.role).toBe('editor');
    expect(w.projects.get('p1')?.version).toBe(3);
  });

  it('setRole to the role a member already has writes nothing', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'editor'],
    ]);
    const r = applyMutation(
      w,
      alice,
      { type: 'member.setRole', payload: { projectId: 'p1', userId: 'bob', role: 'editor' } },
      now,
    );
    expect(r.writes).toEqual([]);
    expect(r.effects).toEqual([]);
  });

  it('remove: any member may leave, only owners remove others, the last owner stays', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'editor'],
      [carol, 'viewer'],
    ]);
    expect(
      refusal(w, bob, { type: 'member.remove', payload: { projectId: 'p1', userId: 'carol' } })
        .code,
    ).toBe('FORBIDDEN');
    expect(
      refusal(w, alice, { type: 'member.remove', payload: { projectId: 'p1', userId: 'alice' } })
        .code,
    ).toBe('LAST_OWNER');
    expect(
      refusal(w, alice, { type: 'member.remove', payload: { projectId: 'p1', userId: 'dave' } })
        .code,
    ).toBe('NOT_FOUND');
    const r = applyMutation(
      w,
      carol,
      { type: 'member.remove', payload: { projectId: 'p1', userId: 'carol' } },
      now,
    );
    expect(r.effects).toEqual([{ kind: 'access', projectId: 'p1', userId: 'carol' }]);
    expect(membersOf(w, 'p1').has('carol')).toBe(false);
  });
});

describe('settings and PDF rules', () => {
  it('[B6] settings: changes merge field by field over what is stored', () => {
    const w = emptyWorld();
    w.settings.set('alice', JSON.stringify({ theme: 'dark' }));
    const r = applyMutation(
      w,
      alice,
      { type: 'settings.update', payload: { changes: { showGuidance: false } } },
      now,
    );
    expect(r.outcome.row).toMatchObject({ theme: 'dark', showGuidance: false });
  });

  it('making a PDF primary demotes the study’s previous primary, not other studies’', () => {
    const w = world([[alice, 'owner']]);
    w.pdfs.set('a', pdf('a', 'primary'));
    w.pdfs.set('b', pdf('b', 'secondary'));
    w.pdfs.set('c', pdf('c', 'primary', 's2'));
    const r = applyMutation(
      w,
      alice,
      { type: 'pdf.update', payload: { projectId: 'p1', id: 'b', patch: { tag: 'primary' } } },
      now,
    );
    expect(r.outcome.row).toMatchObject({ id: 'b', tag: 'primary', version: 2 });
    expect(w.pdfs.get('a')).toMatchObject({ tag: 'secondary', version: 2 });
    expect(w.pdfs.get('c')).toMatchObject({ tag: 'primary', version: 1 });
  });

  it('[B6] a PDF update with a stale ifVersion is CONFLICT and demotes nothing', () => {
    const w = world([[alice, 'owner']]);
    w.pdfs.set('a', pdf('a', 'primary'));
    w.pdfs.set('b', pdf('b', 'secondary'));
    const e = refusal(w, alice, {
      type: 'pdf.update',
      payload: { projectId: 'p1', id: 'b', patch: { tag: 'primary' }, ifVersion: 4 },
    });
    expect(e).toMatchObject({
      code: 'CONFLICT',
      details: { current: { id: 'b', tag: 'secondary' } },
    });
    expect(w.pdfs.get('a')?.tag).toBe('primary');
  });

  it('a PDF of another project is NOT_FOUND; delete names the bytes to remove', () => {
    const w = world([
      [alice, 'owner'],
      [bob, 'viewer'],
    ]);
    w.pdfs.set('a', { ...pdf('a', 'primary'), projectId: 'p9' });
    w.pdfs.set('b', pdf('b', 'secondary'));
    expect(
      refusal(w, alice, { type: 'pdf.delete', payload: { projectId: 'p1', id: 'a' } }).code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(w, bob, { type: 'pdf.delete', payload: { projectId: 'p1', id: 'b' } }).code,
    ).toBe('FORBIDDEN');
    const r = applyMutation(
      w,
      alice,
      { type: 'pdf.delete', payload: { projectId: 'p1', id: 'b' } },
      now,
    );
    expect(r.effects).toEqual([
      { kind: 'objectDeleted', key: 'projects/p1/pdfs/b' },
      { kind: 'pdfChanged', projectId: 'p1' },
    ]);
    expect(w.pdfs.has('b')).toBe(false);
  });
});
