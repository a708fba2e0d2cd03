import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason, DocMessageType } from '@corates/shared';
import { FakeRoomClient } from '../test/fake-room-client.ts';
import { MAX_OWNED_CLIENT_IDS, ProjectRoom, RoomStorageFailed } from './project-room.ts';
import { MemoryRoomStorage } from './room-storage.ts';

/** The memory storage, remembering the size of every group written and failing one on request. */
class RecordingStorage extends MemoryRoomStorage {
  readonly groups: number[] = [];
  failNextGroup = false;
  override appendUpdates(updates: Uint8Array[]) {
    if (this.failNextGroup) {
      this.failNextGroup = false;
      throw new Error('disk I/O error');
    }
    super.appendUpdates(updates);
    this.groups.push(updates.length);
  }
}

function setup(
  options: {
    compactAfterUpdates?: number;
    maxMessageBytes?: number;
    /** Commits run when `runScheduled` (or `settle`) runs them, as a Durable Object's timer would. */
    deferCommits?: boolean;
  } = {},
) {
  const { deferCommits, ...roomOptions } = options;
  const storage = new RecordingStorage();
  const clients: FakeRoomClient[] = [];
  const scheduled: (() => void)[] = [];
  const storageFailures: RoomStorageFailed[] = [];
  const room = new ProjectRoom(storage, {
    sockets: () => clients.filter((c) => !c.closed),
    ...roomOptions,
    ...(deferCommits ? { scheduleCommit: (commit: () => void) => scheduled.push(commit) } : {}),
    onStorageFailed: (e) => storageFailures.push(e),
  });
  /** The host's timer firing: runs the commits scheduled so far; true if there were any. */
  const runScheduled = () => {
    const due = scheduled.splice(0);
    for (const commit of due) commit();
    return due.length > 0;
  };
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
      let moved = runScheduled();
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
  return { storage, room, clients, join, settle, runScheduled, storageFailures };
}

/** Hands every frame a client has produced to the room, as one burst. */
function sendAll(room: ProjectRoom, c: FakeRoomClient) {
  for (const f of c.outbox.splice(0)) room.onMessage(c, f);
}

