import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  DOC_MAX_MESSAGE_BYTES,
  DocCloseReason,
  DocMessageType,
  type Role,
  canReopenReconciliation,
} from '@corates/shared';
import { type RoomSocket, type SocketState, closeSocket } from './room-socket.ts';
import { checkUpdateLayout, InvalidDocumentUpdate } from './layout-guard.ts';
import type { RoomStorage } from './room-storage.ts';

export interface RoomOptions {
  /** The room's other live connections (the host knows them; the room keeps no list of its own). */
  sockets: () => RoomSocket[];
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates?: number;
  maxMessageBytes?: number;
  /** Called after every persisted document change (the host schedules the D1 export). */
  onChange?: () => void;
  /**
   * [R13] Runs `commit` once the updates that arrived together have been applied: a Durable
   * Object passes `commitScheduler` (commit-schedule.ts), whose timer fires after the frames the
   * runtime already holds, so a burst is stored in a few transactions instead of one disk sync per
   * update. Default: at once, one commit per update.
   */
  scheduleCommit?: (commit: () => void) => void;
  /**
   * [R13] Storing a group failed (the error is thrown after this returns). The group's senders
   * think the server has it, so the host must drop every socket, as a restart would: their
   * clients reconnect and send what the server lacks ([R5]).
   */
  onStorageFailed?: (error: RoomStorageFailed) => void;
  /**
   * Checks an update before it is applied; throws `InvalidDocumentUpdate` to refuse it whole.
   * Default: the project document's layout ([R12]) and reopen ([R15]) rules; a checklist
   * document (document model v2) passes its own layout's check.
   */
  validate?: (doc: Y.Doc, update: Uint8Array, mayReopen: boolean, userId?: string) => void;
}

class MalformedFrame extends Error {}

/**
 * [R13] Storing a group of updates failed: none of it was stored or sent, and the room has
 * forgotten its in-memory document (it reloads from storage on next use).
 */
export class RoomStorageFailed extends Error {
  constructor(cause: unknown) {
    super(`storing a group of document updates failed: ${String(cause)}`, { cause });
  }
}

/**
 * [R10] Awareness client ids one socket may own. A provider has one (its document's); the cap keeps
 * the socket's attachment (at most 2 KiB on a Durable Object) small whatever a client sends.
 */
export const MAX_OWNED_CLIENT_IDS = 8;

const CLOSE_ORIGIN = Symbol('socket-closed');
/**
 * The state vector of a client that holds nothing (zero entries): it asks for the whole document.
 * Written out, since a Y.Doc made at module load would draw a random client id, which a Worker
 * refuses outside a handler.
 */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/**
 * A project's Yjs room: the y-websocket protocol over an injected storage and socket set. Pure:
 * imports no `cloudflare:*` module, so it runs the same in a Durable Object, in Node tests and in
 * the benchmark. Rules it keeps (see SPEC.md):
 * [R1] an update is in storage before any socket hears of it;
 * [R2] updates from read-only sockets are dropped, their sync step 1 is still answered;
 * [R3] a malformed or oversized frame closes only that socket, with a stable reason;
 * [R4] closing a socket removes only that socket's awareness states;
 * [R10] awareness is accepted only for the socket's own client ids (a reconnect of the same user
 *   takes its id over from a socket left open), stamped with its user;
 * [R12] an update that would break the layout's types is refused whole (`layout-guard.ts`);
 * [R15] so is one from a non-owner that would reopen a finalized reconciliation;
 * [R13] updates that arrive together are stored in one transaction, then sent.
 */
