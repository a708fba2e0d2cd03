/**
 * The Worker the doc-cut benchmark bundles and serves in local workerd (doc-cut-host.ts): one
 * Durable Object class, DocCutObject, that hosts any number of Yjs documents, each in its own
 * room of the real relay code (ProjectRoom on SqlRoomStorage, as ProjectDoc uses them), with every
 * socket tagged with the document it joined. How the objects are cut is only a matter of naming:
 *
 * - `v1`: one object per project, one document (today's ProjectDoc).
 * - `a`:  one object per project hosting the project document and every checklist document.
 * - `b`:  one object per document; a checklist document's object is told the access decision by
 *         the Worker, which asks the project document's object first (an RPC).
 *
 * No session, D1 or export: the bench user arrives in a header, and the access rule is a
 * stand-in of the real one's shape (the checklist's header in the project document decides).
 *
 * Routes (`<doc>` is `project` or `checklists/<id>`):
 *   GET  /ws/<cut>/<projectId>/<doc>      WebSocket (y-websocket), user in X-Bench-User
 *   POST /seed/<cut>/<projectId>/<doc>    body: a Yjs update, applied and compacted
 *   POST /evict/<cut>/<projectId>/<doc>   resets the object holding it (next use is cold)
 *   POST /revoke/<cut>/<projectId>/project  closes every socket of the user in X-Bench-User, in
 *                                          every document of the project they may have open
 *   GET  /stats                           object instances constructed since start
 */
import { DurableObject } from 'cloudflare:workers';
import * as Y from 'yjs';
import { DocCloseReason, DocRoot } from '@corates/shared';
import { ProjectRoom } from '../../src/rooms/project-room.ts';
import { closeSocket, type RoomSocket, type SocketState } from '../../src/rooms/room-socket.ts';
import { SqlRoomStorage } from '../../src/durable/sql-room-storage.ts';

interface Env {
  DOCS: DurableObjectNamespace<DocCutObject>;
}

type Cut = 'v1' | 'a' | 'b';
const PROJECT_DOC = 'project';
const USER_HEADER = 'X-Bench-User';
const DOC_HEADER = 'X-Bench-Doc';

/**
 * Objects constructed in this isolate (local workerd runs every object of the class in one
 * isolate): how many cold starts a scenario caused.
 */
let instances = 0;

/**
 * The stand-in access rule: the checklist's reviewer, or an owner (`owner-*`), may open it. What
 * matters for the cut is where the answer comes from: the project document.
 */
function mayOpen(project: Y.Doc, checklistId: string, userId: string): boolean {
  const header = project.getMap(DocRoot.checklists).get(checklistId);
  if (!(header instanceof Y.Map)) return false;
  return userId.startsWith('owner') || header.get('reviewerId') === userId;
}

/** A document's SQLite tables: the project document's are ProjectDoc's own, a checklist's prefixed. */
function tablesFor(sql: SqlStorage, doc: string): SqlStorage {
  if (doc === PROJECT_DOC) return sql;
  const tag = [...new TextEncoder().encode(doc)].map((b) => b.toString(16)).join('');
  // SqlRoomStorage names its tables doc_updates, doc_snapshot, doc_update_parts.
  return {
    exec: (query: string, ...bindings: unknown[]) =>
      sql.exec(query.replaceAll('doc_', `doc_${tag}_`), ...bindings),
  } as unknown as SqlStorage;
}

