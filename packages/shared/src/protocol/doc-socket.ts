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
 * The one application close code the server uses; the close reason is a {@link DocCloseReason}.
 * 4000–4999 is the range WebSocket leaves to applications.
 */
export const DOC_CLOSE_CODE = 4000;

/** Why the server closed a document socket. Clients branch on these to decide whether to reconnect. */
export const DocCloseReason = {
  /** The frame could not be decoded as a y-websocket message. Reconnecting is fine. */
  MALFORMED_FRAME: 'MALFORMED_FRAME',
  /** The frame was over the room's size limit. Reconnecting is fine; the edit was too large. */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** The user is no longer a member of the project. Do not reconnect. */
  MEMBERSHIP_REVOKED: 'MEMBERSHIP_REVOKED',
} as const;
export type DocCloseReason = (typeof DocCloseReason)[keyof typeof DocCloseReason];

/** Whether a client should try to reconnect after the server closed with this reason. */
export function shouldReconnect(reason: string): boolean {
  return reason !== DocCloseReason.MEMBERSHIP_REVOKED;
}

/** Largest single frame a room accepts (a pasted note is far below; a whole doc is not sent this way). */
export const DOC_MAX_MESSAGE_BYTES = 1024 * 1024;