export class ProjectRoom {
  private loaded:
    | {
        doc: Y.Doc;
        awareness: awarenessProtocol.Awareness;
        /**
         * The whole document as one update, kept until the next change: every new client (an empty
         * state vector) is sent exactly this, and encoding a long-edited document is the largest
         * part of answering one.
         */
        whole?: Uint8Array;
      }
    | undefined;
  /** [R10] Which open socket owns each awareness client id (built lazily from the attachments). */
  private owners: Map<number, RoomSocket> | undefined;
  private readonly compactAfter: number;
  private readonly maxBytes: number;
  private readonly scheduleCommit: (commit: () => void) => void;
  /** [R13] Applied updates not yet stored (nor sent), in order, with the socket each came from. */
  private group: { update: Uint8Array; origin: unknown }[] = [];
  private commitScheduled = false;
  /**
   * [R14] Sockets whose sync step 1 is not answered yet: document updates skip them, as the answer
   * holds every update before it. In memory only: after hibernation every socket counts as answered.
   */
  private readonly unanswered = new WeakSet<RoomSocket>();

  constructor(
    private readonly storage: RoomStorage,
    private readonly options: RoomOptions,
  ) {
    this.compactAfter = options.compactAfterUpdates ?? 500;
    this.maxBytes = options.maxMessageBytes ?? DOC_MAX_MESSAGE_BYTES;
    this.scheduleCommit = options.scheduleCommit ?? ((commit) => commit());
  }

  /**
   * The document, loaded from storage on first use (after a restart or hibernation). A pending
   * group is committed first, so what is read from here is never ahead of storage ([R1]).
   */
  get doc(): Y.Doc {
    this.commit();
    return this.load().doc;
  }

