// What a user's document copies are called on this device. Everything is named under
// `corates-doc:<user>:` (IndexedDB) or `corates-doc-pending:<user>:` (localStorage), so signing out
// deletes it all by prefix (session/local-data.ts).

/** IndexedDB database of one user's copy of one project's document. */
export const docDatabaseName = (userId: string, projectId: string) =>
  `corates-doc:${userId}:${projectId}`;

/** Suffix of the IndexedDB database holding a document's unfinished upload of a large diff. */
export const UPLOAD_SUFFIX = ':upload';

/** IndexedDB database holding an unfinished upload of a large diff (deleted with the user's docs). */
export const uploadDatabaseName = (userId: string, projectId: string) =>
  `${docDatabaseName(userId, projectId)}${UPLOAD_SUFFIX}`;

/** IndexedDB database of one user's copy of one checklist document (document model v2). */
export const checklistDocDatabaseName = (userId: string, projectId: string, checklistId: string) =>
  `${docDatabaseName(userId, projectId)}:checklist:${checklistId}`;

/** localStorage key of the count of a project document's edits not yet on the server. */
export const pendingKey = (userId: string, projectId: string) =>
  `corates-doc-pending:${userId}:${projectId}`;
