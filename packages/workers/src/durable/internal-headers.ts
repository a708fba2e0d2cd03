/**
 * Headers the Worker sets on its own request to a ProjectDoc after checking the session and D1
 * membership. The Durable Object is not reachable from the internet, so these cannot be forged.
 */
export const DOC_INTERNAL_HEADERS = {
  userId: 'X-Corates-User-Id',
  /** The session user's display name, URI-encoded (header values are Latin-1 only). */
  userName: 'X-Corates-User-Name',
  projectId: 'X-Corates-Project-Id',
  canWrite: 'X-Corates-Can-Write',
  /** The member's role (`owner`, `editor`, `viewer`): [R15] only an owner may reopen a reconciliation. */
  role: 'X-Corates-Role',
  /** A checklist document's id (document model v2); absent for the project document. */
  checklistId: 'X-Corates-Checklist-Id',
  /** The client's version as the Worker checked it (absent for a client that sent none). */
  clientVersion: 'X-Corates-Client-Version',
} as const;