  private load() {
    if (this.loaded) return this.loaded;
    const doc = new Y.Doc();
    const snapshot = this.storage.loadSnapshot();
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of this.storage.loadUpdates()) Y.applyUpdate(doc, update);
    });
    doc.on('update', this.onDocUpdate);

    const awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant, and its 3 s outdated-state timer would keep a Durable
    // Object from hibernating; departures are handled on socket close instead.
    awareness.setLocalState(null);
    clearInterval(
      (awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval,
    );
    awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin === CLOSE_ORIGIN) return;
      const changed = [...added, ...updated, ...removed];
      this.broadcast(
        frame(DocMessageType.awareness, (e) =>
          encoding.writeVarUint8Array(
            e,
            awarenessProtocol.encodeAwarenessUpdate(awareness, changed),
          ),
        ),
      );
    });
    this.loaded = { doc, awareness };
    return this.loaded;
  }

  /** Updates made on the document itself (the server's writes, an upload, the HTTP fallback). */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) =>
    this.enqueue(update, origin);

  /** [R13] An applied update joins the group that the next scheduled commit stores. */
  private enqueue(update: Uint8Array, origin: unknown) {
    if (this.loaded) this.loaded.whole = undefined;
    this.group.push({ update, origin });
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    this.scheduleCommit(() => {
      this.commitScheduled = false;
      this.commit();
    });
  }

  /**
   * [R1][R13] Stores the pending group in one transaction, then everyone but each update's sender
   * hears it, in order. On a Durable Object the output gate holds the sends until the write is
   * durable. Called by the scheduled commit and before anything sends document state.
   */
  commit() {
    const group = this.group;
    if (group.length === 0) return;
    this.group = [];
    try {
      this.storage.appendUpdates(group.map((g) => g.update));
    } catch (e) {
      // The in-memory document holds updates that storage does not: forget it, so nothing unstored
      // is ever served; the host drops the sockets (onStorageFailed).
      this.loaded = undefined;
      const failure = new RoomStorageFailed(e);
      this.options.onStorageFailed?.(failure);
      throw failure;
    }
    const recipients = this.options.sockets().filter((s) => !this.unanswered.has(s));
    for (const { update, origin } of group) {
      const message = frame(DocMessageType.sync, (e) => syncProtocol.writeUpdate(e, update));
      for (const socket of recipients) if (socket !== origin) trySend(socket, message);
    }
    this.options.onChange?.();
    if (this.storage.updateCount() >= this.compactAfter) this.compact();
  }

  private broadcast(message: Uint8Array, except?: unknown) {
    for (const socket of this.options.sockets()) {
      if (socket === except) continue;
      trySend(socket, message);
    }
  }

  /** A new connection: ask for the client's missing updates (step 1) and show who is here. */
  onConnect(socket: RoomSocket) {
    this.unanswered.add(socket); // already among the host's sockets
    this.commit();
    const { doc, awareness } = this.load();
    trySend(
      socket,
      frame(DocMessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc)),
    );
    const states = [...awareness.getStates().keys()];
    if (states.length > 0) {
      trySend(
        socket,
        frame(DocMessageType.awareness, (e) =>
          encoding.writeVarUint8Array(
            e,
            awarenessProtocol.encodeAwarenessUpdate(awareness, states),
          ),
        ),
      );
    }
  }

  onMessage(socket: RoomSocket, data: Uint8Array) {
    if (data.byteLength > this.maxBytes) {
      closeSocket(socket, DocCloseReason.MESSAGE_TOO_LARGE);
      return;
    }
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case DocMessageType.sync:
          this.onSync(socket, decoder);
          break;
        case DocMessageType.awareness:
          this.onAwareness(socket, decoding.readVarUint8Array(decoder));
          break;
        case DocMessageType.queryAwareness: {
          const { awareness } = this.load();
          const ids = [...awareness.getStates().keys()];
          trySend(
            socket,
            frame(DocMessageType.awareness, (e) =>
              encoding.writeVarUint8Array(
                e,
                awarenessProtocol.encodeAwarenessUpdate(awareness, ids),
              ),
            ),
          );
          break;
        }
        case DocMessageType.auth:
          break; // permissions are decided at the upgrade, not in-band
        default:
          throw new MalformedFrame(`unknown message type ${type}`);
      }
    } catch (e) {
      if (e instanceof RoomStorageFailed) throw e; // not this client's fault: see onStorageFailed
      // [R3] whatever the decoder or Yjs choked on, only this socket goes; [R12] an update that
      // breaks the layout's types is refused with its own, permanent reason.
      closeSocket(
        socket,
        e instanceof InvalidDocumentUpdate
          ? DocCloseReason.INVALID_DOCUMENT
          : DocCloseReason.MALFORMED_FRAME,
      );
    }
  }

  private onSync(socket: RoomSocket, decoder: decoding.Decoder) {
    const kind = decoding.readVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const missing = this.missingFrom(decoding.readVarUint8Array(decoder));
      trySend(
        socket,
        frame(DocMessageType.sync, (e) => {
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, missing);
        }),
      );
      this.unanswered.delete(socket); // [R14] from now on it hears every update
      return;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new MalformedFrame(`unknown sync message ${kind}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    const state = socket.getState();
    if (!state.canWrite) return; // [R2]
    // [R13] stored and sent with its group; [R21] the sender's id decides "their own checklist"
    this.integrate(update, socket, mayReopen(state.role), state.userId);
  }

  /**
   * Validates the whole update before integrating it, so a bad one changes nothing: [R3] it must
   * decode, [R12] it must not give an entry of the layout the wrong type, and [R15] it must not
   * reopen a finalized reconciliation unless its sender is an owner (`mayReopen`) (throws
   * `InvalidDocumentUpdate`; nothing is stored or broadcast).
   */
  private integrate(update: Uint8Array, origin: unknown, mayReopen: boolean, userId?: string) {
    const { doc } = this.load();
    (this.options.validate ?? checkUpdateLayout)(doc, update, mayReopen, userId);
    // The sender's own bytes join the group, so Yjs is spared re-encoding what it integrated for
    // an 'update' event (profiled: a tenth of a quiet room's edit). Yjs updates are idempotent,
    // so storing and sending them as they came is what storing the re-encoding would do; one that
    // waits on a missing update is stored now rather than when the gap closes. An empty one (a
    // reconnecting client's sync step 2 with nothing new) is not kept.
    doc.off('update', this.onDocUpdate);
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (e) {
      this.loaded = undefined; // partly integrated and not stored: rebuilt from storage
      throw e;
    } finally {
      doc.on('update', this.onDocUpdate);
    }
    if (!isEmptyUpdate(update)) this.enqueue(update, origin);
  }

  /**
   * An update from outside a socket (an upload, the HTTP fallback): validated like a socket's,
   * then stored before this returns, in the caller's transaction if it has one ([R1], [U4]).
   * `role` is the sender's ([R15]; without one, no reopening), `userId` their id ([R21]; without
   * one, only an owner may trash or restore started work).
   */
  applyUpdate(update: Uint8Array, origin: unknown, role?: Role, userId?: string) {
    this.integrate(update, origin, mayReopen(role), userId);
    this.commit();
  }

  /**
   * [R22] The server's own write (a mirror project's pull): `write` edits the document in one
   * transaction, stored and sent like any update ([R1], [R13]). Not a user's update, so no user's
   * rules are checked: the writer is the server's code, from records it validated.
   */
  writeAsServer(write: (doc: Y.Doc) => void) {
    const doc = this.doc;
    doc.transact(() => write(doc), SERVER_ORIGIN);
    this.commit();
  }

  /**
   * [R10] Only entries for client ids this socket owns are applied, each stamped with the
   * session's user. An entry for a client id another open socket owns is dropped silently: it is
   * either forged or, usually, a stock provider echoing a peer's state it just received (y-websocket
   * re-sends every awareness change, also to other tabs). A removal (state null) claims nothing.
   * One exception: the same user announcing a newer clock takes the id over. That is a client back
   * from a silent network loss whose old socket the server still holds open (until TCP gives up,
   * minutes later): without the hand-over its presence would be dropped until then. An echo never
   * carries a newer clock than the owner's, as it repeats what the room broadcast.
   */
  private onAwareness(socket: RoomSocket, update: Uint8Array) {
    const state = socket.getState();
    const owned = { ...state.awareness };
    /** Whether this socket's record changes: an echo of others' states (most frames) changes nothing. */
    let ownedChanged = false;
    const accepted: { clientId: number; clock: number; state: unknown }[] = [];
    for (const entry of readAwarenessEntries(update)) {
      const key = String(entry.clientId);
      if (!(key in owned)) {
        if (entry.state === null) continue;
        if (Object.keys(owned).length >= MAX_OWNED_CLIENT_IDS) continue;
        const owner = this.ownerOf(entry.clientId);
        if (owner !== undefined) {
          const held = owner.getState();
          if (held.userId !== state.userId || entry.clock <= (held.awareness[key] ?? 0)) continue;
          // The old socket's close must no longer remove the state ([R4]).
          const { [key]: _released, ...rest } = held.awareness;
          owner.setState({ ...held, awareness: rest });
        }
        this.owners!.set(entry.clientId, socket);
      }
      // Owned for as long as this socket is open, also after it removed its own state.
      const clock = Math.max(owned[key] ?? 0, entry.clock);
      if (owned[key] !== clock) ownedChanged = true;
      owned[key] = clock;
      accepted.push({
        ...entry,
        state: entry.state === null ? null : stampUser(entry.state, state),
      });
    }
    // The record is the socket's attachment on a Durable Object: written (serialized) only when it
    // changed, not for each of the echoes every stock provider sends back of each peer's change.
    if (ownedChanged) socket.setState({ ...state, awareness: owned });
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(
      this.load().awareness,
      encodeAwarenessEntries(accepted),
      socket,
    );
  }

  /** The open socket owning an awareness client id; the index is rebuilt from the attachments after hibernation. */
  private ownerOf(clientId: number): RoomSocket | undefined {
    const open = this.options.sockets();
    if (!this.owners) {
      this.owners = new Map();
      for (const s of open)
        for (const id of Object.keys(s.getState().awareness)) this.owners.set(Number(id), s);
    }
    const owner = this.owners.get(clientId);
    if (owner && open.includes(owner)) return owner;
    // Its socket closed (e.g. the room closed it for a bad frame): the id is free again.
    this.owners.delete(clientId);
    return undefined;
  }

  /**
   * [R4] The closing socket's awareness states end for everyone else. Built from the socket's own
   * record (clock + 1, state null), so it works even when hibernation emptied the in-memory map.
   */
  onClose(socket: RoomSocket) {
    const state = socket.getState();
    const owned = Object.entries(state.awareness);
    // Cleared first, so a second close notification for the same socket announces nothing twice.
    socket.setState({ ...state, awareness: {} });
    for (const [clientId] of owned)
      if (this.owners?.get(Number(clientId)) === socket) this.owners.delete(Number(clientId));
    if (owned.length > 0) {
      const removal = encoding.encode((e) => {
        encoding.writeVarUint(e, owned.length);
        for (const [clientId, clock] of owned) {
          encoding.writeVarUint(e, Number(clientId));
          encoding.writeVarUint(e, clock + 1);
          encoding.writeVarString(e, 'null');
        }
      });
      awarenessProtocol.applyAwarenessUpdate(this.load().awareness, removal, CLOSE_ORIGIN);
      this.broadcast(
        frame(DocMessageType.awareness, (e) => encoding.writeVarUint8Array(e, removal)),
        socket,
      );
    }
    const others = this.options.sockets().filter((s) => s !== socket);
    if (others.length === 0) {
      this.commit();
      if (this.storage.updateCount() > 0) this.compact();
    }
  }

  /** Merges the log into one snapshot (chunking is the storage's job). */
  compact() {
    this.storage.compact(this.missingFrom(EMPTY_STATE_VECTOR));
  }

  /**
   * [R1] What a client with this state vector lacks, from stored updates only (a pending group is
   * committed first). A new client's answer, the whole document, is encoded once per change.
   */
  private missingFrom(stateVector: Uint8Array): Uint8Array {
    const doc = this.doc;
    if (Y.decodeStateVector(stateVector).size > 0) return Y.encodeStateAsUpdate(doc, stateVector);
    const loaded = this.load();
    loaded.whole ??= Y.encodeStateAsUpdate(doc);
    return loaded.whole;
  }

  /** HTTP fallback: apply the client's update (if it may write) and return what it is missing. */
  reconcile(
    update: Uint8Array,
    stateVector: Uint8Array,
    canWrite: boolean,
    role?: Role,
    userId?: string,
  ): { update: Uint8Array; stateVector: Uint8Array } {
    if (canWrite && update.byteLength > 0) this.applyUpdate(update, 'http', role, userId);
    return {
      update: this.missingFrom(stateVector),
      stateVector: Y.encodeStateVector(this.doc),
    };
  }
}

/** The origin of the server's own writes ([R22]): no socket, so every socket is sent them. */
const SERVER_ORIGIN = 'server';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** [R15] Whether a sender of this role may reopen a finalized reconciliation (REOPEN-OWNER). */
function mayReopen(role: Role | undefined): boolean {
  return role !== undefined && canReopenReconciliation(role, 'finalized');
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, type);
    write(e);
  });
}

function trySend(socket: RoomSocket, message: Uint8Array) {
  try {
    socket.send(message);
  } catch {
    // A socket that is closing cannot be written to; its close handler cleans up.
  }
}

/**
 * [R10] The state as peers see it: the client's own fields, but `user` (what the app shows: see
 * web `sync/doc/presence.ts`) says who the session is. Only a `#rrggbb` colour is kept from it.
 */
export function stampUser(value: unknown, socket: Pick<SocketState, 'userId' | 'userName'>) {
  const base = isRecord(value) ? value : {};
  const claimed = isRecord(base.user) ? base.user : {};
  const color =
    typeof claimed.color === 'string' && /^#[0-9a-f]{6}$/i.test(claimed.color)
      ? claimed.color
      : undefined;
  return {
    ...base,
    user: { id: socket.userId, name: socket.userName ?? '', ...(color ? { color } : {}) },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encodeAwarenessEntries(entries: { clientId: number; clock: number; state: unknown }[]) {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, JSON.stringify(entry.state));
    }
  });
}

/** Parses an awareness update's (clientId, clock, state) triples; throws on a malformed one. */
export function readAwarenessEntries(
  update: Uint8Array,
): { clientId: number; clock: number; state: unknown }[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientId, clock, state });
  }
  return entries;
}

/** A Yjs (v1) update that holds nothing: no structs, an empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
