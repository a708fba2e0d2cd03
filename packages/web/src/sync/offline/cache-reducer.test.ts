import { describe, expect, it } from 'vitest';
import type { Change, Project } from '@corates/shared';
import { type CacheDraft, cloneDraft, emptyDraft, memberKey } from './cache-draft.ts';
import { type OpLike, applyChanges, applyOp } from './cache-reducer.ts';

const me = { id: 'u-me', name: 'Me', email: 'me@example.org' };
const AT = '2026-01-01T00:00:00.000Z';
const PID = '11111111-1111-4111-8111-111111111111';

function serverProject(over: Partial<Project> = {}): Project {
  return {
    id: PID,
    name: 'Server name',
    description: '',
    role: 'owner',
    memberCount: 2,
    createdAt: AT,
    updatedAt: AT,
    version: 3,
    ...over,
  };
}
const member = (userId: string, role: 'owner' | 'editor' | 'viewer') => ({
  projectId: PID,
  userId,
  name: userId,
  email: `${userId}@example.org`,
  role,
  joinedAt: AT,
});
function seeded(): CacheDraft {
  const d = emptyDraft();
  d.projects.set(PID, serverProject());
  d.memberships.set(memberKey(PID, me.id), member(me.id, 'owner'));
  d.memberships.set(memberKey(PID, 'u-2'), member('u-2', 'editor'));
  return d;
}
const op = (type: OpLike['type'], payload: unknown, clientVersion = '0.1.0'): OpLike => ({
  type,
  payload,
  clientVersion,
  createdAt: AT,
});

describe('optimistic reducer', () => {
  it('[O1] create shows the project with its owner at once', () => {
    const d = emptyDraft();
    applyOp(d, op('project.create', { id: PID, name: 'Offline' }), me);
    expect(d.projects.get(PID)).toMatchObject({ name: 'Offline', role: 'owner', memberCount: 1 });
    expect(d.memberships.get(memberKey(PID, me.id))?.role).toBe('owner');
  });

  it('[O2] a create never overwrites the row the server already sent', () => {
    const d = seeded();
    const row = d.projects.get(PID);
    applyOp(d, op('project.create', { id: PID, name: 'Guess' }), me);
    expect(d.projects.get(PID)).toBe(row);
  });

  it('[O2] every op is idempotent: applying twice equals applying once', () => {
    const ops = [
      op('project.update', { id: PID, name: 'Renamed' }),
      op('member.setRole', { projectId: PID, userId: 'u-2', role: 'viewer' }),
      op('member.remove', { projectId: PID, userId: 'u-2' }),
      op('settings.update', { patch: { theme: 'dark' } }),
      op('project.delete', { id: PID }),
    ];
    for (const o of ops) {
      const once = seeded();
      applyOp(once, o, me);
      const twice = cloneDraft(once);
      applyOp(twice, o, me);
      expect([...twice.projects.values()]).toEqual([...once.projects.values()]);
      expect([...twice.memberships.values()]).toEqual([...once.memberships.values()]);
      expect(twice.settings).toEqual(once.settings);
    }
  });

  it('rename merges only the given fields', () => {
    const d = seeded();
    applyOp(d, op('project.update', { id: PID, name: 'Renamed' }), me);
    expect(d.projects.get(PID)).toMatchObject({ name: 'Renamed', version: 3, memberCount: 2 });
  });

  it('delete takes the project and its members out', () => {
    const d = seeded();
    applyOp(d, op('project.delete', { id: PID }), me);
    expect(d.projects.size).toBe(0);
    expect(d.memberships.size).toBe(0);
  });

  it("[O3] changing one's own role changes the project's role", () => {
    const d = seeded();
    applyOp(d, op('member.setRole', { projectId: PID, userId: me.id, role: 'editor' }), me);
    expect(d.projects.get(PID)?.role).toBe('editor');
  });

  it('[O3] removing a member recounts; removing oneself drops the project', () => {
    const d = seeded();
    applyOp(d, op('member.remove', { projectId: PID, userId: 'u-2' }), me);
    expect(d.projects.get(PID)?.memberCount).toBe(1);
    applyOp(d, op('member.remove', { projectId: PID, userId: me.id }), me);
    expect(d.projects.has(PID)).toBe(false);
  });

  it('settings patch over the defaults', () => {
    const d = emptyDraft();
    applyOp(d, op('settings.update', { patch: { staleAfterMinutes: 5 } }), me);
    expect(d.settings).toEqual({ theme: 'system', staleAfterMinutes: 5, showGuidance: true });
  });

  it('an op with a bad payload changes nothing', () => {
    const d = seeded();
    const before = cloneDraft(d);
    applyOp(d, op('project.update', { id: PID, name: '' }), me);
    expect(d.projects.get(PID)).toBe(before.projects.get(PID));
  });
});

