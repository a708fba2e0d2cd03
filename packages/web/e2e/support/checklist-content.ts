import type * as Y from 'yjs';
import { readChecklist, readChecklistContent } from '@corates/shared/doc';
import { connectDoc, until, untilOnServer } from './doc-client.ts';

/**
 * Writes into a checklist's own document (document model v2) as the person with this cookie, as
 * the app would: `write` gets that document (its header changes go to the caller's project
 * document). The relay decides who may open a checklist document from its header, so this waits
 * for the header on the server first. Resolves once the server holds every answer written.
 */
export async function writeChecklistContent(
  projectId: string,
  cookie: string,
  checklistId: string,
  write: (content: Y.Doc) => void,
): Promise<void> {
  await untilOnServer(
    projectId,
    cookie,
    (d) => readChecklist(d, checklistId) !== undefined,
    `the header of ${checklistId} on the server`,
  );
  const client = connectDoc(projectId, cookie, checklistId);
  try {
    await until(() => client.provider.synced, `checklist ${checklistId} to sync`);
    write(client.doc);
    const answers = JSON.stringify(readChecklistContent(client.doc).answers);
    await untilOnServer(
      projectId,
      cookie,
      (d) => JSON.stringify(readChecklistContent(d).answers) === answers,
      `the answers of ${checklistId} on the server`,
      30_000,
      checklistId,
    );
  } finally {
    client.close();
  }
}
