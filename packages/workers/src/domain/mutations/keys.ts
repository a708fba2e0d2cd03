import { projectOfMutation, type Mutation } from './mutation.ts';
import { definitionOf } from './rules.ts';
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

/** Each mutation's project and the rows its definition `loads` besides. */
export function keysOf(caller: Account, mutations: readonly Mutation[]): WorldKeys {
  const projectIds = new Set<string>();
  const pdfIds = new Set<string>();
  let settingsOf: string | undefined;
  for (const m of mutations) {
    const projectId = projectOfMutation(m);
    if (projectId !== undefined) projectIds.add(projectId);
    const loads = definitionOf(m).loads?.(m.payload, caller);
    for (const id of loads?.pdfIds ?? []) pdfIds.add(id);
    settingsOf = loads?.settingsOf ?? settingsOf;
  }
  return { projectIds: [...projectIds], pdfIds: [...pdfIds], settingsOf };
}
