import type { OpPayload } from '@corates/shared';

/** The op types the benchmark's mix uses: the metadata edits a user makes most. */
type MixedOp =
  'project.create' | 'project.update' | 'member.add' | 'member.setRole' | 'settings.update';

/** One mutation as the sync engine queues it (the shape of `engine.enqueue`'s argument). */
export type Mutation = { [T in MixedOp]: { type: T; payload: OpPayload<T> } }[MixedOp];

/** The account every benchmark project shares, so there are member roles to change. */
export interface Collaborator {
  userId: string;
  email: string;
}

/** Ops the replay mix spends on each project, in the order a user would make them. */
export const OPS_PER_PROJECT = 10;

/**
 * `count` mutations as one user makes them over a working session: each project is created,
 * shared with the collaborator, renamed three times, the collaborator's role changed three
 * times, and user settings changed twice along the way. Per ten ops: 1 create, 1 member add,
 * 3 renames, 3 role changes, 2 settings changes. Every prefix is valid, so `count` need not be a
 * multiple of ten. `newId` gives each project its client-chosen UUID.
 */
export function replayMix(count: number, collaborator: Collaborator, newId: () => string) {
  const mutations: Mutation[] = [];
  for (let k = 0; mutations.length < count; k++) {
    const id = newId();
    const name = `Review ${k + 1}`;
    const role = (r: 'editor' | 'viewer'): Mutation => ({
      type: 'member.setRole',
      payload: { projectId: id, userId: collaborator.userId, role: r },
    });
    const rename = (suffix: string): Mutation => ({
      type: 'project.update',
      payload: { id, name: `${name}: ${suffix}` },
    });
    const project: Mutation[] = [
      { type: 'project.create', payload: { id, name, description: '' } },
      {
        type: 'member.add',
        payload: { projectId: id, email: collaborator.email, role: 'viewer' },
      },
      rename('protocol'),
      role('editor'),
      { type: 'settings.update', payload: { changes: { theme: k % 2 === 0 ? 'dark' : 'light' } } },
      rename('screening'),
      role('viewer'),
      rename('appraisal'),
      role('editor'),
      { type: 'settings.update', payload: { changes: { showGuidance: k % 2 === 1 } } },
    ];
    mutations.push(...project.slice(0, count - mutations.length));
  }
  return mutations;
}

/**
 * Mutations that leave exactly `rows` rows in the owner's metadata (or the largest number below
 * it that the shape allows): one settings row, then projects of three rows each (the project,
 * the owner's membership, the collaborator's). The data set the pull scenario reads back.
 */
export function pullSeed(rows: number, collaborator: Collaborator, newId: () => string) {
  const mutations: Mutation[] = [
    { type: 'settings.update', payload: { changes: { theme: 'dark' } } },
  ];
  for (let k = 0; k < Math.floor((rows - 1) / 3); k++) {
    const id = newId();
    mutations.push(
      { type: 'project.create', payload: { id, name: `Pulled ${k + 1}`, description: '' } },
      { type: 'member.add', payload: { projectId: id, email: collaborator.email, role: 'editor' } },
    );
  }
  return mutations;
}

/** The same mutation as the REST call a client without the op-queue makes (openapi.json). */
export interface RestCall {
  method: 'POST' | 'PATCH';
  path: string;
  body?: unknown;
}

export function restCallFor(mutation: Mutation): RestCall {
  const seg = encodeURIComponent;
  switch (mutation.type) {
    case 'project.create':
      return { method: 'POST', path: '/api/projects', body: mutation.payload };
    case 'project.update': {
      const { id, ...body } = mutation.payload;
      return { method: 'PATCH', path: `/api/projects/${seg(id)}`, body };
    }
    case 'member.add': {
      const { projectId, ...body } = mutation.payload;
      return { method: 'POST', path: `/api/projects/${seg(projectId)}/members`, body };
    }
    case 'member.setRole': {
      const { projectId, userId, role } = mutation.payload;
      return {
        method: 'PATCH',
        path: `/api/projects/${seg(projectId)}/members/${seg(userId)}`,
        body: { role },
      };
    }
    case 'settings.update':
      return { method: 'PATCH', path: '/api/me/settings', body: mutation.payload.changes };
  }
}

/** What the server should hold after `mutations`: each project's last name and member count. */
export function expectedProjects(mutations: readonly Mutation[]) {
  const projects = new Map<string, { name: string; memberCount: number }>();
  for (const m of mutations) {
    if (m.type === 'project.create')
      projects.set(m.payload.id, { name: m.payload.name, memberCount: 1 });
    const id =
      m.type === 'project.update'
        ? m.payload.id
        : m.type === 'member.add'
          ? m.payload.projectId
          : undefined;
    const project = id === undefined ? undefined : projects.get(id);
    if (!project) continue;
    if (m.type === 'project.update' && m.payload.name !== undefined) project.name = m.payload.name;
    if (m.type === 'member.add') project.memberCount += 1;
  }
  return projects;
}
