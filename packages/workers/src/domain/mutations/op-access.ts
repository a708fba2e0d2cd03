import type { OpType, Role } from '@corates/shared';
import type { Caller } from '../../openapi/inventory.ts';
import { AppError } from '../../lib/app-error.ts';
import { checkRole } from '../access.ts';
import { projectOfMutation, type Mutation, type RouteMutationType } from './mutation.ts';
import { roleIn, type Account, type World } from './world.ts';

/** The callers a mutation may name: a project role, or no project role at all. */
type MutationCaller = Extract<
  Caller,
  'signed-in' | 'viewer' | 'editor' | 'owner' | 'owner-or-self' | 'invited-address'
>;

/**
 * Who may send each op type. `authorize` checks project roles with these values before a rule
 * runs, and docs/endpoints.md lists them, so the inventory says what the server enforces. A new
 * op type needs an entry here (the type requires it) before either compiles.
 */
export const OP_ACCESS = {
  'project.create': 'signed-in',
  'project.update': 'editor',
  'project.delete': 'owner',
  'member.add': 'owner',
  'member.setRole': 'owner',
  'member.remove': 'owner-or-self',
  // The caller's own settings: no project involved.
  'settings.update': 'signed-in',
  'pdf.update': 'editor',
  'pdf.delete': 'editor',
} as const satisfies Record<OpType, MutationCaller>;

/** Who may run the mutations only REST routes start (their routes' inventory entries say the same). */
const ROUTE_ACCESS = {
  'invitation.revoke': 'owner',
  // The rule compares the invited address, after telling an invalid or expired link apart.
  'invitation.accept': 'invited-address',
} as const satisfies Record<RouteMutationType, MutationCaller>;

const ACCESS: Record<Mutation['type'], MutationCaller> = { ...OP_ACCESS, ...ROUTE_ACCESS };

/** The project role `caller` needs for `mutation`, or undefined when it needs none. */
function requiredRole(mutation: Mutation, caller: Account): Role | undefined {
  const access = ACCESS[mutation.type];
  switch (access) {
    case 'signed-in':
    case 'invited-address':
      return undefined;
    case 'owner-or-self': {
      const { userId } = mutation.payload as { userId?: string };
      return userId === caller.id ? 'viewer' : 'owner';
    }
    case 'viewer':
    case 'editor':
    case 'owner':
      return access;
  }
}

/**
 * The mutations that change a project's content, refused on a mirror of another server's share
 * (federation): its pulls write it, nobody here. Its members are managed as anywhere else; it is
 * removed by unsubscribing, not deleted.
 */
const MIRROR_REFUSED: ReadonlySet<Mutation['type']> = new Set([
  'project.update',
  'project.delete',
  'pdf.update',
  'pdf.delete',
]);

/**
 * The access check of every mutation, made before its rule: throws NOT_FOUND for a caller who is
 * not a member of the mutation's project (its existence does not leak), FORBIDDEN below the role,
 * then MIRROR_READ_ONLY for a content change of a mirror project.
 */
export function authorize(world: World, caller: Account, mutation: Mutation): void {
  const required = requiredRole(mutation, caller);
  if (required === undefined) return;
  const projectId = projectOfMutation(mutation) ?? '';
  checkRole(roleIn(world, projectId, caller.id), required);
  if (MIRROR_REFUSED.has(mutation.type) && world.projects.get(projectId)?.mirrorOfSubscription)
    throw new AppError('MIRROR_READ_ONLY', "a mirror of another server's share is read-only");
}
