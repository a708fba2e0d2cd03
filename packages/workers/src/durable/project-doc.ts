import { DurableObject } from 'cloudflare:workers';
import * as Y from 'yjs';
import {
  DOC_SCHEMA_VERSION,
  DocCloseReason,
  DocRoot,
  type DocUploadCommit,
  type DocUploadStatus,
  type Role,
  roleAtLeast,
  satisfiesMinimum,
} from '@corates/shared';
import { createDatabase, type Database } from '../db/client.ts';
import { findRole } from '../domain/access.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';
import { ProjectRoom } from '../rooms/project-room.ts';
import { MemberRoles } from '../rooms/member-roles.ts';
import { commitScheduler } from '../rooms/commit-schedule.ts';
import { type RoomSocket, type SocketState, closeSocket } from '../rooms/room-socket.ts';
import { exportProjectDoc } from './export-to-d1.ts';
import { refreshSharesAfterWrite } from '../federation/share-changes.ts';
import { DOC_INTERNAL_HEADERS, type DocRefusal } from './internal-headers.ts';
import { SqlRoomStorage } from './sql-room-storage.ts';
import { SqlUploadStorage } from './sql-upload-storage.ts';
import { DocUploads, type UploadResult } from '../rooms/doc-uploads.ts';
import { checkChecklistUpdate } from '../rooms/checklist-layout-guard.ts';
import {
  checklistDocAccess,
  purgeTrash,
  readBlindReviewers,
  readChecklistContent,
  readProjectDoc,
  readTrash,
  type ChecklistContent,
  type ChecklistDocAccess,
  type MirrorRecords,
  trashedChecklistDocAccess,
  trashedChecklistHeader,
  writeMirrorChecklist,
  writeMirrorDoc,
} from '@corates/shared/doc';
import { migrateToV2 } from './migrate-to-v2.ts';
import { ChecklistExports } from './checklist-exports.ts';
import {
  encodeChecklistUpdates,
  type DocAnswer,
  type DocWanted,
} from '../federation/checklist-updates.ts';

/**
 * Longest display name kept in a socket's attachment (stamped on its presence): an attachment
 * holds at most 2 KiB, and names created before names were validated can be far longer.
 */
const MAX_STAMPED_NAME = 100;

/** The session user's name from the Worker's header; '' when absent or not decodable. */
function readUserName(header: string | null): string {
  if (!header) return '';
  try {
    return [...decodeURIComponent(header)].slice(0, MAX_STAMPED_NAME).join('');
  } catch {
    return '';
  }
}

/**
 * Whom an upload is from and which document it goes to: the project document, or (document model
 * v2) a checklist's own. The Worker checked membership; `role` is the member's.
 */
export interface UploadTarget {
  projectId: string;
  userId: string;
  role: Role;
  checklistId?: string;
}

/**
 * A refused upgrade, before it is upgraded: 404 with why in an internal header, so the Worker
 * answers each refusal with its own message (the client learns nothing more than "not found").
 */
function refused(reason: DocRefusal): Response {
  return new Response(null, { status: 404, headers: { [DOC_INTERNAL_HEADERS.refused]: reason } });
}

/**
 * A hibernatable WebSocket as a room sees it. Its state is the socket's attachment, which survives
 * hibernation; it is deserialized once per wake of the object and then kept (every write goes
 * through `setState`, which writes the attachment too). The attachment was deserialized on every
 * read before: each rebuild of the open-socket list read every socket's, which made opening n
 * sockets O(n²) deserializations, and each copy was garbage at once (issue 18).
 */
class HibernatableSocket implements RoomSocket {
  private state: SocketState | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly onClose: () => void,
  ) {}

  send(data: Uint8Array) {
    this.ws.send(data);
  }

  close(code: number, reason: string) {
    this.onClose();
    this.ws.close(code, reason);
  }

  getState(): SocketState {
    return (this.state ??= this.ws.deserializeAttachment() as SocketState);
  }

  setState(state: SocketState) {
    this.ws.serializeAttachment(state);
    this.state = state;
  }
}