describe('pull reducer', () => {
  const change = (c: Omit<Change, 'version'>): Change => ({ version: 1, ...c });

  it('[P1] an upsert replaces the cached row', () => {
    const d = seeded();
    applyChanges(
      d,
      [change({ entity: 'project', id: PID, op: 'upsert', row: serverProject({ name: 'New' }) })],
      me,
    );
    expect(d.projects.get(PID)?.name).toBe('New');
  });

  it('[P4] a project tombstone removes the project and its members', () => {
    const d = seeded();
    applyChanges(d, [change({ entity: 'project', id: PID, op: 'delete' })], me);
    expect(d.projects.size + d.memberships.size).toBe(0);
  });

  it("[P4] a tombstone of one's own membership is lost access", () => {
    const d = seeded();
    applyChanges(d, [change({ entity: 'membership', id: `${PID}:${me.id}`, op: 'delete' })], me);
    expect(d.projects.has(PID)).toBe(false);
  });

  it("[O3] another owner changing my role updates the project's role", () => {
    const d = seeded();
    applyChanges(
      d,
      [
        change({
          entity: 'membership',
          id: `${PID}:${me.id}`,
          op: 'upsert',
          row: member(me.id, 'viewer'),
        }),
      ],
      me,
    );
    expect(d.projects.get(PID)?.role).toBe('viewer');
  });

  it('a row that does not parse is skipped', () => {
    const d = seeded();
    applyChanges(d, [change({ entity: 'project', id: PID, op: 'upsert', row: { id: PID } })], me);
    expect(d.projects.get(PID)?.name).toBe('Server name');
  });

  it('settings upsert and tombstone', () => {
    const d = emptyDraft();
    const row = { theme: 'dark', staleAfterMinutes: 3, showGuidance: false };
    applyChanges(d, [change({ entity: 'settings', id: me.id, op: 'upsert', row })], me);
    expect(d.settings).toEqual(row);
    applyChanges(d, [change({ entity: 'settings', id: me.id, op: 'delete' })], me);
    expect(d.settings).toBeUndefined();
  });

  it('reads a settings op queued by an older build (patch) and by this one (changes) alike', () => {
    const d = emptyDraft();
    applyOp(d, op('settings.update', { patch: { theme: 'dark' } }, '0.1.2'), me);
    applyOp(d, op('settings.update', { changes: { showGuidance: false } }, '0.2.0'), me);
    expect(d.settings).toMatchObject({ theme: 'dark', showGuidance: false });
    // Outside the migration window the server will refuse it, so the cache does not show it.
    applyOp(d, op('settings.update', { patch: { theme: 'light' } }, '0.0.1'), me);
    expect(d.settings?.theme).toBe('dark');
  });
});

/** A small seeded PRNG (mulberry32), so a failing history can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A feed as the server writes it for `me`: a project arrives with my membership (in either
 * order); members join, change role and leave; projects are renamed, deleted, or I lose access.
 */
