/**
 * Headers the Worker sets on its own request to a ProjectDoc after checking the session (the
 * object decides membership and role itself, [R9]). The Durable Object is not reachable from the
 * internet, so these cannot be forged; headers a client sent are overwritten or removed.
 */
export const DOC_INTERNAL_HEADERS = {
  userId: 'X-Corates-User-Id',
  /** The session user's display name, URI-encoded (header values are Latin-1 only). */
  userName: 'X-Corates-User-Name',
  projectId: 'X-Corates-Project-Id',
  /** A checklist document's id (document model v2); absent for the project document. */
  checklistId: 'X-Corates-Checklist-Id',
  /** The client's version as the Worker checked it (absent for a client that sent none). */
  clientVersion: 'X-Corates-Client-Version',
  /** On the object's 404 answer to an upgrade: why it refused ({@link DocRefusal}). */
  refused: 'X-Corates-Refused',
} as const;

/** Why the object refused an upgrade: not a member of the project, or [R17] a withheld checklist. */
export type DocRefusal = 'not-member' | 'checklist-withheld';