export class DocCutObject extends DurableObject<Env> {
  private readonly rooms = new Map<string, ProjectRoom>();
  private readonly open = new Map<string, RoomSocket[]>();
  private readonly wrappers = new WeakMap<WebSocket, RoomSocket>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    instances++;
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const doc = request.headers.get(DOC_HEADER) ?? '';
    if (url.pathname.startsWith('/seed/')) {
      const room = this.roomFor(doc);
      room.applyUpdate(new Uint8Array(await request.arrayBuffer()), 'seed');
      room.compact();
      this.unloadIfIdle(doc);
      return new Response('seeded');
    }
    if (url.pathname.startsWith('/evict/')) {
      this.ctx.abort('evicted by the benchmark'); // fails this request; the next one starts anew
      return new Response('evicted');
    }
    const userId = request.headers.get(USER_HEADER);
    if (!userId) return new Response('no user', { status: 400 });
    // Cut A decides access here, from its own project room; cut B's Worker asked already.
    if (request.headers.get('X-Bench-Check') === '1' && doc !== PROJECT_DOC) {
      if (!mayOpen(this.roomFor(PROJECT_DOC).doc, doc.slice('checklists/'.length), userId))
        return new Response('forbidden', { status: 403 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [doc, `user:${userId}`]);
    const state: SocketState = { userId, userName: userId, canWrite: true, awareness: {} };
    server.serializeAttachment(state);
    this.open.delete(doc);
    this.roomFor(doc).onConnect(this.wrap(server));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Cut B: the Worker asks the project document's object before opening a checklist's. */
  mayOpen(checklistId: string, userId: string): boolean {
    return mayOpen(this.roomFor(PROJECT_DOC).doc, checklistId, userId);
  }

  /** The checklists `userId` may have open (B's Worker must ask each of their objects to close). */
  checklistsOf(userId: string): string[] {
    const headers = this.roomFor(PROJECT_DOC).doc.getMap(DocRoot.checklists);
    return [...headers.keys()].filter((id) => mayOpen(this.roomFor(PROJECT_DOC).doc, id, userId));
  }

  /** The user lost access: close their sockets here, as ProjectDoc.revoke does. */
  revoke(userId: string): number {
    const sockets = this.ctx.getWebSockets(`user:${userId}`);
    for (const ws of sockets) {
      const doc = this.docOf(ws);
      const socket = this.wrap(ws);
      this.roomFor(doc).onClose(socket);
      closeSocket(socket, DocCloseReason.MEMBERSHIP_REVOKED);
      this.unloadIfIdle(doc);
    }
    return sockets.length;
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (typeof message === 'string') return;
    const doc = this.docOf(ws);
    this.roomFor(doc).onMessage(this.wrap(ws), new Uint8Array(message));
  }

  override webSocketClose(ws: WebSocket) {
    const doc = this.docOf(ws);
    this.open.delete(doc);
    this.roomFor(doc).onClose(this.wrap(ws));
    this.unloadIfIdle(doc);
  }

  override webSocketError(ws: WebSocket) {
    this.webSocketClose(ws);
  }

  private docOf(ws: WebSocket): string {
    return this.ctx.getTags(ws)[0] ?? PROJECT_DOC;
  }

  private roomFor(doc: string): ProjectRoom {
    let room = this.rooms.get(doc);
    if (!room) {
      const transaction = (fn: () => void) => this.ctx.storage.transactionSync(fn);
      room = new ProjectRoom(
        new SqlRoomStorage(tablesFor(this.ctx.storage.sql, doc), transaction),
        {
          sockets: () => this.openSockets(doc),
          scheduleCommit: (commit) => setTimeout(commit, 0),
          onStorageFailed: (error) => this.ctx.abort(error.message),
        },
      );
      this.rooms.set(doc, room);
    }
    return room;
  }

  /**
   * A document nobody has open leaves memory (ProjectRoom.onClose has stored and compacted it):
   * an object hosting many documents would otherwise keep every one it ever opened. The project
   * document stays, since the access decisions read it.
   */
  private unloadIfIdle(doc: string) {
    if (doc === PROJECT_DOC || this.openSockets(doc).length > 0) return;
    this.rooms.get(doc)?.commit();
    this.rooms.delete(doc);
    this.open.delete(doc);
  }

  private openSockets(doc: string): RoomSocket[] {
    let list = this.open.get(doc);
    if (!list) {
      list = this.ctx
        .getWebSockets(doc)
        .filter((ws) => ws.readyState === WebSocket.OPEN)
        .map((ws) => this.wrap(ws));
      this.open.set(doc, list);
    }
    return list;
  }

  private wrap(ws: WebSocket): RoomSocket {
    let socket = this.wrappers.get(ws);
    if (!socket) {
      socket = {
        send: (data) => ws.send(data),
        close: (code, reason) => {
          this.open.delete(this.docOf(ws));
          ws.close(code, reason);
        },
        getState: () => ws.deserializeAttachment() as SocketState,
        setState: (state) => ws.serializeAttachment(state),
      };
      this.wrappers.set(ws, socket);
    }
    return socket;
  }
}

/** The object holding `doc` of `projectId` under `cut`. */
function objectFor(env: Env, cut: Cut, projectId: string, doc: string) {
  const name = cut === 'b' ? `b:${projectId}/${doc}` : `${cut}:${projectId}`;
  return env.DOCS.get(env.DOCS.idFromName(name));
}

const ROUTE = /^\/(ws|seed|evict|revoke)\/(v1|a|b)\/([^/]+)\/(project|checklists\/[^/]+)$/;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/stats') return Response.json({ instances });
    const match = ROUTE.exec(url.pathname);
    if (!match) return new Response('not found', { status: 404 });
    const [, action, cut, projectId, rawDoc] = match as unknown as [
      string,
      string,
      Cut,
      string,
      string,
    ];
    const doc = decodeURIComponent(rawDoc);
    if (cut === 'v1' && doc !== PROJECT_DOC)
      return new Response('v1 has one document', { status: 404 });
    const headers = new Headers(request.headers);
    headers.set(DOC_HEADER, doc);
    if (action === 'ws') {
      const userId = request.headers.get(USER_HEADER) ?? '';
      if (cut === 'b' && doc !== PROJECT_DOC) {
        const project = objectFor(env, cut, projectId, PROJECT_DOC);
        if (!(await project.mayOpen(doc.slice('checklists/'.length), userId)))
          return new Response('forbidden', { status: 403 });
      }
      if (cut === 'a') headers.set('X-Bench-Check', '1');
    }
    if (action === 'revoke')
      return Response.json({ closed: await revoke(env, cut, projectId, headers) });
    const stub = objectFor(env, cut, projectId, doc);
    const forwarded = new Request(request, { headers });
    if (action !== 'evict') return stub.fetch(forwarded);
    try {
      await stub.fetch(forwarded);
    } catch {
      // abort() fails the request that caused it: the object is gone, as wanted.
    }
    return new Response('evicted');
  },
} satisfies ExportedHandler<Env>;

/**
 * Closes a user's sockets across the project. One object per project: one call. One object per
 * document: the project document's object names the checklists the user may have open, and each
 * of their objects is called (waking those not in memory), since none knows where sockets are.
 */
async function revoke(env: Env, cut: Cut, projectId: string, headers: Headers): Promise<number> {
  const userId = headers.get(USER_HEADER) ?? '';
  const project = objectFor(env, cut, projectId, PROJECT_DOC);
  const closed = await project.revoke(userId);
  if (cut !== 'b') return closed;
  const ids = await project.checklistsOf(userId);
  const counts = await Promise.all(
    ids.map((id) => objectFor(env, cut, projectId, `checklists/${id}`).revoke(userId)),
  );
  return counts.reduce((n, c) => n + c, closed);
}
