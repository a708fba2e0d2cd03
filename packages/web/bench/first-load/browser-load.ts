import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { type Span, timeToInteractive } from './interactive.ts';

/** A slow device on a slow network, as Chrome DevTools emulates them. */
export interface ThrottleProfile {
  name: string;
  /** Added round-trip time per request. */
  latencyMs: number;
  downloadBytesPerS: number;
  uploadBytesPerS: number;
  /** The main thread runs this many times slower. */
  cpuSlowdown: number;
}

/** DevTools' "Fast 3G" preset (1.44 Mbit/s down, 675 kbit/s up, 562.5 ms) and a 4× slower CPU. */
export const FAST_3G_SLOW_CPU: ThrottleProfile = {
  name: 'Fast 3G (DevTools preset: 562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up), CPU 4× slower',
  latencyMs: 562.5,
  downloadBytesPerS: 1_440_000 / 8,
  uploadBytesPerS: 675_000 / 8,
  cpuSlowdown: 4,
};

/** Bytes on the wire (headers and compressed bodies) by what was fetched. */
export interface Transfer {
  scripts: number;
  styles: number;
  document: number;
  api: number;
  other: number;
  /** Payload of WebSocket frames received (a document's sync, which no HTTP request carries). */
  websocket: number;
  total: number;
  requests: number;
}

/** One cold load of a page, times in ms since navigation start. */
export interface PageLoad {
  firstContentfulPaint: number;
  /** The page's content (the project list, the sign-in form) is in the DOM. */
  readyAt: number;
  interactiveAt: number;
  /** Everything the page requested up to `interactiveAt`. */
  transfer: Transfer;
}

export interface LoadTarget {
  url: string;
  /** CSS selector of the content that says the page is shown. */
  readySelector: string;
  /** Signed in as this account (through the real sign-in endpoint) before the page is loaded. */
  account?: { email: string; password: string };
}

const GIVE_UP_MS = 90_000;

// Runs in the page before its own scripts (CDP-injected, so the app's CSP does not apply): long
// tasks, the first contentful paint, and when the content selector first matches.
const observerScript = (selector: string) => `(() => {
  const state = { longTasks: [], fcp: null, readyAt: null };
  Object.defineProperty(window, '__corates_first_load', { value: state });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') state.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const seen = new MutationObserver(() => {
    if (state.readyAt === null && document.querySelector(${JSON.stringify(selector)})) {
      state.readyAt = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document, { childList: true, subtree: true });
})()`;

interface PageState {
  longTasks: [number, number][];
  fcp: number | null;
  readyAt: number | null;
  now: number;
  timeOrigin: number;
}

const readState = (page: Page) =>
  page.evaluate<PageState>(
    '({ ...window.__corates_first_load, now: performance.now(), timeOrigin: performance.timeOrigin })',
  );

interface RequestRecord {
  kind: keyof Omit<Transfer, 'total' | 'requests'>;
  /** CDP monotonic seconds. */
  sentAt: number;
  doneAt?: number;
  bytes: number;
}

function kindOf(type: string | undefined): RequestRecord['kind'] {
  switch (type) {
    case 'Script':
      return 'scripts';
    case 'Stylesheet':
      return 'styles';
    case 'Document':
      return 'document';
    case 'Fetch':
    case 'XHR':
      return 'api';
    default:
      return 'other';
  }
}

/** Bytes of a frame's payload: CDP gives binary frames (opcode 2) in base64, text as it is. */
const frameBytes = (opcode: number, payload: string) =>
  opcode === 2 ? Buffer.from(payload, 'base64').length : Buffer.byteLength(payload);

/**
 * The page's requests and received WebSocket frames as CDP reports them, and the offset from
 * CDP's clock to wall-clock time.
 */
