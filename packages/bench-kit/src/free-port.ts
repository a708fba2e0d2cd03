import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768–60999): a port the OS hands out for port 0 can be taken as
// the source port of any outgoing connection before the app binds it, which busy browser tests
// make likely. Ports in this band are only ever bound on purpose.
const LOW = 20_000;
const HIGH = 32_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A TCP port nothing listens on right now, outside the range the OS uses for outgoing connections. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH} after 100 tries`);
}