/** The values a client's `log` array gained, one entry per observed change (one per update applied). */
function watchLog(c: FakeRoomClient) {
  const changes: unknown[][] = [];
  c.doc.getArray('log').observe((event) => {
    changes.push(event.changes.delta.flatMap((d) => (d.insert as unknown[] | undefined) ?? []));
  });
  return changes;
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

  it("[R10] an echo of a peer's state leaves the echoing socket's record unwritten (no attachment write)", () => {
    const { join, settle } = setup();
    const a = join('a');
    const b = join('b');
    a.announce({ user: { name: 'A' } });
    b.announce({ user: { name: 'B' } });
    settle();
    const written: unknown[] = [];
    const setState = b.setState.bind(b);
    b.setState = (state) => {
      written.push(state);
      setState(state);
    };
    const before = b.getState();
    const echo = a.awareness.meta.get(a.doc.clientID)!.clock;
    b.sendAwareness([
      { clientId: a.doc.clientID, clock: echo, state: a.awareness.getLocalState() },
    ]);
    settle();
    expect(written).toEqual([]);
    // Its own renewal (a newer clock) is still recorded.
    b.announce({ user: { name: 'B' }, checklistId: 'k1' });
    settle();
    expect(written).toHaveLength(1);
    expect(b.getState().awareness[String(b.doc.clientID)]).toBeGreaterThan(
      before.awareness[String(b.doc.clientID)]!,
    );
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

  it('[R10] the same user announcing a newer clock takes over a client id from a socket left open', () => {
    const { join, settle, room } = setup();
    const stale = join('a');
    const other = join('b');
    const watcher = join('c');
    const id = 777;
    stale.sendAwareness([{ clientId: id, clock: 3, state: { checklistId: 'k1' } }]);
    settle();
    // Another user, however new the clock, still takes nothing; nor does the same user's echo.
    other.sendAwareness([{ clientId: id, clock: 9, state: { checklistId: 'forged' } }]);
    const back = join('a');
    back.sendAwareness([{ clientId: id, clock: 3, state: { checklistId: 'echo' } }]);
    settle();
    expect(watcher.peers().get(id)).toEqual({
      checklistId: 'k1',
      user: { id: 'a', name: 'User a' },
    });
    expect(Object.keys(back.getState().awareness)).toEqual([]);

    // The client came back over a new socket after a silent network loss: its renewal applies.
    back.sendAwareness([{ clientId: id, clock: 4, state: { checklistId: 'k2' } }]);
    settle();
    expect(watcher.peers().get(id)).toEqual({
      checklistId: 'k2',
      user: { id: 'a', name: 'User a' },
    });
    expect(Object.keys(stale.getState().awareness)).toEqual([]);
    // [R4] When the server finally sees the old socket close, the state stays.
    stale.closed = { code: 1006, reason: '' };
    room.onClose(stale);
    settle();
    expect(watcher.peers().get(id)).toEqual({
      checklistId: 'k2',
      user: { id: 'a', name: 'User a' },
    });
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

  it("[R13] an update is stored and sent as its sender's bytes; one that waits on a missing update is stored at once; an empty one is neither", () => {
    const { join, settle, room, storage } = setup();
    const a = join('a');
    const b = join('b');
    settle();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getArray('log').push([1]);
    source.getArray('log').push([2]);
    const asFrame = (update: Uint8Array) =>
      encoding.encode((e) => {
        encoding.writeVarUint(e, DocMessageType.sync);
        encoding.writeVarUint(e, 2); // y-protocols' update message
        encoding.writeVarUint8Array(e, update);
      });
    const stored = storage.updateCount();

    // The second edit first: the room's document holds it back until the first arrives.
    room.onMessage(a, asFrame(updates[1]!));
    expect(storage.loadUpdates().slice(stored)).toEqual([updates[1]]);
    expect(b.inbox).toEqual([asFrame(updates[1]!)]);
    // A restart before the first arrives keeps it: the first completes the document.
    const restarted = new ProjectRoom(storage, { sockets: () => [] });
    restarted.applyUpdate(updates[0]!, null);
    expect(restarted.doc.getArray('log').toArray()).toEqual([1, 2]);

    const c = join('c');
    settle();
    const sent = c.inbox.length;
    const count = storage.updateCount();
    room.onMessage(a, asFrame(new Uint8Array([0, 0])));
    expect(storage.updateCount()).toBe(count);
    expect(c.inbox.length).toBe(sent);
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
  it('a new client is sent the whole document, encoded once between changes, never a stale copy', () => {
    const { join, settle, room } = setup();
    const a = join('a');
    settle();
    a.doc.getMap('answers').set('q1', 'first');
    settle();
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = room.reconcile(new Uint8Array(), empty, false).update;
    // Encoded once: the next new client gets the same bytes without encoding the document again.
    expect(room.reconcile(new Uint8Array(), empty, false).update).toBe(first);
    const b = join('b');
    settle();
    expect(b.doc.getMap('answers').get('q1')).toBe('first');

    a.doc.getMap('answers').set('q1', 'second');
    settle();
    // A change drops the copy: the next new client, by socket or HTTP, holds the change.
    const c = join('c');
    settle();
    expect(c.doc.getMap('answers').get('q1')).toBe('second');
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, room.reconcile(new Uint8Array(), empty, false).update);
    expect(fresh.getMap('answers').get('q1')).toBe('second');
    // A client holding part of the document is still sent only what it lacks.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, first);
    const held = Y.encodeStateVector(partial);
    const diff = room.reconcile(new Uint8Array(), held, false).update;
    expect(diff).toEqual(Y.encodeStateAsUpdate(room.doc, held));
    Y.applyUpdate(partial, diff);
    expect(partial.getMap('answers').get('q1')).toBe('second');
  });
});

describe('ProjectRoom group commit [R13] and unanswered sockets [R14]', () => {
  it('[R1][R13] updates that arrive together are stored in one write, then sent, in order', () => {
    const { join, settle, room, storage, runScheduled } = setup({ deferCommits: true });
    const a = join('a');
    const b = join('b');
    settle();
    const groupsBefore = storage.groups.length;
    const countBefore = storage.updateCount();
    const storedAtSend: number[] = [];
    const send = b.send.bind(b);
    b.send = (data) => {
      storedAtSend.push(storage.updateCount());
      send(data);
    };
    for (let i = 0; i < 20; i++) a.doc.getArray('log').push([i]);
    sendAll(room, a);
    expect(b.inbox).toEqual([]); // applied, not yet stored: nothing is sent
    expect(storage.updateCount()).toBe(countBefore);

    runScheduled();
    expect(storage.groups.slice(groupsBefore)).toEqual([20]);
    expect(storedAtSend).toEqual(Array(20).fill(countBefore + 20));
    const changes = watchLog(b);
    b.deliver();
    // One update per frame, in the order they were sent.
    expect(changes).toEqual(Array.from({ length: 20 }, (_, i) => [i]));
    expect(a.inbox).toEqual([]); // the sender is not sent its own updates
  });

  it('[R13] a sync step 1 behind a pending group is answered from storage, the group included', () => {
    const { join, settle, room, storage, clients } = setup({ deferCommits: true });
    const a = join('a');
    settle();
    a.doc.getMap('answers').set('q1', 'pending');
    sendAll(room, a);
    const count = storage.updateCount();
    const late = new FakeRoomClient('late');
    clients.push(late);
    room.onConnect(late);
    late.hello();
    sendAll(room, late);
    // The answer went out after the group was written; the scheduled commit has nothing left.
    expect(storage.updateCount()).toBe(count + 1);
    late.deliver();
    expect(answers(late)).toEqual({ q1: 'pending' });
  });

  it('[R14] a socket is sent no update before its sync step 1 is answered; the answer holds them', () => {
    const { join, settle, room, clients, runScheduled } = setup({ deferCommits: true });
    const a = join('a');
    const b = join('b');
    settle();
    const late = new FakeRoomClient('late');
    clients.push(late);
    room.onConnect(late); // its step 1 is still on the way
    const greeting = late.inbox.length; // the room's own step 1
    for (let i = 0; i < 5; i++) a.doc.getArray('log').push([i]);
    sendAll(room, a);
    runScheduled();
    expect(b.inbox).toHaveLength(5);
    expect(late.inbox).toHaveLength(greeting);
    late.hello();
    settle();
    expect(late.doc.getArray('log').toArray()).toEqual([0, 1, 2, 3, 4]);
    a.doc.getArray('log').push([5]);
    settle();
    expect(late.doc.getArray('log').toArray()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('[R13] a group that fails to store is sent to no one and forgotten; its sender resends it on reconnect', () => {
    const { join, settle, room, storage, runScheduled, storageFailures, clients } = setup({
      deferCommits: true,
    });
    const a = join('a');
    const b = join('b');
    a.doc.getArray('log').push(['stored']);
    settle();
    storage.failNextGroup = true;
    for (let i = 0; i < 3; i++) a.doc.getArray('log').push([`lost ${i}`]);
    sendAll(room, a);
    const sentToB = b.inbox.length;
    expect(() => runScheduled()).toThrow(RoomStorageFailed);
    expect(storageFailures).toHaveLength(1);
    expect(b.inbox).toHaveLength(sentToB);
    // Nothing is served from memory that storage does not hold.
    expect(room.doc.getArray('log').toArray()).toEqual(['stored']);

    // The host drops every socket (a restart); the writer's client reconnects with its copy.
    for (const c of clients) c.closed = { code: 1006, reason: '' };
    const again = new FakeRoomClient('a');
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(a.doc));
    again.outbox = []; // made before the connection: a provider sends it as its step 2
    clients.push(again);
    room.onConnect(again);
    again.hello();
    settle();
    const restarted = new ProjectRoom(storage, { sockets: () => [] });
    expect(restarted.doc.getArray('log').toArray()).toEqual([
      'stored',
      'lost 0',
      'lost 1',
      'lost 2',
    ]);
  });
});