/** How long after the last change the compacted state and summary reach D1. */
export const EXPORT_DELAY_MS = 2_000;
const PROJECT_ID_KEY = 'projectId';
/** [R22] Set once, when the project is made a mirror of another server's share. */
const MIRROR_KEY = 'mirror';

/**
 * One per project: a thin shell mapping the hibernatable WebSocket API onto ProjectRoom.
 * Identity arrives from the Worker (which checked the session) in internal headers; membership
 * and role are decided here ([R9], `MemberRoles`); per-socket state lives in the socket attachment
 * so it survives hibernation.
 */
export class ProjectDoc extends DurableObject<Env> {
  private readonly room: ProjectRoom;
  /** Chunked uploads of large diffs (offline backlogs), assembled and applied once. */
  private readonly uploads: DocUploads;
  private readonly wrappers = new WeakMap<WebSocket, RoomSocket>();
  /**
   * The open sockets as the room sees them, built from `getWebSockets()` when first needed (so
   * also after hibernation) and dropped whenever the set changes: every update is broadcast to
   * all of them, and rebuilding the list per update was a large share of a broadcast's cost.
   */
  private openList: RoomSocket[] | undefined;
  /**
   * Document model v2, one object per project (cut A, docs/architecture.md): the project's
   * checklist documents, each a room of its own on its own rows, loaded when a socket joins and
   * dropped when its last socket leaves. Their open sockets are listed per document.
   */
  private readonly checklistRooms = new Map<string, ProjectRoom>();
  private readonly checklistSockets = new Map<string, RoomSocket[]>();
  /** Which checklist documents the next export writes to D1, and what the summary needs of each. */
  private readonly checklistExports: ChecklistExports;

  /** [R9] Who is a member, with what role: read from D1 once, then told of changes. */
  private readonly roles = new MemberRoles();
  private database: Database | undefined;
  /** The project id this instance knows is stored (rememberProject); gone with the storage. */
  private remembered: string | undefined;
  /** [R22] Whether this is a mirror project (read from storage once per instance). */
  private mirror: boolean | undefined;

  private exportPending = false;
  /** The project was deleted (until this instance goes): its sockets' closes touch no storage. */
  private destroyed = false;
  private readonly transaction: (fn: () => void) => void;
  /**
   * [R13] Every room of the object commits on this schedule (commit-schedule.ts): they share one
   * storage and its disk syncs. A deleted project's storage is gone: what was pending then is
   * dropped with it.
   */
  private readonly scheduleCommit = commitScheduler(Date.now, {
    // A promise reaction rather than queueMicrotask: the same microtask, without the runtime API
    // call that cost as much as the INSERT in the profile.
    soon: (commit) => void Promise.resolve().then(() => this.commitUnlessDestroyed(commit)),
    later: (commit) => setTimeout(() => this.commitUnlessDestroyed(commit), 0),
  });

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const storage = new SqlRoomStorage(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    this.room = new ProjectRoom(storage, {
      sockets: () => this.openSockets(),
      onChange: () => {
        this.scheduleExport();
        this.recheckChecklistAccess();
      },
      scheduleCommit: this.scheduleCommit,
      // [R13] Reset the object, as a crash would: every socket drops, the clients reconnect and
      // send what the server lacks ([R5]), and the document is rebuilt from storage.
      onStorageFailed: (error) => this.ctx.abort(error.message),
    });
    const transaction = (fn: () => void) => ctx.storage.transactionSync(fn);
    this.transaction = transaction;
    this.uploads = new DocUploads(new SqlUploadStorage(ctx.storage.sql, transaction));
    this.checklistExports = new ChecklistExports(ctx.storage.sql);
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a WebSocket upgrade', { status: 426 });
    }
    const userId = request.headers.get(DOC_INTERNAL_HEADERS.userId);
    const projectId = request.headers.get(DOC_INTERNAL_HEADERS.projectId);
    if (!userId || !projectId) return new Response('missing identity', { status: 400 });
    // [R9] Before anything is stored: an upgrade for a project one is not a member of (or that
    // does not exist) leaves nothing behind.
    const member = await this.roles.roleOf(userId, () => findRole(this.db(), projectId, userId));
    if (!member) return refused('not-member');
    const role = await this.roleHere(member);
    await this.rememberProject(projectId);
    // Before the new socket is accepted: the migration's deletions go to the open sockets only.
    this.ensureV2(projectId);
    this.purgeTrash();

