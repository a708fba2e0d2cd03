import * as Y from 'yjs';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';

/**
 * The relay's HTTP fallback (`POST /api/reconcile/doc/…`): our update and state vector in, what
 * we lack and the server's state vector out, bytes as base64. Used where a socket is not worth
 * opening: the background sync of many checklist documents, read-only snapshots, and the server's
 * state vector the carry-over of an old copy's offline edits needs before the socket connects.
 */
export interface FallbackBody {
  update: string;
  stateVector: string;
}
export type DocFallback = (body: FallbackBody) => Promise<FallbackBody>;

/** The server will not let this member open the document now (404: blinded, withdrawn, or no header yet). */
export class DocWithheld extends Error {
  constructor() {
    super('the server withholds this document');
    this.name = 'DocWithheld';
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const fromBase64 = (text: string): Uint8Array =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** An update that changes nothing: asking without sending. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/** The server's state vector of a document, sending nothing and applying nothing. */
export async function serverStateVector(fallback: DocFallback, doc: Y.Doc): Promise<Uint8Array> {
  const answer = await fallback({
    update: toBase64(EMPTY_UPDATE),
    stateVector: toBase64(Y.encodeStateVector(doc)),
  });
  return fromBase64(answer.stateVector);
}

/**
 * Two-way sync of `doc` over the fallback: first what the server has that we lack, then, when we
 * hold something it lacks, that (computed from its state vector, so nothing is sent twice).
 * `origin` marks the server's update when applied (as a socket provider would).
 */
export async function syncOverHttp(fallback: DocFallback, doc: Y.Doc, origin: unknown) {
  const first = await fallback({
    update: toBase64(EMPTY_UPDATE),
    stateVector: toBase64(Y.encodeStateVector(doc)),
  });
  Y.applyUpdate(doc, fromBase64(first.update), origin);
  const missing = Y.encodeStateAsUpdate(doc, fromBase64(first.stateVector));
  if (isEmptyUpdate(missing)) return;
  await fallback({ update: toBase64(missing), stateVector: toBase64(Y.encodeStateVector(doc)) });
}

/** Whether an update carries neither items nor deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

/** The app's fallback for the project document. */
export const projectFallback =
  (projectId: string): DocFallback =>
  (body) =>
    call(() =>
      api.POST('/api/reconcile/doc/{projectId}', { params: { path: { projectId } }, body }),
    );

/**
 * The app's fallback for a checklist document; rejects with `DocWithheld` on a 404, which the
 * relay answers for a checklist this member may not open now as for one it does not have ([R17]).
 */
export const checklistFallback =
  (projectId: string, checklistId: string): DocFallback =>
  (body) =>
    withheldOnNotFound(() =>
      api.POST('/api/reconcile/doc/{projectId}/checklists/{checklistId}', {
        params: { path: { projectId, checklistId } },
        body,
      }),
    );

async function call(request: () => Promise<{ data?: FallbackBody }>): Promise<FallbackBody> {
  const { data } = await request();
  if (!data) throw new Error('the server answered without a body');
  return data;
}

async function withheldOnNotFound(request: () => Promise<{ data?: FallbackBody }>) {
  try {
    return await call(request);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code === 'NOT_FOUND')
      throw new DocWithheld();
    throw e;
  }
}
