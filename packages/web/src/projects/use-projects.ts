import { useMutation } from '@tanstack/solid-query';
import type { Project, UpdateProject } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { useCachedProject, useCachedProjects } from '../sync/metadata/use-metadata.ts';

// Project changes go through the offline op-queue: they show at once (optimistic, marked
// pending) and reach the server when it can be reached. Reads come from the Dexie cache
// (sync/metadata/use-metadata.ts), which the pull keeps current.

const notFoundError = () =>
  new ApiError({
    code: 'NOT_FOUND',
    status: 404,
    message: 'This project is not in your projects (deleted, or you are not a member).',
  });

/**
 * The cached projects, shaped like a query result so pages read them the same way. There is no
 * request to fail: offline, the list is the cache; the sync panel says how fresh it is.
 */
export function useProjects() {
  const engine = useSyncEngine();
  const projects = useCachedProjects();
  return {
    get data() {
      return projects.data();
    },
    get isPending() {
      return projects.data() === undefined;
    },
    isError: false as const,
    error: undefined,
    refetch: () => engine()?.flush(),
  };
}

/** One cached project; `NOT_FOUND` once a pull has run and the project is not in the cache. */
export function useProject(projectId: () => string) {
  const engine = useSyncEngine();
  const project = useCachedProject(projectId);
  return {
    get data() {
      return project.data();
    },
    get isPending() {
      return project.data() === undefined && !project.notFound();
    },
    get isError() {
      return project.notFound();
    },
    get error() {
      return project.notFound() ? notFoundError() : undefined;
    },
    refetch: () => engine()?.flush(),
  };
}

export function useCreateProject() {
  const engine = useSyncEngine();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    mutationFn: async (input: { name: string; description: string }): Promise<Project> => {
      const e = requireEngine(engine);
      // The id is chosen here so the offline project keeps it on the server.
      const id = crypto.randomUUID();
      await e.enqueue({ type: 'project.create', payload: { id, ...input } });
      const project = await e.db.projects.get(id);
      if (!project) throw new Error('The new project did not reach the local cache');
      return project;
    },
  }));
}

export function useUpdateProject() {
  const engine = useSyncEngine();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    mutationFn: async (vars: { projectId: string; patch: UpdateProject }) => {
      await requireEngine(engine).enqueue({
        type: 'project.update',
        payload: { id: vars.projectId, ...vars.patch },
      });
    },
  }));
}

export function useDeleteProject() {
  const engine = useSyncEngine();
  return useMutation(() => ({
    // The op-queue is the offline story; TanStack's own pause-while-offline would hang the form.
    networkMode: 'always',
    mutationFn: async (projectId: string) => {
      await requireEngine(engine).enqueue({ type: 'project.delete', payload: { id: projectId } });
    },
  }));
}
