import type { Browser, BrowserContext, Page, Response, WebSocket } from 'playwright-core';
import type { Role } from '@corates/shared';
import { apiJson, joinProject, sessionCookie } from './api.ts';
import { baseUrl, uniqueEmail } from './browser.ts';

/** A fresh account, with what tests need to act as it over HTTP and in a browser. */
export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
  cookie: string;
}

export async function signUp(name: string): Promise<Person> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'));
  const password = 'collab-password-1';
  const cookie = await sessionCookie(name, email, password);
  const me = await apiJson<{ user: { id: string } }>('GET', '/api/me', cookie);
  return { id: me.user.id, name, email, password, cookie };
}

/** A project owned by `owner` with the others as members in the given roles. */
export async function projectWith(
  owner: Person,
  name: string,
  members: { person: Person; role: Exclude<Role, 'owner'> }[],
): Promise<string> {
  const project = await apiJson<{ id: string }>('POST', '/api/projects', owner.cookie, { name });
  for (const m of members) await joinProject(owner.cookie, project.id, m.person, m.role);
  return project.id;
}

/** A browser context (a device) signed in as `person`, through the real sign-in endpoint. */
export async function signedInContext(browser: Browser, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post(`${baseUrl()}/api/auth/sign-in/email`, {
    data: { email: person.email, password: person.password },
    headers: { Origin: baseUrl() },
  });
  if (!res.ok()) throw new Error(`sign-in of ${person.email} failed: ${res.status()}`);
  return context;
}

/** Waits until the page's document indicator shows this state (online, offline, revoked…). */
export async function waitForConnection(page: Page, state: string) {
  await page.locator(`[data-testid="connection-status"][data-state="${state}"]`).waitFor();
}

interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Keeps a copy of every same-origin GET response the context receives while online and, once
 * `serveOffline` is called, answers those requests from the copies (anything else fails as a
 * disconnected network would). This stands in for the app-shell service worker and the persisted
 * query cache that issue 5 adds, so a reload can be tested with the network really off: the
 * WebSocket and every other request still fail, only the shell and the last-known API answers load.
 */
export function recordForOfflineReload(context: BrowserContext) {
  const stored = new Map<string, Promise<StoredResponse | undefined>>();
  const origin = new URL(baseUrl()).origin;
  const onResponse = (response: Response) => {
    const request = response.request();
    if (request.method() !== 'GET' || new URL(request.url()).origin !== origin) return;
    if (response.status() !== 200) return;
    stored.set(
      request.url(),
      response.body().then(
        (body) => {
          // The body is stored decoded; its length and encoding headers no longer apply.
          const headers = { ...response.headers() };
          delete headers['content-encoding'];
          delete headers['content-length'];
          return { status: response.status(), headers, body };
        },
        () => undefined,
      ),
    );
  };
  context.on('response', onResponse);
  const matcher = (url: URL) => url.origin === origin;
  return {
    async serveOffline() {
      context.off('response', onResponse);
      await context.route(matcher, async (route) => {
        const request = route.request();
        const copy = request.method() === 'GET' ? await stored.get(request.url()) : undefined;
        if (copy) await route.fulfill(copy);
        else await route.abort('internetdisconnected');
      });
    },
    async stop() {
      context.off('response', onResponse);
      await context.unroute(matcher);
    },
  };
}

/** The WebSockets a page opens, to see from the browser's side when it opens a new one. */
export function trackSockets(page: Page, only: (url: string) => boolean = () => true) {
  const sockets: WebSocket[] = [];
  page.on('websocket', (ws) => {
    if (only(ws.url())) sockets.push(ws);
  });
  return {
    /** How many the page has opened so far. */
    count: () => sockets.length,
    /** The most recently opened one. */
    latest: () => sockets.at(-1),
  };
}
