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

/** The relay, the runtime's floor beneath it, and the stock peer. */
export type ServerName = 'relay' | 'floor' | 'peer';

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
