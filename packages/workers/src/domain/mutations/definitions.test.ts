import { OP_TYPES } from '@corates/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.ts';
import type { Mutation } from './mutation.ts';
import { authorize } from './op-access.ts';
import { applyMutation, MUTATIONS, type MutationDefinitions } from './rules.ts';
import type { Account, World } from './world.ts';
import { alice, bob, t0, worldWith } from './test-world.ts';

const stranger: Account = { id: 'zed', email: 'zed@example.org', name: 'Zed' };
const world = worldWith;

/** The code `authorize` throws, or 'allowed'. */
function access(w: World, caller: Account, mutation: Mutation): string {
  try {
    authorize(w, caller, mutation);
    return 'allowed';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe('the server’s mutation definitions', () => {
  it('define every op type and the two route-only mutations', () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual(
      [...OP_TYPES, 'invitation.accept', 'invitation.revoke'].sort(),
    );
  });

  it('a mutation type without a definition does not compile', () => {
    const { 'member.remove': _dropped, ...rest } = MUTATIONS;
    // @ts-expect-error member.remove has no definition
    const incomplete: MutationDefinitions = rest;
    expect(Object.keys(incomplete)).not.toContain('member.remove');
  });
});

describe('authorize: the access check before every rule', () => {
  const w = world([
    [alice, 'owner'],
    [bob, 'viewer'],
  ]);
  const rename: Mutation = { type: 'project.update', payload: { id: 'p1', name: 'B' } };

  it('[B7] hides the project from a non-member and refuses a member below the role', () => {
    expect(access(w, stranger, rename)).toBe('NOT_FOUND');
    expect(access(w, bob, rename)).toBe('FORBIDDEN');
    expect(access(w, alice, rename)).toBe('allowed');
  });

  it('[B7] lets any member remove themselves, only an owner remove someone else', () => {
    const remove = (userId: string): Mutation => ({
      type: 'member.remove',
      payload: { projectId: 'p1', userId },
    });
    expect(access(w, bob, remove('bob'))).toBe('allowed');
    expect(access(w, bob, remove('alice'))).toBe('FORBIDDEN');
    expect(access(w, alice, remove('bob'))).toBe('allowed');
    expect(access(w, stranger, remove('zed'))).toBe('NOT_FOUND');
  });

  it('[B7] asks no project role of the caller’s own settings, a create or accepting an invitation', () => {
    const settings: Mutation = { type: 'settings.update', payload: { changes: { theme: 'dark' } } };
    const create: Mutation = {
      type: 'project.create',
      payload: { id: '7d9c0e1a-3b2f-4c5d-8e6f-0a1b2c3d4e5f', name: 'New', description: '' },
    };
    const accept: Mutation = {
      type: 'invitation.accept',
      payload: { projectId: 'p1', invitationId: 'i1', tokenHash: 'h' },
    };
    expect(access(w, stranger, settings)).toBe('allowed');
    expect(access(w, stranger, create)).toBe('allowed');
    expect(access(w, stranger, accept)).toBe('allowed');
  });

  it('[B7] refuses a revoke to all but owners', () => {
    const revoke: Mutation = {
      type: 'invitation.revoke',
      payload: { projectId: 'p1', invitationId: 'i1' },
    };
    expect(access(w, bob, revoke)).toBe('FORBIDDEN');
    expect(access(w, stranger, revoke)).toBe('NOT_FOUND');
  });

  it('runs after the payload check: an empty update is VALIDATION_FAILED for anyone', () => {
    const empty: Mutation = { type: 'project.update', payload: { id: 'p1' } };
    for (const caller of [stranger, bob, alice]) {
      expect(() =>
        applyMutation(
          world([
            [alice, 'owner'],
            [bob, 'viewer'],
          ]),
          caller,
          empty,
          t0,
        ),
      ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
