import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import type { AddMember } from '@corates/shared';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { projectKeys } from './query-keys.ts';
import {
  acceptInvitation,
  inviteMember,
  listInvitations,
  revokeInvitation,
} from './projects-api.ts';

/**
 * Invitations are REST calls, not queued ops: the answer (and, on a server without mail, the
 * link to pass on) is only useful while the inviter is there to read it, and the list is the
 * server's to say. Pending invitations are read by owners only.
 */
export function useInvitations(projectId: () => string, enabled: () => boolean) {
  return useQuery(() => ({
    queryKey: projectKeys.invitations(projectId()),
    queryFn: () => listInvitations(projectId()),
    enabled: enabled(),
  }));
}

/**
 * The queue is drained first: the project may have been created a moment ago and still be
 * queued, and the server must know it before it can invite to it.
 */
export function useInviteMember(projectId: () => string) {
  const engine = useSyncEngine();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    mutationFn: async (input: AddMember) => {
      await requireEngine(engine).flush();
      return inviteMember(projectId(), input);
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: projectKeys.invitations(projectId()) }),
  }));
}

export function useRevokeInvitation(projectId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    networkMode: 'always',
    mutationFn: (invitationId: string) => revokeInvitation(projectId(), invitationId),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: projectKeys.invitations(projectId()) }),
  }));
}

/** Accepting joins a project: the cache is pulled after, so the project shows like any other. */
export function useAcceptInvitation() {
  const engine = useSyncEngine();
  return useMutation(() => ({
    networkMode: 'always',
    mutationFn: async (token: string) => {
      const project = await acceptInvitation(token);
      await engine()?.flush();
      return project;
    },
  }));
}
