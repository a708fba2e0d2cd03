import type { Role } from '@corates/shared';

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

/** What each role may do, shown where a role is chosen. */
export const ROLE_DESCRIPTION: Readonly<Record<Role, string>> = {
  owner: 'manages members and settings',
  editor: 'appraises and edits',
  viewer: 'reads only',
};
