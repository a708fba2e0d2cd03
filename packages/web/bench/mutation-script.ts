import type { OpPayload } from '@corates/shared';

/** The op types the benchmark's mix uses: the metadata edits a user makes most. */
type MixedOp = 'project.create' | 'project.update' | 'member.add' | 'settings.update';

/** One mutation as the sync engine queues it (the shape of `engine.enqueue`'s argument). */
export type Mutation = { [T in MixedOp]: { type: T; payload: OpPayload<T> } }[MixedOp];

/** The account every benchmark project invites (and invites again with another role). */
export interface Collaborator {
  userId: string;
  email: string;
}

/** Ops the replay mix spends on each project, in the order a user would make them. */
export const OPS_PER_PROJECT = 10;

/**
 * `count` mutations as one user makes them over a working session: each project is created,
 * the collaborator invited, the project renamed three times, the invitation's role changed three
 * times (inviting again renews the pending invitation with the new role: people join only by
 * accepting, which is not an op), and user settings changed twice along the way. Per ten ops:
 * 1 create, 1 invitation, 3 renames, 3 re-invitations, 2 settings changes. Every prefix is valid,
 * so `count` need not be a multiple of ten. `newId` gives each project its client-chosen UUID.
 */
export function replayMix(count: number, collaborator: Collaborator, newId: () => string) {
  const mutations: Mutation[] = [];
  for (let k = 0; mutations.length < count; k++) {
    const id = newId();
    const name = `Review ${k + 1}`;
    const role = (r: 'editor' | 'viewer'): Mutation => ({
      type: 'member.add',
      payload: { projectId: id, email: collaborator.email, role: r },
    });
    const rename = (suffix: string): Mutation => ({
      type: 'project.update',
      payload: { id, name: `${name}: ${suffix}` },
    });
    const project: Mutation[] = [
      { type: 'project.create', payload: { id, name, description: '' } },
      role('viewer'),
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
 * it that the shape allows): one settings row, then projects of two rows each (the project and
 * the owner's membership; invitations are not in the feed). The data set the pull scenario reads
 * back.
 */
export function pullSeed(rows: number, newId: () => string) {
  const mutations: Mutation[] = [
    { type: 'settings.update', payload: { changes: { theme: 'dark' } } },
  ];
  for (let k = 0; k < Math.floor((rows - 1) / 2); k++) {
    const id = newId();
    mutations.push({
      type: 'project.create',
      payload: { id, name: `Pulled ${k + 1}`, description: '' },
    });
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
    case 'settings.update':
      return { method: 'PATCH', path: '/api/me/settings', body: mutation.payload.changes };
  }
}

/**
 * What the server should hold after `mutations`: each project's last name and member count (its
 * owner alone: invitations make no member until accepted).
 */
export function expectedProjects(mutations: readonly Mutation[]) {
  const projects = new Map<string, { name: string; memberCount: number }>();
  for (const m of mutations) {
    if (m.type === 'project.create')
      projects.set(m.payload.id, { name: m.payload.name, memberCount: 1 });
    if (m.type === 'project.update' && m.payload.name !== undefined) {
      const project = projects.get(m.payload.id);
      if (project) project.name = m.payload.name;
    }
  }
  return projects;
}
