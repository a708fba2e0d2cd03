import { useMutation } from '@tanstack/solid-query';
import type { Role } from '@corates/shared';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { useCachedMembers } from '../sync/metadata/use-metadata.ts';

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
