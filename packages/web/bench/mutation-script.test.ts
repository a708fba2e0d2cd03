import { describe, expect, it } from 'vitest';
import {
  addMemberSchema,
  createProjectSchema,
  opPayloadSchemas,
  updateMemberSchema,
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
      'member.setRole',
      'settings.update',
      'project.update',
      'member.setRole',
      'project.update',
      'member.setRole',
      'settings.update',
    ]);
  });

  it('has the documented proportions over 10,000 ops', () => {
    expect(countByType(replayMix(10_000, collaborator, counter()))).toEqual({
      'project.create': 1_000,
      'member.add': 1_000,
      'project.update': 3_000,
      'member.setRole': 3_000,
      'settings.update': 2_000,
    });
  });

  it('gives exactly the count asked for, each count a prefix of a longer run', () => {
    const long = replayMix(57, collaborator, counter());
    for (const n of [1, 9, 10, 11, 57]) {
      expect(replayMix(n, collaborator, counter())).toEqual(long.slice(0, n));
    }
  });

  it('only ever changes a project it created and shared before', () => {
    const created = new Set<string>();
    const shared = new Set<string>();
    for (const m of replayMix(1_000, collaborator, counter())) {
      expect(opPayloadSchemas[m.type].safeParse(m.payload).success).toBe(true);
      if (m.type === 'project.create') created.add(m.payload.id);
      if (m.type === 'member.add') shared.add(m.payload.projectId);
      if (m.type === 'project.update') expect(created.has(m.payload.id)).toBe(true);
      if (m.type === 'member.setRole') {
        expect(shared.has(m.payload.projectId)).toBe(true);
        expect(m.payload.userId).toBe(collaborator.userId);
      }
    }
    expect(created.size).toBe(100);
  });
});

describe('pullSeed', () => {
  it('leaves 1 settings row and 3 rows per project: exactly 10,000 rows', () => {
    const seed = pullSeed(10_000, collaborator, counter());
    expect(countByType(seed)).toEqual({
      'settings.update': 1,
      'project.create': 3_333,
      'member.add': 3_333,
    });
    for (const m of seed) expect(opPayloadSchemas[m.type].safeParse(m.payload).success).toBe(true);
  });

  it('stays at or below the rows asked for when they do not divide evenly', () => {
    expect(countByType(pullSeed(12, collaborator, counter()))['project.create']).toBe(3); // 10 rows
    expect(countByType(pullSeed(4, collaborator, counter()))['project.create']).toBe(1);
  });
});

describe('restCallFor', () => {
  const [create, add, rename, setRole, settings] = replayMix(5, collaborator, counter()) as [
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
      [setRole, 'PATCH', `/api/projects/${id}/members/user-colleague`, updateMemberSchema],
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
      type: 'member.setRole',
      payload: { projectId: 'a/b', userId: 'c?d', role: 'viewer' },
    });
    expect(call.path).toBe('/api/projects/a%2Fb/members/c%3Fd');
  });
});

describe('expectedProjects', () => {
  it('is each project with its last name and its member count', () => {
    const mix = replayMix(23, collaborator, counter());
    const expected = expectedProjects(mix);
    expect([...expected.values()]).toEqual([
      { name: 'Review 1: appraisal', memberCount: 2 },
      { name: 'Review 2: appraisal', memberCount: 2 },
      { name: 'Review 3: protocol', memberCount: 2 },
    ]);
    const third = '00000000-0000-4000-8000-000000000003';
    expect(expectedProjects(mix.slice(0, 21)).get(third)).toEqual({
      name: 'Review 3',
      memberCount: 1,
    });
  });
});
