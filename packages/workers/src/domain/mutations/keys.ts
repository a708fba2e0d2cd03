import type { Mutation } from './rules.ts';
import type { Account } from './world.ts';

/** Every row a batch's rules may read, by key: what load-world.ts loads and the commit guards. */
export interface WorldKeys {
  /** Projects with their members and invitations. */
  projectIds: string[];
  /** PDFs by id; their studies' other PDFs come with them (making one primary demotes another). */
  pdfIds: string[];
  /** The caller's settings, when the batch changes them. */
  settingsOf: string | undefined;
}

export function keysOf(caller: Account, mutations: readonly Mutation[]): WorldKeys {
  const projectIds = new Set<string>();
  const pdfIds = new Set<string>();
  let settingsOf: string | undefined;
  for (const m of mutations) {
    switch (m.type) {
      case 'project.create':
      case 'project.update':
      case 'project.delete':
        projectIds.add(m.payload.id);
        break;
      case 'member.add':
      case 'member.setRole':
      case 'member.remove':
      case 'invitation.revoke':
      case 'invitation.accept':
        projectIds.add(m.payload.projectId);
        break;
      case 'settings.update':
        settingsOf = caller.id;
        break;
      case 'pdf.update':
      case 'pdf.delete':
        projectIds.add(m.payload.projectId);
        pdfIds.add(m.payload.id);
        break;
    }
  }
  return { projectIds: [...projectIds], pdfIds: [...pdfIds], settingsOf };
}
