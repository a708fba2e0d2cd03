import { type DocCloseReason, type Role, docCloseCode } from '@corates/shared';

/** What a room remembers per connection; survives Durable Object hibernation (serializeAttachment). */
export interface SocketState {
  userId: string;
  /**
   * The session user's display name, stamped on this socket's awareness states. Absent on
   * attachments written before it was added (then the name is empty).
   */
  userName?: string;
  canWrite: boolean;
  /**
   * The member's role in the project, as the project's object knew it at the upgrade ([R9]) and
   * `setAccess` updates it: [R15] only an owner's updates may reopen a finalized reconciliation. Absent on
   * attachments written before it was added (then no reopening until the socket reconnects).
   */
  role?: Role;
  /** The checklist document this socket joined (document model v2); absent: the project's. */
  doc?: string;
  /** The client's version, when it sent one ([R11]: closed once it falls below minSupportedClient). */
  clientVersion?: string;
  /**
   * Awareness client ids this socket owns, with the last clock seen for each. A client id is
   * owned by the first open socket that announces a state for it ([R10] in SPEC.md).
   */
  awareness: Record<string, number>;
}

/** One client connection as the room sees it. The Durable Object maps hibernatable WebSockets onto this. */
export interface RoomSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** The socket's state; the same object until `setState` replaces it, so never mutate it. */
  getState(): SocketState;
  setState(state: SocketState): void;
}

/** Closes a socket with a stable reason and that reason's code (permanent ones are 44xx). */
export function closeSocket(socket: RoomSocket, reason: DocCloseReason) {
  socket.close(docCloseCode(reason), reason);
}
