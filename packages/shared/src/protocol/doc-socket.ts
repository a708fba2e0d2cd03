/**
 * The project document WebSocket (`/api/projects/:projectId/doc`) speaks the standard y-websocket
 * protocol. These are the message types of its first varint, as y-websocket defines them.
 */
export const DocMessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/**
 * Why the server closed a document socket: the close reason is one of these, and its close code
 * comes from {@link DOC_CLOSE_CODES}.
 */
export const DocCloseReason = {
  /** The frame could not be decoded as a y-websocket message. Temporary: reconnecting is fine. */
  MALFORMED_FRAME: 'MALFORMED_FRAME',
  /**
   * The frame was over the room's size limit. Permanent: a stock client would send the same frame
   * again on every reconnect; the app sends such a backlog another way.
   */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** The user is no longer a member of the project. Permanent. */
  MEMBERSHIP_REVOKED: 'MEMBERSHIP_REVOKED',
  /** The project was deleted. Permanent. */
  PROJECT_DELETED: 'PROJECT_DELETED',
  /**
   * This build is below the server's `minSupportedClient` (the socket carried its version).
   * Permanent for this build: the app turns it into its upgrade flow, keeping queued edits.
   */
  CLIENT_TOO_OLD: 'CLIENT_TOO_OLD',
  /**
   * An update would give an entry of the document layout the wrong type (e.g. a study that is not
   * a map). Permanent: the client's copy holds the update and would send it again on every
   * reconnect; nothing of it was stored or relayed (rule R12 in workers/src/rooms/SPEC.md).
   */
  INVALID_DOCUMENT: 'INVALID_DOCUMENT',
  /**
   * The checklist document is not open to this member now (document model v2): blinded until both
   * reviewers are done, withdrawn by a change (blinding turned on, a checklist reopened, a role
   * lowered), or no such checklist. Permanent for this socket: the app opens it again when the
   * project document says it may.
   */
  CHECKLIST_WITHHELD: 'CHECKLIST_WITHHELD',
} as const;
export type DocCloseReason = (typeof DocCloseReason)[keyof typeof DocCloseReason];

/**
 * The close code of each reason — the one place they are decided. 4000–4999 is the range
 * WebSocket leaves to applications; y-websocket's stock `WebsocketProvider` (its default
 * `shouldReconnect`, y-websocket ≥ 3.1) treats 4400–4499 as permanent, mirroring HTTP 4xx, and
 * stops reconnecting, and every other code as temporary. So permanent refusals are 44xx (the
 * HTTP status they echo), temporary ones 4000–4399.
 */
export const DOC_CLOSE_CODES = {
  MALFORMED_FRAME: 4000,
  MEMBERSHIP_REVOKED: 4403,
  PROJECT_DELETED: 4410,
  MESSAGE_TOO_LARGE: 4413,
  CLIENT_TOO_OLD: 4426,
  INVALID_DOCUMENT: 4422,
  CHECKLIST_WITHHELD: 4412,
} as const satisfies Record<DocCloseReason, number>;

/** The close code for a reason. */
export function docCloseCode(reason: DocCloseReason): number {
  return DOC_CLOSE_CODES[reason];
}

/** Whether a close code is a permanent refusal (4400–4499), after which no client reconnects. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * Query parameter carrying the client's version on the document socket (a browser cannot set
 * `X-Client-Version` on a WebSocket). Below `minSupportedClient` the socket is closed with
 * `CLIENT_TOO_OLD`; a socket without it (a stock client) is let through, as REST calls without the
 * header are.
 */
export const DOC_CLIENT_VERSION_PARAM = 'clientVersion';

/** Largest single frame a room accepts (a pasted note is far below; a whole doc is not sent this way). */
export const DOC_MAX_MESSAGE_BYTES = 1024 * 1024;