    const state: SocketState = {
      userId,
      userName: readUserName(request.headers.get(DOC_INTERNAL_HEADERS.userName)),
      canWrite: roleAtLeast(role, 'editor'),
      // [R15] Only an owner's socket may reopen a finalized reconciliation.
      role,
      awareness: {},
    };
    const clientVersion = request.headers.get(DOC_INTERNAL_HEADERS.clientVersion);
    if (clientVersion) state.clientVersion = clientVersion.slice(0, 64);
    const checklistId = request.headers.get(DOC_INTERNAL_HEADERS.checklistId);
    // [R17] Who may open a checklist document is decided here, from the project document, before
    // the upgrade: one the member may not open now is refused like a missing one (the Worker
    // answers 404), so its existence and state are not told either.
    const access = checklistId ? this.checklistAccess(state, checklistId) : undefined;
    if (access === 'none') return refused('checklist-withheld');

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [userId]);
    const socket = this.wrap(server);
    if (checklistId) {
      socket.setState({ ...state, doc: checklistId, canWrite: access === 'write' });
      this.checklistSockets.delete(checklistId);
      this.roomOf(checklistId).onConnect(socket);
      return new Response(null, { status: 101, webSocket: client });
    }
    socket.setState(state);
    this.openList = undefined;
    this.room.onConnect(socket);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (this.destroyed) return;
    const socket = this.wrap(ws);
    if (typeof message === 'string') {
      closeSocket(socket, DocCloseReason.MALFORMED_FRAME); // y-websocket frames are binary
      return;
    }
    this.roomOf(socket.getState().doc).onMessage(socket, new Uint8Array(message));
  }

  override webSocketClose(ws: WebSocket) {
    // After destroy() the storage is gone: the closes it caused have nothing left to clean up.
    if (this.destroyed) return;
    const socket = this.wrap(ws);
    const doc = socket.getState().doc;
    if (doc === undefined) {
      this.openList = undefined;
      this.room.onClose(socket);
      return;
    }
    this.checklistSockets.delete(doc);
    const room = this.checklistRooms.get(doc);
    if (!room) return;
    room.onClose(socket);
    // [R6] the room compacted as its last socket left; its memory goes with it.
    if (this.openSockets(doc).length === 0) this.checklistRooms.delete(doc);
  }

  override webSocketError(ws: WebSocket) {
    this.webSocketClose(ws);
  }

  override async alarm() {
    this.exportPending = false;
    this.uploads.expire();
    await this.closeRetiredBuilds();
    const projectId = await this.ctx.storage.get<string>(PROJECT_ID_KEY);
    if (!projectId) return;
    this.ensureV2(projectId);
    this.purgeTrash();
    const doc = this.room.doc;
    // A document of no version (written by no app build: tests, tools) keeps content in headers.
    if (doc.getMap(DocRoot.meta).get('schemaVersion') !== DOC_SCHEMA_VERSION) {
      await exportProjectDoc(this.env.DB, projectId, doc);
      return refreshSharesAfterWrite(this.env, projectId);
    }
    // Document model v2: the checklist documents changed since the last export are read (and only
    // those: a project's other checklists are summarized from what was cached of them).
    const ids = readProjectDoc(doc).checklists.map((c) => c.id);
    // [R21] A trashed checklist is not among `ids`, so this export drops its content from D1; it
    // is marked changed, so that once restored it is exported again though its document is not.
    for (const entry of readTrash(doc))
      for (const c of entry.checklists) this.checklistExports.changed(c.id);
    const pending = this.checklistExports.pending(ids);
    const changed = pending.map(({ doc: id }) => ({ id, content: this.readChecklist(id) }));
    const summary = this.checklistExports.contents(ids);
    const byId = new Map(summary.byId);
    for (const { id, content } of changed) byId.set(id, content);
    await exportProjectDoc(this.env.DB, projectId, doc, {
      ids,
      changed,
      summary: { byId, skipped: summary.skipped },
    });
    pending.forEach(({ doc: id, version }, i) =>
      this.checklistExports.exported(id, version, changed[i]!.content),
    );
    // Federation: the project's shares follow the copies just written, so a pull reads only its log.
    await refreshSharesAfterWrite(this.env, projectId);
  }

  /** A checklist document's content, read from its room (loaded for this only if it has no sockets). */
  private readChecklist(checklistId: string): ChecklistContent {
    const content = readChecklistContent(this.roomOf(checklistId).doc);
    if (this.openSockets(checklistId).length === 0) this.checklistRooms.delete(checklistId);
    return content;
  }

  // ---- RPC from the Worker ----

  /** The member lost access: close their sockets with a permanent code (no client retries it). */
  revoke(userId: string) {
    this.roles.removed(userId);
    for (const ws of this.ctx.getWebSockets(userId)) {
      const socket = this.wrap(ws);
      this.roomOf(socket.getState().doc).onClose(socket);
      closeSocket(socket, DocCloseReason.MEMBERSHIP_REVOKED);
    }
  }

  /**
   * The member's role changed: from now on their updates are applied or dropped accordingly
   * ([R2]), and may reopen a finalized reconciliation only while they are an owner ([R15]).
   */
  async setAccess(userId: string, memberRole: Role) {
    this.roles.changed(userId, memberRole);
    const role = await this.roleHere(memberRole);
    for (const ws of this.ctx.getWebSockets(userId)) {
      const socket = this.wrap(ws);
      const state = socket.getState();
      if (state.doc === undefined) {
        socket.setState({ ...state, canWrite: roleAtLeast(role, 'editor'), role });
        continue;
      }
      // [R17] A checklist socket keeps only what the new role may do with that checklist.
      const access = this.checklistAccess({ ...state, role }, state.doc);
      if (access === 'none') {
        this.roomOf(state.doc).onClose(socket);
        closeSocket(socket, DocCloseReason.CHECKLIST_WITHHELD);
      } else socket.setState({ ...state, canWrite: access === 'write', role });
    }
  }

  /**
   * HTTP fallback for clients that cannot hold a WebSocket; `role` is the caller's, `userId` their
   * id ([R21]: without it only an owner may trash or restore started work).
   */
  async reconcile(
    projectId: string,
    update: Uint8Array,
    stateVector: Uint8Array,
    role: Role,
    userId?: string,
  ) {
    await this.rememberProject(projectId);
    this.ensureV2(projectId);
    const here = await this.roleHere(role);
    return this.room.reconcile(update, stateVector, roleAtLeast(here, 'editor'), here, userId);
  }

  /**
   * HTTP fallback of a checklist document (document model v2): decided like its socket ([R17]);
   * `withheld` (and nothing else) when the member may not open it now.
   */
  async reconcileChecklist(
    projectId: string,
    checklistId: string,
    caller: { userId: string; role: Role },
    update: Uint8Array,
    stateVector: Uint8Array,
  ): Promise<{ withheld: boolean; update: Uint8Array; stateVector: Uint8Array }> {
    await this.rememberProject(projectId);
    this.ensureV2(projectId);
    const state: SocketState = {
      ...caller,
      role: await this.roleHere(caller.role),
      canWrite: false,
      awareness: {},
    };
    const access = this.checklistAccess(state, checklistId);
    if (access === 'none')
      return { withheld: true, update: new Uint8Array(), stateVector: new Uint8Array() };
    const room = this.roomOf(checklistId);
    const result = room.reconcile(update, stateVector, access === 'write', caller.role);
    // Loaded for this request only: a room without sockets leaves memory (its rows stay).
    if (this.openSockets(checklistId).length === 0) this.checklistRooms.delete(checklistId);
    return { withheld: false, ...result };
  }

  /**
   * Federation (docs/federation.md "Checklist documents"): checklist documents as Yjs updates
   * against the state vectors a subscriber server holds, each only when the share's rule allows it
   * on the live project document now; a prefix of `wanted` when the updates pass `budgetBytes`.
   */
  async federatedChecklistUpdates(
    projectId: string,
    wanted: DocWanted[],
    budgetBytes: number,
  ): Promise<DocAnswer[]> {
    await this.rememberProject(projectId);
    this.ensureV2(projectId);
    return encodeChecklistUpdates(
      readProjectDoc(this.room.doc),
      (checklistId, read) => {
        const value = read(this.roomOf(checklistId).doc);
        // Loaded for this request only: a room without sockets leaves memory (its rows stay).
        if (this.openSockets(checklistId).length === 0) this.checklistRooms.delete(checklistId);
        return value;
      },
      wanted,
      budgetBytes,
    );
  }

  /** One chunk of a large diff, for the project document or a checklist's ({@link UploadTarget}). */
  async uploadChunk(target: UploadTarget, uploadId: string, index: number, bytes: Uint8Array) {
    await this.rememberProject(target.projectId);
    return this.onUpload(target, uploadId, (key) =>
      this.uploads.putChunk(target.userId, key, index, bytes),
    );
  }

  async uploadStatus(target: UploadTarget, uploadId: string) {
    return this.onUpload(target, uploadId, (key) => this.uploads.status(target.userId, key));
  }

  /**
   * Assembles, verifies and applies an upload once; answers the state vector of its document
   * after it. The uploader's role counts for [R15] and [R20].
   */
  async commitUpload(target: UploadTarget, uploadId: string, commit: DocUploadCommit) {
    await this.rememberProject(target.projectId);
    const { userId, role, checklistId } = target;
    // The uploader's own socket (it announced presence with this client id) already has the diff.
    const uploader =
      commit.clientId === undefined
        ? undefined
        : this.ctx
            .getWebSockets(userId)
            .map((ws) => this.wrap(ws))
            .find(
              (socket) =>
                socket.getState().doc === checklistId &&
                String(commit.clientId) in socket.getState().awareness,
            );
    const result = await this.onUpload(target, uploadId, (key) => {
      const room = this.roomOf(checklistId);
      return this.uploads.commit(userId, key, commit, (update) =>
        room.applyUpdate(update, uploader ?? 'upload', role, userId),
      );
    });
    if (!result.ok) return result;
    const room = this.roomOf(checklistId);
    const stateVector = Y.encodeStateVector(room.doc);
    if (checklistId !== undefined && this.openSockets(checklistId).length === 0)
      this.checklistRooms.delete(checklistId);
    return { ...result, stateVector };
  }

  /**
   * Runs an upload call under its storage key. A checklist document's upload is decided like its
   * socket ([R17]): only a member who may write it now may upload to it (FORBIDDEN for one who may
   * only read it, NOT_FOUND for one who may not open it), and
   * its uploads are kept apart from the project document's and other checklists' (an id of
   * `[A-Za-z0-9_-]` never holds the `@` that joins it to the checklist). The answer names the
   * client's upload id.
   */
  private async onUpload<T extends object>(
    target: UploadTarget,
    uploadId: string,
    run: (key: string) => UploadResult<T> | Promise<UploadResult<T>>,
  ): Promise<UploadResult<T>> {
    this.ensureV2(target.projectId);
    // [R22] Nobody uploads to a mirror: the refusal the upload routes answer 403 with.
    if (await this.isMirror())
      return {
        ok: false,
        code: 'MIRROR_READ_ONLY',
        message: "a mirror of another server's share is read-only",
      };
    const { checklistId } = target;
    if (checklistId === undefined) return run(uploadId);
    const state: SocketState = { ...target, canWrite: false, awareness: {} };
    const access = this.checklistAccess(state, checklistId);
    // One the member may not open at all answers like a missing one, as its socket does.
    if (access === 'none')
      return {
        ok: false,
        code: 'NOT_FOUND',
        message: 'no such checklist, or it is not open to you now',
      };
    if (access !== 'write')
      return {
        ok: false,
        code: 'FORBIDDEN',
        message: 'this checklist is not open to you for writing now',
      };
    const result = await run(`${uploadId}@${checklistId}`);
    if (result.ok && 'status' in result)
      return { ...result, status: { ...(result.status as DocUploadStatus), uploadId } };
    return result;
  }

  /**
   * [R22] Makes this project a mirror (once) and its documents equal to `records` and
   * `contents` (checklist id → content), written by the server: the federation pull's write.
   */
  async writeMirror(
    projectId: string,
    records: MirrorRecords,
    contents: ReadonlyArray<{ id: string; content: ChecklistContent }>,
  ) {
    await this.rememberProject(projectId);
    if (!(await this.isMirror())) {
      await this.ctx.storage.put(MIRROR_KEY, true);
      this.mirror = true;
    }
    this.room.writeAsServer((doc) => writeMirrorDoc(doc, records));
    for (const { id, content } of contents) {
      this.roomOf(id).writeAsServer((doc) =>
        writeMirrorChecklist(doc, { checklistId: id, projectId }, content),
      );
      if (this.openSockets(id).length === 0) this.checklistRooms.delete(id);
    }
  }

  private async isMirror(): Promise<boolean> {
    this.mirror ??= (await this.ctx.storage.get<boolean>(MIRROR_KEY)) === true;
    return this.mirror;
  }

  /** [R22] A member's role as this document treats it: in a mirror everyone is a reader. */
  private async roleHere(role: Role): Promise<Role> {
    return (await this.isMirror()) ? 'viewer' : role;
  }

  /** The project was deleted: close everyone and forget the document. */
  async destroy() {
    this.destroyed = true;
    this.roles.clear();
    this.remembered = undefined;
    this.mirror = undefined;
    for (const ws of this.ctx.getWebSockets())
      closeSocket(this.wrap(ws), DocCloseReason.PROJECT_DELETED);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** Test and ops helper: the document as an update. */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.room.doc);
  }

  /** The object's project id (for its alarm), stored once: later calls of an instance read nothing. */
  private async rememberProject(projectId: string) {
    if (this.remembered === projectId) return;
    if ((await this.ctx.storage.get(PROJECT_ID_KEY)) !== projectId)
      await this.ctx.storage.put(PROJECT_ID_KEY, projectId);
    this.remembered = projectId;
  }

  /**
   * [R11] `minSupportedClient` may rise while sockets are open (the maintainer command writes D1
   * directly; nothing tells this object). Checked with every export, so a retired build's socket
   * is closed with CLIENT_TOO_OLD at most EXPORT_DELAY_MS after a change; the app's own metadata
   * check (every minute, on focus and reconnect) closes its sockets too.
   */
  private async closeRetiredBuilds() {
    const versioned = this.ctx
      .getWebSockets()
      .map((ws) => this.wrap(ws))
      .filter((socket) => socket.getState().clientVersion);
    if (versioned.length === 0) return;
    let minSupportedClient: string;
    try {
      ({ minSupportedClient } = await readRuntimeConfig(this.db(), this.env));
    } catch {
      return; // D1 unavailable: the next export checks again; the export itself may still run.
    }
    for (const socket of versioned) {
      const version = socket.getState().clientVersion!;
      if (satisfiesMinimum(version, minSupportedClient)) continue;
      this.room.onClose(socket);
      closeSocket(socket, DocCloseReason.CLIENT_TOO_OLD);
    }
  }

  /** Drizzle on D1, built once per instance. */
  private db(): Database {
    return (this.database ??= createDatabase(this.env.DB));
  }

  private scheduleExport() {
    if (this.exportPending) return;
    this.exportPending = true;
    void this.ctx.storage.getAlarm().then((at) => {
      if (at === null) return this.ctx.storage.setAlarm(Date.now() + EXPORT_DELAY_MS);
    });
  }

  private openSockets(doc?: string): RoomSocket[] {
    const open = () =>
      this.ctx
        .getWebSockets()
        .filter((ws) => ws.readyState === WebSocket.OPEN)
        .map((ws) => this.wrap(ws))
        .filter((socket) => socket.getState().doc === doc);
    if (doc === undefined) return (this.openList ??= open());
    let list = this.checklistSockets.get(doc);
    if (!list) this.checklistSockets.set(doc, (list = open()));
    return list;
  }

  /** The rows of a checklist's document, among the project object's tables (cut A). */
  private checklistStorage(checklistId: string) {
    return new SqlRoomStorage(this.ctx.storage.sql, this.transaction, {
      tables: 'checklist_doc',
      doc: checklistId,
    });
  }

  /** The room of a document: the project's, or a checklist's (created on first use). */
  private roomOf(doc: string | undefined): ProjectRoom {
    if (doc === undefined) return this.room;
    let room = this.checklistRooms.get(doc);
    if (!room) {
      room = new ProjectRoom(this.checklistStorage(doc), {
        sockets: () => this.openSockets(doc),
        onChange: () => {
          this.checklistExports.changed(doc);
          this.scheduleExport();
        },
        scheduleCommit: this.scheduleCommit,
        onStorageFailed: (error) => this.ctx.abort(error.message),
        validate: (d, update) => checkChecklistUpdate(d, update),
      });
      this.checklistRooms.set(doc, room);
    }
    return room;
  }

  /**
   * [R18] A version-1 project document is split into v2 documents before anything is served
   * (checked on every entry: a map read once the document is at version 2).
   */
  private ensureV2(projectId: string) {
    migrateToV2(
      this.room,
      projectId,
      (checklistId) => this.checklistStorage(checklistId),
      (checklistId, skipped) => this.checklistExports.split(checklistId, skipped),
    );
  }

  /**
   * [R21] Trash entries older than TRASH_DAYS days are deleted here, on the server (on every
   * socket upgrade and with every export), as a change of the document like any other: the
   * purge is the one deletion of a trash entry that puts nothing back, so no client may make it.
   * The purged checklists' documents are then deleted: the entry's removal is stored first, so a
   * crash in between leaves rows nobody can open, never an entry whose content is gone.
   */
  private purgeTrash() {
    const doc = this.room.doc;
    if (!doc.share.has(DocRoot.trash)) return;
    const purged = purgeTrash(doc);
    if (purged.length === 0) return;
    this.room.commit();
    this.recheckChecklistAccess();
    for (const id of purged) {
      this.checklistStorage(id).deleteAll();
      this.checklistExports.forget(id);
      this.checklistRooms.delete(id);
    }
  }

  /**
   * [R17] What a socket's member may do with a checklist document now. [R21] A trashed checklist's
   * document may be read by an owner and by its reviewer, and written by nobody: a restore puts
   * back exactly what was trashed.
   */
  private checklistAccess(state: SocketState, checklistId: string): ChecklistDocAccess {
    const doc = this.room.doc;
    const headers = readProjectDoc(doc).checklists;
    const checklist = headers.find((c) => c.id === checklistId);
    if (!state.role) return 'none';
    if (!checklist) {
      const trashed = trashedChecklistHeader(doc, checklistId);
      return trashed
        ? trashedChecklistDocAccess({ userId: state.userId, role: state.role, checklist: trashed })
        : 'none';
    }
    return checklistDocAccess({
      userId: state.userId,
      role: state.role,
      checklist,
      checklists: headers,
      blindReviewers: readBlindReviewers(doc),
    });
  }

  /**
   * [R17] After a change to the project document (a status, an assignment, the blinding setting)
   * every open checklist socket is checked again: one that lost access is closed, one that can no
   * longer write is read-only from now on.
   */
  private recheckChecklistAccess() {
    if (this.checklistRooms.size === 0) return;
    for (const [doc, room] of this.checklistRooms)
      for (const socket of [...this.openSockets(doc)]) {
        const state = socket.getState();
        const access = this.checklistAccess(state, doc);
        if (access === 'none') {
          room.onClose(socket);
          closeSocket(socket, DocCloseReason.CHECKLIST_WITHHELD);
          this.checklistSockets.delete(doc);
        } else if (state.canWrite !== (access === 'write'))
          socket.setState({ ...state, canWrite: access === 'write' });
      }
  }

  private wrap(ws: WebSocket): RoomSocket {
    let socket = this.wrappers.get(ws);
    if (!socket) {
      socket = new HibernatableSocket(ws, this.socketsClosed);
      this.wrappers.set(ws, socket);
    }
    return socket;
  }

  private commitUnlessDestroyed(commit: () => void) {
    if (!this.destroyed) commit();
  }

  /** One function for every socket's close (not a closure each): the cached lists are stale. */
  private readonly socketsClosed = () => {
    this.openList = undefined;
    this.checklistSockets.clear();
  };
}
