// A misbehaving network between sync clients and the app, for the chaos test: an HTTP proxy that,
// from a seeded PRNG, drops requests (reset, or a hang then reset), forwards a request but drops
// its answer, sends a request twice and answers once, delays, and holds requests back so later
// ones overtake them. Every fault is counted so the test can print what it survived.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Probabilities per request, each drawn independently. */
export interface FaultRates {
  /** Never forwarded: the connection is reset at once, or hangs up to `maxDelayMs` and is reset. */
  dropRequest: number;
  /** Forwarded and answered by the server, but the client only sees the connection reset. */
  dropResponse: number;
  /** Forwarded twice at the same time; the client gets the first answer. */
  duplicate: number;
  /** Waits up to `maxDelayMs` before forwarding. */
  delay: number;
  /** Held back until a later request has been forwarded (or `maxDelayMs` passed). */
  reorder: number;
}

export const NO_FAULTS: FaultRates = {
  dropRequest: 0,
  dropResponse: 0,
  duplicate: 0,
  delay: 0,
  reorder: 0,
};

export interface FaultCounters {
  requests: number;
  forwarded: number;
  droppedWithReset: number;
  droppedWithTimeout: number;
  droppedResponses: number;
  duplicated: number;
  delayed: number;
  reordered: number;
  /** The app was down (restart): connection refused or reset upstream, passed on as a reset. */
  upstreamFailures: number;
}

export interface FaultProxyOptions {
  /** The app's origin, e.g. `http://127.0.0.1:8788`. */
  target: string;
  seed: number;
  rates: FaultRates;
  maxDelayMs: number;
  /** Only these requests meet faults; the rest pass straight through. */
  faulty?: (method: string, path: string) => boolean;
  /**
   * Requests forwarded one at a time (a request and its duplicate count as one), so the order in
   * which the server ran them is the order it recorded them in. Faults still apply before.
   */
  serialize?: (method: string, path: string) => boolean;
}

export interface FaultProxy {
  url: string;
  counters: FaultCounters;
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    delete headers.connection;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, 'content-length': String(body.length) },
        agent: false,
        timeout: 60_000,
      },
      (res) => {
        readBody(res).then((b) => {
          const out: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
          }
          resolve({ status: res.statusCode ?? 502, headers: out, body: b });
        }, reject);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', reject);
    upstream.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  let rates = options.rates;
  const counters: FaultCounters = {
    requests: 0,
    forwarded: 0,
    droppedWithReset: 0,
    droppedWithTimeout: 0,
    droppedResponses: 0,
    duplicated: 0,
    delayed: 0,
    reordered: 0,
    upstreamFailures: 0,
  };
  // Held-back requests wait for the next request to be forwarded, then go.
  let held: Array<() => void> = [];
  let serial: Promise<unknown> = Promise.resolve();
  const sockets = new Set<Socket>();

  function releaseHeld(): void {
    const now = held;
    held = [];
    for (const release of now) release();
  }

  async function handle(req: IncomingMessage, reset: () => void, reply: (a: Answer) => void) {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const faulty = options.faulty?.(method, path) ?? true;
    const draw = (p: number) => faulty && random() < p;
    counters.requests += faulty ? 1 : 0;

    if (draw(rates.dropRequest)) {
      if (random() < 0.5) {
        counters.droppedWithReset += 1;
        reset();
      } else {
        counters.droppedWithTimeout += 1;
        setTimeout(reset, random() * options.maxDelayMs);
      }
      return;
    }
    // Draw every fault now, so the PRNG stream does not depend on timing.
    const delayMs = draw(rates.delay) ? random() * options.maxDelayMs : 0;
    const reorder = draw(rates.reorder);
    const duplicate = draw(rates.duplicate);
    const dropResponse = draw(rates.dropResponse);
    if (delayMs > 0) {
      counters.delayed += 1;
      await sleep(delayMs);
    }
    if (reorder) {
      counters.reordered += 1;
      await new Promise<void>((resolve) => {
        held.push(resolve);
        setTimeout(resolve, options.maxDelayMs);
      });
    } else {
      releaseHeld();
    }

    const send = async (): Promise<Answer> => {
      counters.forwarded += 1;
      if (!duplicate) return forward(target, req, body);
      counters.duplicated += 1;
      const [first] = await Promise.allSettled([
        forward(target, req, body),
        forward(target, req, body),
      ]);
      if (first.status === 'rejected') throw first.reason;
      return first.value;
    };
    let answer: Answer;
    try {
      if (options.serialize?.(method, path)) {
        const run = serial.then(send, send);
        serial = run.catch(() => undefined);
        answer = await run;
      } else {
        answer = await send();
      }
    } catch {
      counters.upstreamFailures += 1;
      reset();
      return;
    }
    if (dropResponse) {
      counters.droppedResponses += 1;
      reset();
      return;
    }
    reply(answer);
  }

  const server: Server = createServer((req, res) => {
    handle(
      req,
      () => req.socket.destroy(),
      (a) => {
        res.writeHead(a.status, { ...a.headers, 'content-length': String(a.body.length) });
        res.end(a.body);
      },
    ).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    setRates(next) {
      rates = next;
    },
    async close() {
      releaseHeld();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
