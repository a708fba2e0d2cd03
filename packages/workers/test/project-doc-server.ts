import { env } from 'cloudflare:test';
import * as Y from 'yjs';
import { call } from './api.ts';
import { DocSocket, until } from './doc-socket.ts';
import { toB64 } from './v2-project.ts';

/** The project's Durable Object, by the project id its Worker route names it with. */
export const projectDocStub = (projectId: string) =>
  env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));

/** The project document as the server holds it now. */
export async function serverDoc(projectId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await projectDocStub(projectId).encodeState());
  return doc;
}

/** Sends one edit of a synced copy of the server's project document over the HTTP fallback. */
export async function editOverHttp(projectId: string, cookie: string, edit: (d: Y.Doc) => void) {
  const copy = await serverDoc(projectId);
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return call('POST', `/api/reconcile/doc/${projectId}`, {
    cookie,
    body: {
      update: toB64(Y.encodeStateAsUpdate(copy, before)),
      stateVector: toB64(Y.encodeStateVector(copy)),
    },
  });
}

/** The upgrade's status when refused before it (a withheld checklist: 404), else the synced socket. */
export async function tryChecklist(projectId: string, cookie: string, checklistId: string) {
  const s = await DocSocket.open(projectId, cookie, { checklistId });
  if (s instanceof Response) return s.status;
  await until(() => s.synced || s.closed !== undefined, 'sync or close');
  return s;
}
