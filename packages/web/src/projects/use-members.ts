import { useMutation } from '@tanstack/solid-query';
import type { AddMember, Role } from '@corates/shared';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { useCachedMembers } from '../sync/metadata/use-metadata.ts';
import { addMember } from './projects-api.ts';

/** The cached members of a project, shaped like a query result. */
export function useMembers(projectId: () => string) {
  const engine = useSyncEngine();
  const members = useCachedMembers(projectId);
  return {
    get data() {
      return members.data();
    },
    get isPending() {
      return members.data() === undefined;
    },
    isError: false as const,
    error: undefined,
    refetch: () => engine()?.flush(),
  };
}

/**
 * Adding a member stays a REST call: the server must turn the email into an account, and the
 * form's answer ("no account uses that email") is only useful while the person is there to read
 * it. The queue is drained first (the project may have been created a moment ago, still queued),
 * and the cache pulled after, so the new row shows like any other.
 */
export function useAddMember(projectId: () => string) {
  const engine = useSyncEngine();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    mutationFn: async (input: AddMember) => {
      const e = requireEngine(engine);
      await e.flush();
      const member = await addMember(projectId(), input);
      await e.flush();
      return member;
    },
  }));
}

export function useChangeMemberRole(projectId: () => string) {
  const engine = useSyncEngine();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    mutationFn: async (vars: { userId: string; role: Role }) => {
      await requireEngine(engine).enqueue({
        type: 'member.setRole',
        payload: { projectId: projectId(), userId: vars.userId, role: vars.role },
      });
    },
  }));
}

export function useRemoveMember(projectId: () => string) {
  const engine = useSyncEngine();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    /** `leaving`: the caller removes themselves; the cache drops the project at once. */
    mutationFn: async (vars: { userId: string; leaving: boolean }) => {
      await requireEngine(engine).enqueue({
        type: 'member.remove',
        payload: { projectId: projectId(), userId: vars.userId },
      });
    },
  }));
}
