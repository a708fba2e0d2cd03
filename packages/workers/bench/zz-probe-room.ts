import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ProjectRoom } from '../src/rooms/project-room.ts';
import { MemoryRoomStorage } from '../src/rooms/room-storage.ts';
import type { RoomSocket, SocketState } from '../src/rooms/room-socket.ts';

for (const n of [2, 50]) {
  const sockets: RoomSocket[] = [];
  let sent = 0;
  for (let i = 0; i < n; i++) {
    let state: SocketState = { userId: 'u', canWrite: true, awareness: {} };
    sockets.push({
      send: () => void sent++,
      close: () => {},
      // attachment round-trip cost approximated by structuredClone
      getState: () => structuredClone(state),
      setState: (s) => void (state = structuredClone(s)),
    });
  }
  const room = new ProjectRoom(new MemoryRoomStorage(), { sockets: () => sockets, compactAfterUpdates: 1e9 });
  const writer = new Y.Doc();
  const frames: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) =>
    frames.push(encoding.encode((e) => { encoding.writeVarUint(e, 0); syncProtocol.writeUpdate(e, u); })));
  for (let i = 0; i < 5000; i++) writer.getMap('bench').set('seq', i);
  for (const s of sockets) room.onConnect(s);
  // warm
  for (let i = 0; i < 1000; i++) room.onMessage(sockets[0]!, frames[i]!);
  const t0 = performance.now();
  for (let i = 1000; i < 5000; i++) room.onMessage(sockets[0]!, frames[i]!);
  const per = (performance.now() - t0) / 4000;
  console.log(`n=${n}: ${(per * 1000).toFixed(1)} µs per update (sent ${sent})`);
}
