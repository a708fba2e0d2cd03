import {
  env,
  evictDurableObject,
  runInDurableObject,
  runDurableObjectAlarm,
} from 'cloudflare:test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';
import { DocSocket, openOk, until } from './doc-socket.ts';
import { SqlRoomStorage } from '../src/durable/sql-room-storage.ts';
import { roomStorageContract } from '../src/rooms/room-storage.contract.ts';

async function projectWith(roles: Record<string, 'editor' | 'viewer'> = {}) {
  const owner = await signUp('Owner');
  const project = await createProject(owner.cookie);
  const others: Record<string, Awaited<ReturnType<typeof signUp>>> = {};
  for (const [name, role] of Object.entries(roles)) {
    const u = await signUp(name);
    await addMember(owner.cookie, project.id, u.email, role);
    others[name] = u;
  }
  return { owner, project, others };
}

function stub(projectId: string) {
  return env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
}

describe('ProjectDoc relay', () => {
  it('refuses anonymous callers (401) and non-members (404) before the upgrade', async () => {
    const { project } = await projectWith();
    const stranger = await signUp();
    const anon = await DocSocket.open(project.id);
    expect(anon).toBeInstanceOf(Response);
    expect((anon as Response).status).toBe(401);
    const outsider = await DocSocket.open(project.id, stranger.cookie);
    expect((outsider as Response).status).toBe(404);
    expect(((await (outsider as Response).json()) as { error: { code: string } }).error.code).toBe(
      'NOT_FOUND',
    );
  });

  it("two members see each other's edits and presence", async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const a = await openOk(project.id, owner.cookie);
    const b = await openOk(project.id, others.ed!.cookie);
    a.doc.getMap('answers').set('q1', 'yes');
    b.doc.getMap('answers').set('q2', 'no');
    await until(
      () => a.doc.getMap('answers').size === 2 && b.doc.getMap('answers').size === 2,
      'convergence',
    );
    a.announce({ name: 'Owner' });
    await until(() => b.peers().length === 1, 'presence');
    // [R10] stamped with the session's user.
    expect(b.peers()).toEqual([{ name: 'Owner', user: { id: owner.id, name: 'Owner' } }]);
    a.close();
    await until(() => b.peers().length === 0, 'presence removed on close');
    b.close();
  });

  it('every broadcast reaches the sockets open at that moment, as members join and leave', async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor', late: 'editor' });
    const a = await openOk(project.id, owner.cookie);
    const b = await openOk(project.id, others.ed!.cookie);
    a.doc.getMap('answers').set('q1', 'before the join');
    await until(() => b.doc.getMap('answers').get('q1') === 'before the join', 'b hears a');

    const c = await openOk(project.id, others.late!.cookie);
    b.doc.getMap('answers').set('q2', 'after the join');
    await until(
      () =>
        a.doc.getMap('answers').get('q2') === 'after the join' &&
        c.doc.getMap('answers').get('q2') === 'after the join',
      'the newcomer hears live edits, not only its initial sync',
    );

    b.close();
    c.doc.getMap('answers').set('q3', 'after the leave');
    await until(() => a.doc.getMap('answers').get('q3') === 'after the leave', 'a hears c');
    const again = await openOk(project.id, others.ed!.cookie);
    a.doc.getMap('answers').set('q4', 'after the return');
    await until(
      () =>
        again.doc.getMap('answers').get('q4') === 'after the return' &&
        c.doc.getMap('answers').get('q4') === 'after the return',
      'a returning member hears live edits again',
    );
    expect(again.doc.getMap('answers').toJSON()).toEqual({
      q1: 'before the join',
      q2: 'after the join',
      q3: 'after the leave',
      q4: 'after the return',
    });
    for (const s of [a, c, again]) s.close();
  });

  it('viewers receive everything but their updates are dropped', async () => {
    const { owner, project, others } = await projectWith({ viewer: 'viewer' });
    const a = await openOk(project.id, owner.cookie);
    a.doc.getMap('answers').set('q1', 'yes');
    const v = await openOk(project.id, others.viewer!.cookie);
    await until(() => v.doc.getMap('answers').get('q1') === 'yes', 'viewer receives');
    v.doc.getMap('answers').set('q1', 'no');
    v.doc.getMap('answers').set('q9', 'vandal');
    a.doc.getMap('answers').set('q2', 'after');
    await until(() => v.doc.getMap('answers').get('q2') === 'after', 'later edit reaches viewer');
    const server = new Y.Doc();
    Y.applyUpdate(server, await stub(project.id).encodeState());
    expect(server.getMap('answers').toJSON()).toEqual({ q1: 'yes', q2: 'after' });
    a.close();
    v.close();
  });

  it('survives eviction: hibernated sockets keep working, presence is cleaned up, nothing is lost', async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const a = await openOk(project.id, owner.cookie);
    const b = await openOk(project.id, others.ed!.cookie);
    for (let i = 0; i < 30; i++) a.doc.getMap('answers').set(`q${i}`, i);
    a.doc.getText('note').insert(0, 'survives restarts');
    a.announce({ name: 'Owner' });
    await until(
      () => b.doc.getMap('answers').size === 30 && b.peers().length === 1,
      'initial state',
    );

    // Evict with the sockets hibernated: the next message re-creates the object from storage.
    await evictDurableObject(stub(project.id));
    a.doc.getMap('answers').set('afterEviction', true);
    await until(
      () => b.doc.getMap('answers').get('afterEviction') === true,
      'relay after eviction',
    );
    a.close();
    await until(
      () => b.peers().length === 0,
      "a's presence removed from its attachment after hibernation",
    );

    // Evict again, closing every socket: a newcomer still gets every edit.
    await evictDurableObject(stub(project.id), { webSockets: 'close' });
    const c = await openOk(project.id, owner.cookie);
    expect(c.doc.getText('note').toString()).toBe('survives restarts');
    expect(c.doc.getMap('answers').size).toBe(31);
    c.close();
  });

  it.each([
    ['a text frame', (s: DocSocket) => s.ws.send('hello')],
    [
      'an unknown message type',
      (s: DocSocket) => s.ws.send(encoding.encode((e) => encoding.writeVarUint(e, 42))),
    ],
    [
      'a corrupt update',
      (s: DocSocket) => s.ws.send(new Uint8Array([0, 2, 5, 255, 255, 255, 255, 255])),
    ],
  ])(
    'closes the socket that sent %s with MALFORMED_FRAME; the room lives on',
    async (_, sendBad) => {
      const { owner, project, others } = await projectWith({ ed: 'editor' });
      const bad = await openOk(project.id, owner.cookie);
      const good = await openOk(project.id, others.ed!.cookie);
      sendBad(bad);
      await until(() => bad.closed !== undefined, 'close');
      expect(bad.closed).toEqual({
        code: DOC_CLOSE_CODES.MALFORMED_FRAME,
        reason: DocCloseReason.MALFORMED_FRAME,
      });
      good.doc.getMap('answers').set('still', 'working');
      const again = await openOk(project.id, owner.cookie);
      await until(() => again.doc.getMap('answers').get('still') === 'working', 'room still works');
      good.close();
      again.close();
    },
  );

  it('closes with MESSAGE_TOO_LARGE past 1 MiB', async () => {
    const { owner, project } = await projectWith();
    const s = await openOk(project.id, owner.cookie);
    s.doc.getText('note').insert(0, 'x'.repeat(1_100_000));
    await until(() => s.closed !== undefined, 'close');
    expect(s.closed).toEqual({ code: 4413, reason: DocCloseReason.MESSAGE_TOO_LARGE });
  });

  it("closes a removed member's socket with MEMBERSHIP_REVOKED (permanent, 4403), and refuses them after", async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const s = await openOk(project.id, others.ed!.cookie);
    const res = await call('DELETE', `/api/projects/${project.id}/members/${others.ed!.id}`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(204);
    await until(() => s.closed !== undefined, 'revocation close');
    // 4400–4499: a stock y-websocket client stops reconnecting instead of looping on 404.
    expect(s.closed).toEqual({ code: 4403, reason: DocCloseReason.MEMBERSHIP_REVOKED });
    const again = await DocSocket.open(project.id, others.ed!.cookie);
    expect((again as Response).status).toBe(404);
  });

  it('a signed-out session opens no socket, also right after it opened one (the upgrade session cache is dropped)', async () => {
    const { owner, project } = await projectWith();
    const s = await openOk(project.id, owner.cookie); // this isolate now holds the session briefly
    s.close();
    const out = await call('POST', '/api/auth/sign-out', {
      cookie: owner.cookie,
      headers: { Origin: 'http://corates.test' },
    });
    expect(out.status).toBe(200);
    const again = await DocSocket.open(project.id, owner.cookie);
    expect(again).toBeInstanceOf(Response);
    expect((again as Response).status).toBe(401);
  });

  it('deleting the project closes every socket with PROJECT_DELETED (permanent, 4410)', async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const s = await openOk(project.id, others.ed!.cookie);
    const res = await call('DELETE', `/api/projects/${project.id}`, { cookie: owner.cookie });
    expect(res.status).toBe(204);
    await until(() => s.closed !== undefined, 'deletion close');
    expect(s.closed).toEqual({ code: 4410, reason: DocCloseReason.PROJECT_DELETED });
  });

  it("[R10] presence: a viewer cannot forge or remove another member's state; states carry the session's name", async () => {
    const { owner, project, others } = await projectWith({
      'Vera Viewer': 'viewer',
      'Eddie Editor': 'editor',
    });
    const a = await openOk(project.id, owner.cookie);
    const v = await openOk(project.id, others['Vera Viewer']!.cookie);
    const e = await openOk(project.id, others['Eddie Editor']!.cookie);
    a.announce({ user: { id: owner.id, name: 'Owner', color: '#1f5f8b' } });
    await until(() => e.peers().length === 1, "the owner's presence");
    expect(e.peers()).toEqual([{ user: { id: owner.id, name: 'Owner', color: '#1f5f8b' } }]);

    // The viewer takes the owner's client id, with a higher clock; then tries to remove it.
    const victim = a.doc.clientID;
    const clock = e.awareness.meta.get(victim)!.clock;
    v.sendAwareness([
      { clientId: victim, clock: clock + 5, state: { user: { id: owner.id, name: 'Mallory' } } },
    ]);
    v.sendAwareness([{ clientId: victim, clock: clock + 9, state: null }]);
    // Its own state, claiming to be the owner, arrives stamped with its own session.
    v.announce({ user: { id: owner.id, name: 'Owner (really)', color: '#8e3b9c' } });
    await until(() => e.peers().length === 2, "the viewer's own presence");
    expect(e.awareness.getStates().get(victim)).toEqual({
      user: { id: owner.id, name: 'Owner', color: '#1f5f8b' },
    });
    expect(e.awareness.getStates().get(v.doc.clientID)).toEqual({
      user: { id: others['Vera Viewer']!.id, name: 'Vera Viewer', color: '#8e3b9c' },
    });
    expect(v.closed).toBeUndefined();
    for (const s of [a, v, e]) s.close();
  });

  it('[R10] a member back from a silent network loss is present again while the server still holds their old socket open', async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const lost = await openOk(project.id, owner.cookie);
    const e = await openOk(project.id, others.ed!.cookie);
    const id = lost.doc.clientID;
    // A second id the old socket keeps: its removal shows when the server has seen the close.
    const other = id + 1;
    lost.sendAwareness([
      { clientId: id, clock: 1, state: { checklistId: 'k1' } },
      { clientId: other, clock: 1, state: { checklistId: 'other tab' } },
    ]);
    await until(() => e.awareness.getStates().get(id)?.checklistId === 'k1', 'first presence');

    // The same client (same awareness id, a newer clock) over a new socket; the old one is never
    // closed, as when the network vanished without a close frame.
    const back = await openOk(project.id, owner.cookie);
    back.sendAwareness([{ clientId: id, clock: 2, state: { checklistId: 'k2' } }]);
    await until(
      () => e.awareness.getStates().get(id)?.checklistId === 'k2',
      'presence after the return',
    );
    // [R4] The old socket's close, when it finally comes, removes only what it still owns.
    lost.close();
    await until(() => !e.awareness.getStates().has(other), "the old socket's close");
    expect(e.awareness.getStates().get(id)).toEqual({
      checklistId: 'k2',
      user: { id: owner.id, name: 'Owner' },
    });
    for (const s of [back, e]) s.close();
  });

  describe('[R11] the client version on the socket', () => {
    const setMin = (version: string) =>
      env.DB.prepare(
        "INSERT OR REPLACE INTO app_config (key, value) VALUES ('minSupportedClient', ?)",
      )
        .bind(version)
        .run();
    afterEach(async () => {
      await env.DB.prepare('DELETE FROM app_config').run();
    });

    it.each([
      ['the clientVersion query parameter', { query: 'clientVersion=1.1.9' }],
      ['X-Client-Version', { headers: { 'X-Client-Version': '1.1.9' } }],
    ])(
      'a build below minSupportedClient (%s) is closed with CLIENT_TOO_OLD (4426) before any sync',
      async (_, options) => {
        const { owner, project } = await projectWith();
        const writer = await openOk(project.id, owner.cookie);
        writer.doc.getMap('answers').set('q1', 'current');
        await setMin('1.2.0');
        const old = await DocSocket.open(project.id, owner.cookie, options);
        expect(old).toBeInstanceOf(DocSocket);
        const socket = old as DocSocket;
        // What an old build sends at once: its offline edit.
        socket.doc.getMap('answers').set('q1', 'old format');
        await until(() => socket.closed !== undefined, 'the refusal');
        expect(socket.closed).toEqual({ code: 4426, reason: DocCloseReason.CLIENT_TOO_OLD });
        expect(socket.received).toBe(0); // nothing of the document
        expect(socket.doc.getMap('answers').get('q1')).toBe('old format');
        const server = new Y.Doc();
        Y.applyUpdate(server, await stub(project.id).encodeState());
        expect(server.getMap('answers').get('q1')).toBe('current'); // nothing applied
        writer.close();
      },
    );

    it('lets a current build, and a client that sends no version (a stock client), through', async () => {
      const { owner, project } = await projectWith();
      await setMin('1.2.0');
      for (const options of [{ query: 'clientVersion=1.2.0' }, {}]) {
        const s = await DocSocket.open(project.id, owner.cookie, options);
        if (s instanceof Response) throw new Error(`refused: ${s.status}`);
        await until(() => s.synced, 'sync');
        s.close();
      }
    });

    it('answers 400 to a malformed version, 426 to a non-upgrade request from an old build', async () => {
      const { owner, project } = await projectWith();
      await setMin('1.2.0');
      const bad = await DocSocket.open(project.id, owner.cookie, { query: 'clientVersion=latest' });
      expect((bad as Response).status).toBe(400);
      const plain = await call('GET', `/api/projects/${project.id}/doc?clientVersion=1.0.0`, {
        cookie: owner.cookie,
      });
      expect(plain.status).toBe(426);
      expect(plain.json.error.code).toBe('CLIENT_TOO_OLD');
    });

    // The retired build must learn it is retired whether or not it is still signed in: a 401 would
    // send it to a sign-in page instead of the upgrade flow that carries its queue over.
    it.each([
      ['signed out', false],
      ['signed in', true],
    ])(
      'a retired build %s is told CLIENT_TOO_OLD on both documents, socket and HTTP, before the session check',
      async (_, signedIn) => {
        const { owner, project } = await projectWith();
        await setMin('1.2.0');
        const cookie = signedIn ? owner.cookie : undefined;
        for (const checklistId of [undefined, 'c1']) {
          for (const options of [
            { query: 'clientVersion=1.1.9', checklistId },
            { headers: { 'X-Client-Version': '1.1.9' }, checklistId },
          ]) {
            const s = await DocSocket.open(project.id, cookie, options);
            if (s instanceof Response) throw new Error(`refused: ${s.status}`);
            await until(() => s.closed !== undefined, 'the refusal');
            expect(s.closed).toEqual({ code: 4426, reason: DocCloseReason.CLIENT_TOO_OLD });
            expect(s.received).toBe(0);
          }
          const doc = checklistId ? `checklists/${checklistId}/doc` : 'doc';
          const plain = await call(
            'GET',
            `/api/projects/${project.id}/${doc}?clientVersion=1.1.9`,
            {
              ...(cookie ? { cookie } : {}),
              version: null,
            },
          );
          expect(plain.status).toBe(426);
          expect(plain.json.error).toMatchObject({
            code: 'CLIENT_TOO_OLD',
            details: { clientVersion: '1.1.9', minSupportedClient: '1.2.0' },
          });
        }
      },
    );

    it("an open build's socket is closed once minSupportedClient rises above it (with the next export)", async () => {
      const { owner, project } = await projectWith();
      const old = await DocSocket.open(project.id, owner.cookie, { query: 'clientVersion=1.1.0' });
      if (old instanceof Response) throw new Error(`refused: ${old.status}`);
      const stock = await openOk(project.id, owner.cookie); // no version: stays
      await until(() => old.synced, 'sync');
      await setMin('1.2.0');
      old.doc.getMap('answers').set('q1', 'after the raise');
      await new Promise((r) => setTimeout(r, 100));
      expect(await runDurableObjectAlarm(stub(project.id))).toBe(true);
      await until(() => old.closed !== undefined, 'the retirement close');
      expect(old.closed).toEqual({ code: 4426, reason: DocCloseReason.CLIENT_TOO_OLD });
      expect(stock.closed).toBeUndefined();
      stock.close();
    });
  });

  it("a demoted editor's live socket becomes read-only at once", async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const s = await openOk(project.id, others.ed!.cookie);
    await call('PATCH', `/api/projects/${project.id}/members/${others.ed!.id}`, {
      cookie: owner.cookie,
      body: { role: 'viewer' },
    });
    s.doc.getMap('answers').set('q1', 'after demotion');
    const o = await openOk(project.id, owner.cookie);
    o.doc.getMap('answers').set('marker', 1);
    await until(() => s.doc.getMap('answers').get('marker') === 1, 'marker');
    const server = new Y.Doc();
    Y.applyUpdate(server, await stub(project.id).encodeState());
    expect(server.getMap('answers').has('q1')).toBe(false);
    s.close();
    o.close();
  });

  it('exports the compacted document to D1 on its alarm', async () => {
    const { owner, project } = await projectWith();
    const s = await openOk(project.id, owner.cookie);
    s.doc.getMap('answers').set('q1', 'exported');
    await new Promise((r) => setTimeout(r, 100));
    expect(await runDurableObjectAlarm(stub(project.id))).toBe(true);
    const rows = await env.DB.prepare(
      'SELECT data FROM project_doc_chunks WHERE project_id = ? ORDER BY idx',
    )
      .bind(project.id)
      .all<{ data: ArrayBuffer }>();
    const doc = new Y.Doc();
    for (const r of rows.results) Y.applyUpdate(doc, new Uint8Array(r.data));
    expect(doc.getMap('answers').get('q1')).toBe('exported');
    const summary = await env.DB.prepare(
      'SELECT schema_version, doc_bytes FROM project_summaries WHERE project_id = ?',
    )
      .bind(project.id)
      .first<{ schema_version: number; doc_bytes: number }>();
    expect(summary?.doc_bytes).toBeGreaterThan(0);
    s.close();
  });

  it('reconcile: the HTTP fallback applies an editor update and returns the missing diff', async () => {
    const { owner, project, others } = await projectWith({ viewer: 'viewer' });
    const s = await openOk(project.id, owner.cookie);
    s.doc.getMap('answers').set('fromSocket', 1);
    await new Promise((r) => setTimeout(r, 100));
    const local = new Y.Doc();
    local.getMap('answers').set('fromHttp', 2);
    const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
    const res = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: {
        update: b64(Y.encodeStateAsUpdate(local)),
        stateVector: b64(Y.encodeStateVector(local)),
      },
    });
    expect(res.status).toBe(200);
    Y.applyUpdate(
      local,
      Uint8Array.from(atob(res.json.update), (c) => c.charCodeAt(0)),
    );
    expect(local.getMap('answers').toJSON()).toEqual({ fromSocket: 1, fromHttp: 2 });
    await until(() => s.doc.getMap('answers').get('fromHttp') === 2, 'socket sees the HTTP edit');

    const viewerDoc = new Y.Doc();
    viewerDoc.getMap('answers').set('viewer', 3);
    const byViewer = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: others.viewer!.cookie,
      body: {
        update: b64(Y.encodeStateAsUpdate(viewerDoc)),
        stateVector: b64(Y.encodeStateVector(viewerDoc)),
      },
    });
    expect(byViewer.status).toBe(200);
    const bad = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: { update: 'AAAA', stateVector: '!!' },
    });
    expect(bad.status).toBe(400);
    const server = new Y.Doc();
    Y.applyUpdate(server, await stub(project.id).encodeState());
    expect(server.getMap('answers').has('viewer')).toBe(false);
    s.close();
  });
});

