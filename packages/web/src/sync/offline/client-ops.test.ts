import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_SETTINGS, OP_TYPES, type Project } from '@corates/shared';
import { emptyDraft, memberKey } from './cache-draft.ts';
import { CLIENT_OPS, type ClientOps, type OpLike, baseForQueuedOps } from './cache-reducer.ts';
import { entityKeyOf } from './db.ts';

const AT = '2026-01-01T00:00:00.000Z';
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const P3 = '33333333-3333-4333-8333-333333333333';

const project = (id: string): Project => ({
  id,
  name: 'Review',
  description: '',
  role: 'owner',
  memberCount: 1,
  createdAt: AT,
  updatedAt: AT,
  version: 1,
});
const op = (type: OpLike['type'], payload: unknown): OpLike => ({
  type,
  payload,
  clientVersion: '0.2.0',
  createdAt: AT,
});

describe('the client part of each op type', () => {
  it('is defined for every op type', () => {
    expect(Object.keys(CLIENT_OPS).sort()).toEqual([...OP_TYPES].sort());
  });

  it('missing for one op type does not compile', () => {
    const { 'settings.update': _dropped, ...rest } = CLIENT_OPS;
    // @ts-expect-error settings.update has no client part
    const incomplete: ClientOps = rest;
    expect(Object.keys(incomplete)).not.toContain('settings.update');
  });

  it('names the row each op marks pending, from the payload as queued', () => {
    expect(entityKeyOf('project.update', { id: P1, name: 'B' })).toBe(`project:${P1}`);
    expect(entityKeyOf('member.add', { projectId: P1, email: 'b@example.org' })).toBe(
      `project:${P1}`,
    );
    expect(entityKeyOf('member.setRole', { projectId: P1, userId: 'u-2', role: 'viewer' })).toBe(
      `membership:${P1}:u-2`,
    );
    expect(entityKeyOf('settings.update', { changes: {} })).toBe('settings:user');
    expect(entityKeyOf('pdf.delete', { projectId: P1, id: 'f1' })).toBe('pdf:f1');
    // A payload that is not an object still gets a key (the server will refuse the op).
    expect(entityKeyOf('project.delete', null)).toBe('project:undefined');
  });
});

describe('baseForQueuedOps', () => {
  it('keeps the projects the queued ops change, and the settings only under a settings op', () => {
    const draft = emptyDraft();
    for (const id of [P1, P2, P3]) draft.projects.set(id, project(id));
    draft.memberships.set(memberKey(P2, 'u-2'), {
      projectId: P2,
      userId: 'u-2',
      name: 'B',
      email: 'b@example.org',
      role: 'editor',
      joinedAt: AT,
    });
    draft.settings = { ...DEFAULT_USER_SETTINGS, theme: 'dark' };

    const base = baseForQueuedOps(draft, [
      op('project.update', { id: P1, name: 'B' }),
      op('member.remove', { projectId: P2, userId: 'u-2' }),
    ]);
    expect([...base.projects.keys()].sort()).toEqual([P1, P2]);
    expect([...base.memberships.keys()]).toEqual([memberKey(P2, 'u-2')]);
    expect(base.settings).toBeUndefined();

    const withSettings = baseForQueuedOps(draft, [op('settings.update', { changes: {} })]);
    expect(withSettings.projects.size).toBe(0);
    expect(withSettings.settings).toBe(draft.settings);
  });
});
