import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason, DocMessageType } from '@corates/shared';
import { FakeRoomClient } from '../test/fake-room-client.ts';
import { MAX_OWNED_CLIENT_IDS, ProjectRoom } from './project-room.ts';
import { MemoryRoomStorage } from './room-storage.ts';

function setup(options: { compactAfterUpdates?: number; maxMessageBytes?: number } = {}) {
  const storage = new MemoryRoomStorage();
  const clients: FakeRoomClient[] = [];
  const room = new ProjectRoom(storage, {
    sockets: () => clients.filter((c) => !c.closed),
    ...options,
  });
  const join = (userId: string, canWrite = true, userName?: string) => {
    const c = new FakeRoomClient(userId, canWrite, userName);
    clients.push(c);
    room.onConnect(c);
    c.hello();
    return c;
  };
  /** Delivers every queued frame both ways until nothing moves. */
  const settle = () => {
    for (let round = 0; round < 20; round++) {
      let moved = false;
      for (const c of clients) {
        if (c.closed) continue;
        if (c.outbox.length) {
          moved = true;
          const out = c.outbox;
          c.outbox = [];
          for (const f of out) room.onMessage(c, f);
        }
        if (c.inbox.length) {
          moved = true;
          c.deliver();
        }
      }
      if (!moved) return;
    }
    throw new Error('room did not settle');
  };
  return { storage, room, clients, join, settle };
}

const answers = (c: FakeRoomClient) => c.doc.getMap('answers').toJSON();