function feed(seed: number, steps: number): Change[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const projectIds = [
    PID,
    '22222222-2222-4222-8222-222222222222',
    '33333333-3333-4333-8333-333333333333',
  ];
  const roles = ['owner', 'editor', 'viewer'] as const;
  const present = new Set<string>();
  const changes: Change[] = [];
  let version = 0;
  const push = (c: Omit<Change, 'version'>) => changes.push({ ...c, version: ++version });
  const row = (id: string) =>
    serverProject({
      id,
      name: `Name ${version}`,
      memberCount: 1 + Math.floor(rnd() * 4),
      role: pick(roles),
    });
  const membership = (projectId: string, userId: string) =>
    push({
      entity: 'membership',
      id: `${projectId}:${userId}`,
      op: 'upsert',
      row: { ...member(userId, pick(roles)), projectId },
    });
  for (let i = 0; i < steps; i++) {
    const id = pick(projectIds);
    if (!present.has(id)) {
      const arrivals = [
        () => push({ entity: 'project', id, op: 'upsert', row: row(id) }),
        () => membership(id, me.id),
      ];
      if (rnd() < 0.5) arrivals.reverse();
      arrivals.forEach((arrive) => arrive());
      present.add(id);
      continue;
    }
    const other = pick(['u-2', 'u-3']);
    switch (pick(['join', 'join', 'leave', 'rename', 'myRole', 'lost', 'deleted'] as const)) {
      case 'join':
        membership(id, other);
        break;
      case 'leave':
        push({ entity: 'membership', id: `${id}:${other}`, op: 'delete' });
        break;
      case 'rename':
        push({ entity: 'project', id, op: 'upsert', row: row(id) });
        break;
      case 'myRole':
        membership(id, me.id);
        break;
      case 'lost':
        push({ entity: 'membership', id: `${id}:${me.id}`, op: 'delete' });
        present.delete(id);
        break;
      case 'deleted':
        push({ entity: 'project', id, op: 'delete' });
        present.delete(id);
        break;
    }
  }
  return changes;
}

describe('applyChanges brings member counts in line once per batch', () => {
  it('[O3] a feed applied whole, change by change, or in pages cut anywhere leaves the same cache', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const changes = feed(seed, 30);
      const whole = emptyDraft();
      applyChanges(whole, changes, me);
      const oneByOne = emptyDraft();
      for (const c of changes) applyChanges(oneByOne, [c], me);
      expect(whole, `seed ${seed}`).toEqual(oneByOne);
      const paged = emptyDraft();
      const rnd = random(seed * 7919);
      for (let i = 0; i < changes.length;) {
        const size = 1 + Math.floor(rnd() * 8);
        applyChanges(paged, changes.slice(i, i + size), me);
        i += size;
      }
      expect(paged, `seed ${seed}`).toEqual(whole);
    }
  });

  it('[O3] counts the cached members of every project a batch touched', () => {
    const d = emptyDraft();
    const change = (c: Omit<Change, 'version'>): Change => ({ version: 1, ...c });
    applyChanges(
      d,
      [
        change({
          entity: 'project',
          id: PID,
          op: 'upsert',
          row: serverProject({ memberCount: 9 }),
        }),
        change({
          entity: 'membership',
          id: `${PID}:${me.id}`,
          op: 'upsert',
          row: member(me.id, 'editor'),
        }),
        change({
          entity: 'membership',
          id: `${PID}:u-2`,
          op: 'upsert',
          row: member('u-2', 'viewer'),
        }),
        change({
          entity: 'membership',
          id: `${PID}:u-3`,
          op: 'upsert',
          row: member('u-3', 'viewer'),
        }),
        change({ entity: 'membership', id: `${PID}:u-3`, op: 'delete' }),
      ],
      me,
    );
    expect(d.projects.get(PID)).toMatchObject({ memberCount: 2, role: 'editor' });
  });
});
