// A misbehaving network between sync clients and the app (the chaos test), or between two
// federated servers (the federation fault test): an HTTP proxy that, from a seeded PRNG, drops
// requests (reset, a hang then reset, or a 502), forwards a request but drops its answer, sends a
// request twice and answers once, delays, and holds requests back so later ones overtake them.
// Every fault is counted so the test can print what it survived. What befalls a request is decided
// by the pure `decideFaults` (unit-tested); the rest is I/O.
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
  /** Never forwarded: answered 502 at once, as a gateway whose upstream failed would. */
  badGateway?: number;
}

export type FaultKind = keyof FaultRates;

/**
 * Rates for `kinds`, the same for each, such that a request meets at least one fault with
 * probability `fraction`: the draws are independent, so P(none) = (1 - r)^k.
 */
export function ratesForFraction(fraction: number, kinds: readonly FaultKind[]): FaultRates {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`fraction ${fraction} is not in [0, 1)`);
  const r = kinds.length === 0 ? 0 : 1 - (1 - fraction) ** (1 / kinds.length);
  const rates: FaultRates = { ...NO_FAULTS };
  for (const k of kinds) rates[k] = r;
  return rates;
}

/** What befalls one request. */
export interface FaultDecision {
  /** Not forwarded: the connection reset at once, or after hanging `afterMs`. */
  drop: { kind: 'reset' } | { kind: 'timeout'; afterMs: number } | null;
  /** Not forwarded: answered 502 (after the delay). */
  badGateway: boolean;
  delayMs: number;
  reorder: boolean;
  duplicate: boolean;
  dropResponse: boolean;
}

/**
 * Draws every fault of one request at once, so the PRNG stream does not depend on timing. A request
 * that is not `faulty` draws nothing (the stream is the faulty requests' alone). `badGateway` is
 * drawn last and only when its rate is set, so older callers' seeds give the faults they gave.
 */
export function decideFaults(
  random: () => number,
  rates: FaultRates,
  maxDelayMs: number,
  faulty: boolean,
): FaultDecision {
  const draw = (p: number) => faulty && random() < p;
  const none = { badGateway: false, delayMs: 0, reorder: false, duplicate: false };
  if (draw(rates.dropRequest)) {
    const drop =
      random() < 0.5
        ? { kind: 'reset' as const }
        : { kind: 'timeout' as const, afterMs: random() * maxDelayMs };
    return { ...none, drop, dropResponse: false };
  }
  const delayMs = draw(rates.delay) ? random() * maxDelayMs : 0;
  const reorder = draw(rates.reorder);
  const duplicate = draw(rates.duplicate);
  const dropResponse = draw(rates.dropResponse);
  const badGateway = (rates.badGateway ?? 0) > 0 && draw(rates.badGateway!);
  return { drop: null, badGateway, delayMs, reorder, duplicate, dropResponse };
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
  /** Answered 502 without forwarding. */
  badGateway: number;
  /** The app was down (restart): connection refused or reset upstream, passed on as a reset. */
  upstreamFailures: number;
  /** Request bodies received from clients, and answer bodies (and 502s) sent back to them. */
  bytesIn: number;
  bytesOut: number;
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
  /**
   * Passes the client's Host header on, so the app sees the proxy's origin as its own: a
   * federation invite then names the proxy, and signatures over the target URI still verify.
   */
  preserveHost?: boolean;
  /** Called just before an answer is sent back to the client (e.g. to crash it mid-apply). */
  onReply?: (method: string, path: string, status: number) => void;
}

export interface FaultProxy {
  url: string;
  counters: FaultCounters;
  /** New rates; with a seed, the PRNG starts again from it, so the faults from here replay. */
  setRates(rates: FaultRates, seed?: number): void;
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

function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
  preserveHost: boolean,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: preserveHost ? req.headers.host : target.host };
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
  let random = seededRandom(options.seed);
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
    badGateway: 0,
    upstreamFailures: 0,
    bytesIn: 0,
    bytesOut: 0,
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
    counters.requests += faulty ? 1 : 0;
    counters.bytesIn += body.length;
    const { drop, badGateway, delayMs, reorder, duplicate, dropResponse } = decideFaults(
      random,
      rates,
      options.maxDelayMs,
      faulty,
    );

    if (drop) {
      if (drop.kind === 'reset') {
        counters.droppedWithReset += 1;
        reset();
      } else {
        counters.droppedWithTimeout += 1;
        setTimeout(reset, drop.afterMs);
      }
      return;
    }
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

    if (badGateway) {
      counters.badGateway += 1;
      const text = Buffer.from('bad gateway (fault proxy)');
      reply({ status: 502, headers: { 'content-type': 'text/plain' }, body: text });
      return;
    }

    const preserveHost = options.preserveHost ?? false;
    const send = async (): Promise<Answer> => {
      counters.forwarded += 1;
      if (!duplicate) return forward(target, req, body, preserveHost);
      counters.duplicated += 1;
      const [first] = await Promise.allSettled([
        forward(target, req, body, preserveHost),
        forward(target, req, body, preserveHost),
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
        counters.bytesOut += a.body.length;
        options.onReply?.(req.method ?? 'GET', req.url ?? '/', a.status);
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
    setRates(next, seed) {
      rates = next;
      if (seed !== undefined) random = seededRandom(seed);
    },
    async close() {
      releaseHeld();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
