import { describe, expect, it } from 'vitest';
import {
  addMemberSchema,
  createProjectSchema,
  opPayloadSchemas,
  updateProjectSchema,
  updateUserSettingsSchema,
} from '@corates/shared';
import {
  expectedProjects,
  type Mutation,
  OPS_PER_PROJECT,
  pullSeed,
  replayMix,
  restCallFor,
} from './mutation-script.ts';

const collaborator = { userId: 'user-colleague', email: 'colleague@bench.corates.dev' };

/** Ids p1, p2, … so runs can be compared. */
function counter() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function countByType(mutations: readonly Mutation[]) {
  const counts: Record<string, number> = {};
  for (const m of mutations) counts[m.type] = (counts[m.type] ?? 0) + 1;
  return counts;
}

describe('replayMix', () => {
  it('spends ten ops on each project in the order a user makes them', () => {
    expect(replayMix(OPS_PER_PROJECT, collaborator, counter()).map((m) => m.type)).toEqual([
      'project.create',
      'member.add',
      'project.update',
      'member.add',
      'settings.update',
      'project.update',
      'member.add',
      'project.update',
      'member.add',
      'settings.update',
    ]);
  });

  it('has the documented proportions over 10,000 ops', () => {
    expect(countByType(replayMix(10_000, collaborator, counter()))).toEqual({
      'project.create': 1_000,
      'member.add': 4_000,
      'project.update': 3_000,
      'settings.update': 2_000,
    });
  });

  it('gives exactly the count asked for, each count a prefix of a longer run', () => {
    const long = replayMix(57, collaborator, counter());
    for (const n of [1, 9, 10, 11, 57]) {
      expect(replayMix(n, collaborator, counter())).toEqual(long.slice(0, n));
    }
  });

  it('only ever changes or invites to a project it created before, and invites the collaborator', () => {
    const created = new Set<string>();
    for (const m of replayMix(1_000, collaborator, counter())) {
      expect(opPayloadSchemas[m.type].safeParse(m.payload).success).toBe(true);
      if (m.type === 'project.create') created.add(m.payload.id);
      if (m.type === 'project.update') expect(created.has(m.payload.id)).toBe(true);
      if (m.type === 'member.add') {
        expect(created.has(m.payload.projectId)).toBe(true);
        expect(m.payload.email).toBe(collaborator.email);
      }
    }
    expect(created.size).toBe(100);
  });
});

describe('pullSeed', () => {
  it('leaves 1 settings row and 2 rows per project: exactly 10,001 rows asked, 10,001 made', () => {
    const seed = pullSeed(10_001, counter());
    expect(countByType(seed)).toEqual({ 'settings.update': 1, 'project.create': 5_000 });
    for (const m of seed) expect(opPayloadSchemas[m.type].safeParse(m.payload).success).toBe(true);
  });

  it('stays at or below the rows asked for when they do not divide evenly', () => {
    expect(countByType(pullSeed(12, counter()))['project.create']).toBe(5); // 11 rows
    expect(countByType(pullSeed(4, counter()))['project.create']).toBe(1);
  });
});

describe('restCallFor', () => {
  const [create, add, rename, , settings] = replayMix(5, collaborator, counter()) as [
    Mutation,
    Mutation,
    Mutation,
    Mutation,
    Mutation,
  ];
  const id = '00000000-0000-4000-8000-000000000001';

  it('sends each mutation to its REST route with a body that route accepts', () => {
    const cases = [
      [create, 'POST', '/api/projects', createProjectSchema],
      [add, 'POST', `/api/projects/${id}/members`, addMemberSchema],
      [rename, 'PATCH', `/api/projects/${id}`, updateProjectSchema],
      [settings, 'PATCH', '/api/me/settings', updateUserSettingsSchema],
    ] as const;
    for (const [mutation, method, path, schema] of cases) {
      const call = restCallFor(mutation);
      expect({ method: call.method, path: call.path }).toEqual({ method, path });
      expect(schema.safeParse(call.body).success).toBe(true);
    }
  });

  it('keeps the client-chosen project id, so both peers create the same kind of row', () => {
    expect(restCallFor(create).body).toEqual({ id, name: 'Review 1', description: '' });
  });

  it('escapes ids in paths', () => {
    const call = restCallFor({
      type: 'member.add',
      payload: { projectId: 'a/b?c', email: 'x@example.org', role: 'viewer' },
    });
    expect(call.path).toBe('/api/projects/a%2Fb%3Fc/members');
  });
});

describe('expectedProjects', () => {
  it('is each project with its last name and its member count (invitations add none)', () => {
    const mix = replayMix(23, collaborator, counter());
    const expected = expectedProjects(mix);
    expect([...expected.values()]).toEqual([
      { name: 'Review 1: appraisal', memberCount: 1 },
      { name: 'Review 2: appraisal', memberCount: 1 },
      { name: 'Review 3: protocol', memberCount: 1 },
    ]);
    const third = '00000000-0000-4000-8000-000000000003';
    expect(expectedProjects(mix.slice(0, 21)).get(third)).toEqual({
      name: 'Review 3',
      memberCount: 1,
    });
  });
});
