import type { Role } from '@corates/shared';
import { emptyWorld, membersOf, type Account, type World } from './world.ts';

/** Fixtures of the mutation rules' unit tests (not part of the Worker). */

export const t0 = new Date('2026-01-01T00:00:00Z');
export const alice: Account = { id: 'alice', email: 'alice@example.org', name: 'Alice' };
export const bob: Account = { id: 'bob', email: 'bob@example.org', name: 'Bob' };

/** A world with project p1 (created by alice at t0) whose members have the given roles. */
export function worldWith(roles: [Account, Role][]): World {
  const w = emptyWorld();
  w.projects.set('p1', {
    id: 'p1',
    name: 'Review',
    description: '',
    createdBy: 'alice',
    version: 1,
    createdAt: t0,
    updatedAt: t0,
  });
  for (const [a, role] of roles) {
    membersOf(w, 'p1').set(a.id, {
      projectId: 'p1',
      userId: a.id,
      role,
      createdAt: t0,
      updatedAt: t0,
      email: a.email,
      name: a.name,
    });
  }
  return w;
}
