/**
 * Query keys for project data. Members sit under their project's key, so invalidating a project
 * refreshes its members too; everything sits under `projects` for a blanket refresh.
 */
export const projectKeys = {
  all: ['projects'] as const,
  list: () => ['projects', 'list'] as const,
  detail: (projectId: string) => ['projects', 'detail', projectId] as const,
  members: (projectId: string) => ['projects', 'detail', projectId, 'members'] as const,
  invitations: (projectId: string) => ['projects', 'detail', projectId, 'invitations'] as const,
};
