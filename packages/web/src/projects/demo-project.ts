import { DEMO_DESCRIPTION, writeDemoStudies } from '@corates/shared/doc';
import type { SyncEngine } from '../sync/offline/index.ts';
import { acquireChecklistDoc } from '../sync/doc/checklist-doc-provider.ts';
import { acquireProjectDoc } from '../sync/doc/project-doc-provider.ts';

/** Named so it is never mistaken for real work. */
export const DEMO_PROJECT_NAME = 'Demo: statins for primary prevention';

/** How long the new documents stay open for the project page, opened next, to take them. */
const HANDOVER_MS = 3_000;

/**
 * Creates a demo project owned by the user, as they would by hand: the project through the
 * offline op-queue, then the demo's studies and started appraisals (`writeDemoStudies`) into its
 * document and the checklists' own documents, which keep them in IndexedDB and sync them once the
 * server knows the project. So it works offline like any other project. Returns its id.
 */
export async function createDemoProject(engine: SyncEngine, userId: string): Promise<string> {
  // The id is chosen here so the offline project keeps it on the server.
  const projectId = crypto.randomUUID();
  await engine.enqueue({
    type: 'project.create',
    payload: { id: projectId, name: DEMO_PROJECT_NAME, description: DEMO_DESCRIPTION },
  });
  const project = acquireProjectDoc(projectId, userId);
  const checklists: { release(): void }[] = [];
  try {
    await project.loaded;
    writeDemoStudies(project.doc, { owner: userId }, (checklistId) => {
      const handle = acquireChecklistDoc(projectId, checklistId, userId);
      checklists.push(handle);
      return handle.doc;
    });
  } finally {
    setTimeout(() => {
      project.release();
      for (const handle of checklists) handle.release();
    }, HANDOVER_MS);
  }
  return projectId;
}
