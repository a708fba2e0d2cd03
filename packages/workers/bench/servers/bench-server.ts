/** Where a client connects: y-websocket's `serverUrl` + `/` + `room`, with upgrade headers. */
export interface RoomAddress {
  serverUrl: string;
  room: string;
  headers: Record<string, string>;
}

export interface ServerMemory {
  /** RSS of the process(es) that hold the documents and sockets. */
  rssBytes: number;
  /** What was measured, and anything alongside it that was not. */
  detail: string;
}

/**
 * The relay, served by the runtime directly and as `npm start` serves it; the runtime's floor beneath it; the same-runtime Yjs peer, y-partyserver, storing each
 * update before broadcasting it and in its default debounced variant; the stock Node server
 * @y/websocket-server as a reference; and, as an experiment, the relay's Durable Object in a Worker
 * of its own. In this order in the report.
 */
export const SERVER_NAMES = [
  'relay',
  'relay-npm-start',
  'floor',
  'yps-stored',
  'yps-debounced',
  'ws-server',
  'relay-alone',
] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** One of the servers under test, started on 127.0.0.1 for the length of the run. */
export interface BenchServer {
  readonly name: ServerName;
  /** Human description for the report. */
  readonly description: string;
  /** A fresh, empty room, so one scenario's document never slows another. */
  newRoom(tag: string): Promise<RoomAddress>;
  memory(): ServerMemory;
  stop(): Promise<void>;
}
