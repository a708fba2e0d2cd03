/**
 * The project page's tabs and their paths under `/projects/:projectId` (the studies at the
 * project's own address). A small module: the route table imports it into the first load.
 */
export const PROJECT_TABS = [
  { path: '', label: 'Studies', view: 'all' },
  { path: 'todo', label: 'My to-do', view: 'todo' },
  { path: 'to-reconcile', label: 'Ready to reconcile', view: 'to-reconcile' },
  { path: 'completed', label: 'Completed', view: 'completed' },
  { path: 'overview', label: 'Overview', view: null },
  { path: 'members', label: 'Members', view: null },
  { path: 'settings', label: 'Settings', view: null },
] as const;

export type ProjectTab = (typeof PROJECT_TABS)[number];

/** The tab segments the route accepts after the project id. */
export const PROJECT_TAB_PATHS: string[] = PROJECT_TABS.map((t) => t.path).filter(Boolean);

/** The tab of a path segment (none: the studies). */
export function projectTab(segment: string | undefined): ProjectTab {
  return PROJECT_TABS.find((t) => t.path === (segment ?? '')) ?? PROJECT_TABS[0];
}