describe('ProjectRoom', () => {
  it('two writers converge, each seeing the other within one round trip', () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    settle();
    a.doc.getMap('answers').set('q1', 'yes');
    b.doc.getMap('answers').set('q2', 'no');
    settle();
    expect(answers(a)).toEqual({ q1: 'yes', q2: 'no' });
    expect(answers(b)).toEqual(answers(a));
  });

  it('concurrent edits to the same note both survive', () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    a.doc.getText('note').insert(0, 'shared ');
    settle();
    a.doc.getText('note').insert(7, 'alpha');
    b.doc.getText('note').insert(7, 'beta');
    settle();
    const text = a.doc.getText('note').toString();
    expect(text).toContain('alpha');
    expect(text).toContain('beta');
    expect(b.doc.getText('note').toString()).toBe(text);
  });

  it('[R1] an update is in storage before any other socket is sent it', () => {
    const { storage, join, settle, room } = setup();
    const a = join('a');
    const b = join('b');
    settle();
    const seenAtSend: number[] = [];
    const send = b.send.bind(b);
    b.send = (data) => {
      seenAtSend.push(storage.updateCount());
      send(data);
    };
    const before = storage.updateCount();
    a.doc.getMap('answers').set('q3', 'yes');
    for (const f of a.outbox.splice(0)) room.onMessage(a, f);
    expect(seenAtSend).toEqual([before + 1]);
  });

  it("a returning offline client's edits are pulled in on connect (server sends step 1)", () => {
    const { join, settle, room } = setup();
    const online = join('a');
    settle();
    const offline = new FakeRoomClient('b');
    offline.doc.getMap('answers').set('q7', 'partial-yes');
    offline.outbox = []; // made while disconnected: nothing was sent
    // reconnect: the room's step 1 makes the client answer with what the server lacks
    room.onConnect(offline);
    offline.deliver();
    for (const f of offline.outbox.splice(0)) room.onMessage(offline, f);
    expect(room.doc.getMap('answers').get('q7')).toBe('partial-yes');
    online.deliver();
    expect(answers(online)).toEqual({ q7: 'partial-yes' });
    void settle;
  });

  it('[R2] drops updates from read-only sockets but answers their sync', () => {
    const { join, settle, room, storage } = setup();
    const writer = join('w');
    writer.doc.getMap('answers').set('q1', 'yes');
    settle();
    const viewer = join('v', false);
    settle();
    expect(answers(viewer)).toEqual({ q1: 'yes' }); // receives
    viewer.doc.getMap('answers').set('q1', 'no');
    const count = storage.updateCount();
    settle();
    expect(room.doc.getMap('answers').get('q1')).toBe('yes');
    expect(answers(writer)).toEqual({ q1: 'yes' });
    expect(storage.updateCount()).toBe(count);
  });

  it.each([
    ['an unknown message type', encoding.encode((e) => encoding.writeVarUint(e, 99))],
    ['a truncated sync message', new Uint8Array([DocMessageType.sync])],
    [
      'an unknown sync step',
      encoding.encode((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 7);
      }),
    ],
    [
      'garbage as an update',
      encoding.encode((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 1, 2]));
      }),
    ],
    [
      'awareness with bad JSON',
      encoding.encode((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          encoding.encode((a) => {
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, 5);
            encoding.writeVarUint(a, 1);
            encoding.writeVarString(a, '{nope');
          }),
        );
      }),
    ],
    ['an empty frame', new Uint8Array()],
  ])('[R3] %s closes only that socket with MALFORMED_FRAME', (_, bad) => {
    const { join, settle, room } = setup();
    const a = join('a');
    const b = join('b');
    settle();
    room.onMessage(a, bad);
    expect(a.closed).toEqual({
      code: DOC_CLOSE_CODES.MALFORMED_FRAME,
      reason: DocCloseReason.MALFORMED_FRAME,
    });
    expect(b.closed).toBeUndefined();
    b.doc.getMap('answers').set('q1', 'yes');
    settle();
    expect(room.doc.getMap('answers').get('q1')).toBe('yes');
  });

  it('[R3] an oversized frame closes with MESSAGE_TOO_LARGE (permanent, 44xx) and changes nothing', () => {
    const { join, settle, room } = setup({ maxMessageBytes: 1000 });
    const a = join('a');
    settle();
    a.doc.getText('note').insert(0, 'x'.repeat(5000));
    settle();
    // A stock client would send the same frame on every reconnect: the code stops it.
    expect(a.closed).toEqual({ code: 4413, reason: DocCloseReason.MESSAGE_TOO_LARGE });
    expect(room.doc.getText('note').length).toBe(0);
  });

  it('[R4] closing a socket removes only its awareness states, also after hibernation', () => {
    const { join, settle, room, clients, storage } = setup();
    const a = join('a');
    const b = join('b');
    const c = join('c');
    a.announce({ name: 'A' });
    b.announce({ name: 'B' });
    c.announce({ name: 'C' });
    settle();
    expect(c.peers().size).toBe(2);

    // Hibernation: a new room instance over the same storage and the same socket attachments.
    const revived = new ProjectRoom(storage, { sockets: () => clients.filter((x) => !x.closed) });
    b.closed = { code: 1000, reason: '' };
    revived.onClose(b);
    c.deliver();
    a.deliver();
    expect([...c.peers().values()]).toEqual([{ name: 'A', user: { id: 'a', name: 'User a' } }]);
    expect([...a.peers().values()]).toEqual([{ name: 'C', user: { id: 'c', name: 'User c' } }]);
    void room;
  });

  it('[R10] a member (a viewer too) cannot replace or remove the presence of another client id', () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    const viewer = join('v', false);
    a.announce({ user: { id: 'a', name: 'User a', color: '#1f5f8b' } });
    settle();
    const victim = a.doc.clientID;
    const clock = a.awareness.meta.get(victim)!.clock;
    viewer.sendAwareness([
      { clientId: victim, clock: clock + 5, state: { user: { id: 'a', name: 'Mallory' } } },
    ]);
    settle();
    viewer.sendAwareness([{ clientId: victim, clock: clock + 9, state: null }]);
    settle();
    expect(viewer.closed).toBeUndefined(); // dropped, not a reason to close
    expect(b.peers().get(victim)).toEqual({
      user: { id: 'a', name: 'User a', color: '#1f5f8b' },
    });
  });

  it("[R10] an accepted state carries the session user's id and name, whatever the client claims", () => {
    const { join, settle } = setup();
    const viewer = join('v', false, 'Vera Viewer');
    const other = join('o');
    settle();
    // A forged id and name on the socket's own client id: the state is kept, the user stamped.
    viewer.announce({
      user: { id: 'owner-id', name: 'The Owner', color: '#8e3b9c' },
      checklistId: 'c1',
    });
    settle();
    expect(other.peers().get(viewer.doc.clientID)).toEqual({
      user: { id: 'v', name: 'Vera Viewer', color: '#8e3b9c' },
      checklistId: 'c1',
    });
  });

  it('[R10] a state that is not an object, or a colour that is not #rrggbb, is still stamped', () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    settle();
    a.sendAwareness([{ clientId: a.doc.clientID, clock: 1, state: 'hello' }]);
    settle();
    expect(b.peers().get(a.doc.clientID)).toEqual({ user: { id: 'a', name: 'User a' } });
    a.sendAwareness([
      {
        clientId: a.doc.clientID,
        clock: 2,
        state: { user: { name: 'x', color: 'red;background:url(x)' } },
      },
    ]);
    settle();
    expect(b.peers().get(a.doc.clientID)).toEqual({ user: { id: 'a', name: 'User a' } });
  });

  it("[R10] a stock provider's echo of a peer's state is dropped quietly; the peer's own updates still apply", () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    const c = join('c');
    a.announce({ user: { name: 'A' } });
    settle();
    // y-websocket re-sends every awareness change it receives, its peers' included.
    const echo = a.awareness.meta.get(a.doc.clientID)!.clock;
    b.sendAwareness([
      { clientId: a.doc.clientID, clock: echo, state: a.awareness.getLocalState() },
    ]);
    settle();
    expect(b.closed).toBeUndefined();
    a.announce({ user: { name: 'A' }, checklistId: 'k2' });
    settle();
    expect(c.peers().get(a.doc.clientID)).toEqual({
      user: { id: 'a', name: 'User a' },
      checklistId: 'k2',
    });
    expect(Object.keys(b.getState().awareness)).toEqual([]);
  });

  it('[R10] a client id is owned by the first socket that announces it, until that socket closes', () => {
    const { join, settle, room } = setup();
    const a = join('a');
    const b = join('b');
    const c = join('c');
    const shared = 4242;
    a.sendAwareness([{ clientId: shared, clock: 1, state: { user: { name: 'first' } } }]);
    settle();
    b.sendAwareness([{ clientId: shared, clock: 2, state: { user: { name: 'second' } } }]);
    settle();
    expect(c.peers().get(shared)).toEqual({ user: { id: 'a', name: 'User a' } });

    a.closed = { code: 1000, reason: '' };
    room.onClose(a);
    settle();
    expect(c.peers().has(shared)).toBe(false);
    // A removal claims nothing; a state does.
    b.sendAwareness([{ clientId: shared, clock: 3, state: null }]);
    settle();
    expect(Object.keys(b.getState().awareness)).toEqual([]);
    b.sendAwareness([{ clientId: shared, clock: 4, state: { user: { name: 'second' } } }]);
    settle();
    expect(c.peers().get(shared)).toEqual({ user: { id: 'b', name: 'User b' } });
  });

  it('[R10] ownership survives hibernation (rebuilt from the socket attachments)', () => {
    const { join, settle, storage, clients } = setup();
    const a = join('a');
    const b = join('b');
    a.announce({ user: { name: 'A' } });
    settle();
    const c = join('c');
    settle();
    // Hibernation: a new room whose in-memory awareness is empty, over the same attachments.
    const revived = new ProjectRoom(storage, { sockets: () => clients.filter((x) => !x.closed) });
    const clock = a.awareness.meta.get(a.doc.clientID)!.clock;
    b.sendAwareness([
      { clientId: a.doc.clientID, clock: clock + 1, state: { user: { name: 'Mallory' } } },
    ]);
    for (const f of b.outbox.splice(0)) revived.onMessage(b, f);
    expect(Object.keys(b.getState().awareness)).toEqual([]);
    expect(c.inbox).toEqual([]); // nothing was broadcast
    expect(c.peers().get(a.doc.clientID)).toEqual({ user: { id: 'a', name: 'User a' } });
    expect(b.closed).toBeUndefined();
  });

  it(`[R10] a socket owns at most ${MAX_OWNED_CLIENT_IDS} client ids`, () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    a.sendAwareness(
      Array.from({ length: 50 }, (_, i) => ({ clientId: 1000 + i, clock: 1, state: { i } })),
    );
    settle();
    expect(Object.keys(a.getState().awareness)).toHaveLength(MAX_OWNED_CLIENT_IDS);
    expect(b.peers().size).toBe(MAX_OWNED_CLIENT_IDS);
  });

  it('a restarted room has everything that was persisted', () => {
    const { join, settle, storage } = setup();
    const a = join('a');
    for (let i = 0; i < 50; i++) a.doc.getMap('answers').set(`q${i}`, i);
    a.doc.getText('note').insert(0, 'persisted');
    settle();
    const restarted = new ProjectRoom(storage, { sockets: () => [] });
    expect(restarted.doc.getMap('answers').size).toBe(50);
    expect(restarted.doc.getText('note').toString()).toBe('persisted');
  });

  it('compacts the log into a snapshot past the threshold and when the room empties', () => {
    const { join, settle, storage, clients, room } = setup({ compactAfterUpdates: 10 });
    const a = join('a');
    settle();
    for (let i = 0; i < 25; i++) {
      a.doc.getMap('answers').set(`q${i}`, i);
      settle();
    }
    expect(storage.updateCount()).toBeLessThan(10);
    expect(storage.loadSnapshot()).toBeDefined();
    a.doc.getMap('answers').set('last', true);
    settle();
    a.closed = { code: 1000, reason: '' };
    room.onClose(a);
    expect(storage.updateCount()).toBe(0);
    const restarted = new ProjectRoom(storage, { sockets: () => [] });
    expect(restarted.doc.getMap('answers').size).toBe(26);
    void clients;
  });

  it('reconcile applies a writer update and returns exactly what the caller lacks', () => {
    const { room } = setup();
    room.doc.getMap('answers').set('server', 1);
    const client = new Y.Doc();
    client.getMap('answers').set('client', 2);
    const res = room.reconcile(Y.encodeStateAsUpdate(client), Y.encodeStateVector(client), true);
    Y.applyUpdate(client, res.update);
    expect(client.getMap('answers').toJSON()).toEqual({ server: 1, client: 2 });
    expect(room.doc.getMap('answers').toJSON()).toEqual({ server: 1, client: 2 });
    const viewerDoc = new Y.Doc();
    viewerDoc.getMap('answers').set('viewer', 3);
    room.reconcile(Y.encodeStateAsUpdate(viewerDoc), Y.encodeStateVector(viewerDoc), false);
    expect(room.doc.getMap('answers').has('viewer')).toBe(false);
  });
});
