import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DocMessageType } from '@corates/shared';
import type { RoomSocket, SocketState } from '../rooms/room-socket.ts';

/**
 * A y-websocket client without a network: its socket is the room's RoomSocket, and messages flow
 * when the test calls `deliver()` — so tests can delay, drop, duplicate and reorder them.
 */
export class FakeRoomClient implements RoomSocket {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Frames the room sent to this client, not yet delivered. */
  inbox: Uint8Array[] = [];
  /** Frames this client produced, not yet sent to the room. */
  outbox: Uint8Array[] = [];
  closed: { code: number; reason: string } | undefined;
  private state: SocketState;

  constructor(userId: string, canWrite = true, userName = `User ${userId}`) {
    this.state = { userId, userName, canWrite, awareness: {} };
    clearInterval(
      (this.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })
        ._checkInterval,
    );
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.outbox.push(
        encoding.encode((e) => {
          encoding.writeVarUint(e, DocMessageType.sync);
          syncProtocol.writeUpdate(e, update);
        }),
      );
    });
  }

  send(data: Uint8Array) {
    if (this.closed) throw new Error('socket closed');
    this.inbox.push(data.slice());
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
  getState() {
    return this.state;
  }
  setState(state: SocketState) {
    this.state = state;
  }

  /** What a y-websocket provider sends on open: its sync step 1 (and its awareness, if set). */
  hello() {
    this.outbox.push(
      encoding.encode((e) => {
        encoding.writeVarUint(e, DocMessageType.sync);
        syncProtocol.writeSyncStep1(e, this.doc);
      }),
    );
  }

  announce(state: Record<string, unknown>) {
    this.awareness.setLocalState(state);
    this.outbox.push(
      encoding.encode((e) => {
        encoding.writeVarUint(e, DocMessageType.awareness);
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
        );
      }),
    );
  }

  /** Sends a raw awareness update, entries as given (a forger's or an echoing provider's). */
  sendAwareness(entries: { clientId: number; clock: number; state: unknown }[]) {
    this.outbox.push(
      encoding.encode((e) => {
        encoding.writeVarUint(e, DocMessageType.awareness);
        encoding.writeVarUint8Array(
          e,
          encoding.encode((a) => {
            encoding.writeVarUint(a, entries.length);
            for (const entry of entries) {
              encoding.writeVarUint(a, entry.clientId);
              encoding.writeVarUint(a, entry.clock);
              encoding.writeVarString(a, JSON.stringify(entry.state));
            }
          }),
        );
      }),
    );
  }

  /** Processes every frame in the inbox as y-websocket would (answering step 1 into the outbox). */
  deliver() {
    const frames = this.inbox;
    this.inbox = [];
    for (const data of frames) {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === DocMessageType.sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, DocMessageType.sync);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
        if (encoding.length(reply) > 1) this.outbox.push(encoding.toUint8Array(reply));
      } else if (type === DocMessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          this,
        );
      }
    }
  }

  /** Remote awareness states, by client id. */
  peers(): Map<number, unknown> {
    const out = new Map(this.awareness.getStates());
    out.delete(this.doc.clientID);
    return out;
  }
}
