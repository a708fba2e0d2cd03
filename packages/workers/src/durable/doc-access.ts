import type { Role } from '@corates/shared';
import type { Bindings } from '../env.ts';
import { projectDoc } from './project-doc-stub.ts';

/**
 * Live document sockets follow membership changes at once, whether the change came through REST
 * or through a synced op.
 */
export const docAccess = {
  roleChanged: (env: Bindings, projectId: string, userId: string, role: Role) =>
    projectDoc(env, projectId).setAccess(userId, role),
  memberRemoved: (env: Bindings, projectId: string, userId: string) =>
    projectDoc(env, projectId).revoke(userId),
  projectDeleted: (env: Bindings, projectId: string) => projectDoc(env, projectId).destroy(),
};
