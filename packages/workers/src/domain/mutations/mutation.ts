import { projectOfOp, type OpPayload, type OpType } from '@corates/shared';

/**
 * Mutations only REST routes start, never a synced op: revoking needs the owner online to see
 * the invitation, and accepting needs the link's token, looked up (by its hash) before the rule.
 */
interface RoutePayloads {
  'invitation.revoke': { projectId: string; invitationId: string };
  'invitation.accept': { projectId: string; invitationId: string; tokenHash: string };
}
export type RouteMutationType = keyof RoutePayloads;
export type MutationType = OpType | RouteMutationType;
export type PayloadOf<T extends MutationType> = T extends OpType
  ? OpPayload<T>
  : T extends RouteMutationType
    ? RoutePayloads[T]
    : never;

/** One mutation, validated: the same shape whether it came as a synced op or a REST call. */
export type Mutation = { [T in MutationType]: { type: T; payload: PayloadOf<T> } }[MutationType];

/**
 * The project a mutation reads and changes, whose role the access check reads: an op's is its
 * shared definition's (OP_DEFINITIONS), an invitation's the one it invites to. Undefined for
 * the caller's own settings.
 */
export function projectOfMutation(mutation: Mutation): string | undefined {
  switch (mutation.type) {
    case 'invitation.revoke':
    case 'invitation.accept':
      return mutation.payload.projectId;
    default:
      return projectOfOp(mutation.type, mutation.payload);
  }
}