describe('SqlRoomStorage (Durable Object SQLite)', () => {
  let n = 0;
  roomStorageContract(async (test) => {
    // Each test in a fresh object's SQLite, inside that object's context.
    const id = env.PROJECT_DOC.idFromName(`storage-contract-${++n}-${Date.now()}`);
    await runInDurableObject(env.PROJECT_DOC.get(id), (_instance, state) =>
      test(new SqlRoomStorage(state.storage.sql, (fn) => state.storage.transactionSync(fn))),
    );
  });
});

describe('SqlRoomStorage of checklist documents (one table set, keyed by checklist)', () => {
  let n = 0;
  // Each test with a neighbour document in the same tables, which it must never see or touch.
  roomStorageContract(async (test) => {
    const id = env.PROJECT_DOC.idFromName(`checklist-storage-contract-${++n}-${Date.now()}`);
    await runInDurableObject(env.PROJECT_DOC.get(id), async (_instance, state) => {
      const tx = (fn: () => void) => state.storage.transactionSync(fn);
      const scope = (doc: string) => ({ tables: 'checklist_doc' as const, doc });
      const neighbour = new SqlRoomStorage(state.storage.sql, tx, scope('neighbour'));
      neighbour.appendUpdates([new Uint8Array([9, 9])]);
      neighbour.compact(new Uint8Array([7]));
      neighbour.appendUpdates([new Uint8Array([8])]);
      await test(new SqlRoomStorage(state.storage.sql, tx, scope('c1')));
      const again = new SqlRoomStorage(state.storage.sql, tx, scope('neighbour'));
      expect([...again.loadSnapshot()!]).toEqual([7]);
      expect(again.loadUpdates().map((u) => [...u])).toEqual([[8]]);
    });
  });
});