async function recordNetwork(cdp: CDPSession) {
  const requests = new Map<string, RequestRecord>();
  const frames: { at: number; bytes: number }[] = [];
  cdp.on('Network.webSocketFrameReceived', (e) => {
    frames.push({ at: e.timestamp, bytes: frameBytes(e.response.opcode, e.response.payloadData) });
  });
  let wallMinusMonotonic: number | undefined;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    wallMinusMonotonic ??= e.wallTime - e.timestamp;
    // A redirect reuses the id: the request goes on, its bytes so far count.
    const previous = requests.get(e.requestId);
    requests.set(e.requestId, {
      kind: kindOf(e.type),
      sentAt: previous?.sentAt ?? e.timestamp,
      bytes: previous?.bytes ?? 0,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.doneAt = e.timestamp;
    r.bytes += e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.doneAt = e.timestamp;
  });
  await cdp.send('Network.enable');
  return {
    /** In page time (ms since navigation start), given the page's `performance.timeOrigin`. */
    spans(timeOrigin: number): (Span & RequestRecord)[] {
      const offset = wallMinusMonotonic ?? 0;
      const toPage = (s: number) => (s + offset) * 1000 - timeOrigin;
      return [...requests.values()].map((r) => ({
        ...r,
        start: toPage(r.sentAt),
        end: r.doneAt === undefined ? Infinity : toPage(r.doneAt),
      }));
    },
    /** Bytes of the frames received up to `until` (page time). */
    frameBytesUntil(timeOrigin: number, until: number): number {
      const offset = wallMinusMonotonic ?? 0;
      return frames
        .filter((f) => (f.at + offset) * 1000 - timeOrigin <= until)
        .reduce((sum, f) => sum + f.bytes, 0);
    },
  };
}

async function signedIn(context: BrowserContext, target: LoadTarget) {
  if (!target.account) return;
  const origin = new URL(target.url).origin;
  const res = await context.request.post(`${origin}/api/auth/sign-in/email`, {
    data: target.account,
    headers: { Origin: origin },
  });
  if (!res.ok()) throw new Error(`sign-in of ${target.account.email} failed: ${res.status()}`);
}

/**
 * Loads `target` once in a fresh context (empty cache, no IndexedDB, as a first visit) under
 * `profile`, and observes it until it is interactive. Service workers are blocked: once one took
 * control, the page's later requests would go through it, outside the page's throttling.
 */
export async function measureLoad(
  browser: Browser,
  target: LoadTarget,
  profile: ThrottleProfile,
): Promise<PageLoad> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await signedIn(context, target);
    const page = await context.newPage();
    await page.addInitScript({ content: observerScript(target.readySelector) });
    const cdp = await context.newCDPSession(page);
    const network = await recordNetwork(cdp);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: profile.downloadBytesPerS,
      uploadThroughput: profile.uploadBytesPerS,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
    await page.goto(target.url, { waitUntil: 'commit' });

    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const state = await readState(page).catch(() => undefined);
      if (state?.readyAt != null) {
        const requests = network.spans(state.timeOrigin);
        const interactiveAt = timeToInteractive({
          readyAt: state.readyAt,
          longTasks: state.longTasks.map(([start, end]) => ({ start, end })),
          requests,
          observedUntil: state.now,
        });
        if (interactiveAt !== undefined) {
          const transfer: Transfer = {
            scripts: 0,
            styles: 0,
            document: 0,
            api: 0,
            other: 0,
            websocket: network.frameBytesUntil(state.timeOrigin, interactiveAt),
            total: 0,
            requests: 0,
          };
          transfer.total = transfer.websocket;
          for (const r of requests.filter((q) => q.start <= interactiveAt)) {
            transfer[r.kind] += r.bytes;
            transfer.total += r.bytes;
            transfer.requests += 1;
          }
          return {
            firstContentfulPaint: state.fcp ?? Number.NaN,
            readyAt: state.readyAt,
            interactiveAt,
            transfer,
          };
        }
      }
      if (Date.now() > deadline)
        throw new Error(
          `${target.url}: ${state?.readyAt == null ? `"${target.readySelector}" never appeared` : 'never became interactive'} in ${GIVE_UP_MS / 1000} s`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await context.close();
  }
}
