// The document socket's permanent refusals against the running app (issue 14 #13, #15): a stock
// y-websocket provider stops reconnecting after a 44xx close instead of looping, and a build below
// minSupportedClient cannot write the document — its socket is closed before any sync, the app
// shows its upgrade flow, and its edits wait in IndexedDB until an allowed build sends them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DOC_CLOSE_CODES, DocCloseReason } from '@corates/shared';
import { studiesOf } from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import {
  type Person,
  projectWith,
  signUp,
  signedInContext,
  trackSockets,
  waitForConnection,
} from './support/collab.ts';
import { readServerDoc, until, untilOnServer } from './support/doc-client.ts';
import { maintainer } from './support/maintainer.ts';

/** A stock provider (unmodified y-websocket) that counts its connection attempts. */
function countingProvider(projectId: string, cookie: string, params: Record<string, string> = {}) {
  const attempts = { count: 0 };
  class CountingSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie } });
      attempts.count++;
    }
  }
  const doc = new Y.Doc();
  const closes: { code: number; reason: string }[] = [];
  const provider = new WebsocketProvider(
    `${baseUrl().replace(/^http/, 'ws')}/api/projects/${projectId}`,
    'doc',
    doc,
    {
      WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params,
      // Short backoff: a client that does retry shows it many times within the window below.
      maxBackoffTime: 500,
    },
  );
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    attempts,
    closes,
    close() {
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Makes `member` an editor: added directly, or invited and accepting the link (local mail). */
async function addEditor(owner: Person, projectId: string, member: Person) {
  const res = await fetch(`${baseUrl()}/api/projects/${projectId}/members`, {
    method: 'POST',
    headers: { Cookie: owner.cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: member.email, role: 'editor' }),
  });
  assert.ok(res.ok, `adding ${member.email}: ${res.status}`);
  const body = (await res.json()) as { link?: string };
  if (!body.link) return;
  const token = new URL(body.link, baseUrl()).pathname.split('/').at(-1)!;
  const accepted = await fetch(`${baseUrl()}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { Cookie: member.cookie },
  });
  assert.equal(accepted.status, 200, 'accepting the invitation');
}

let browser: Browser;
const contexts: BrowserContext[] = [];
const cleanups: (() => void)[] = [];
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  for (const c of cleanups) c();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  maintainer('set', '--min-client', '0.1.0');
});

test("a revoked member's stock provider stops reconnecting (MEMBERSHIP_REVOKED, 4403)", async () => {
  const owner = await signUp('Revoking Owner');
  const member = await signUp('Revoked Member');
  const projectId = await projectWith(owner, 'Revocation', []);
  await addEditor(owner, projectId, member);
  const client = countingProvider(projectId, member.cookie);
  cleanups.push(() => client.close());
  await until(() => client.provider.synced, 'the member to sync');
  assert.equal(client.attempts.count, 1);

  const res = await fetch(`${baseUrl()}/api/projects/${projectId}/members/${member.id}`, {
    method: 'DELETE',
    headers: { Cookie: owner.cookie },
  });
  assert.equal(res.status, 204);
  await until(() => client.closes.length > 0, 'the revocation close');
  // Before the fix (code 4000) it reconnected every ≤ 500 ms here, each attempt refused with 404.
  await sleep(4_000);
  assert.ok(
    client.attempts.count <= 2,
    `${client.attempts.count} connection attempts, ${client.attempts.count - 1} after the revocation`,
  );
  assert.equal(client.provider.shouldConnect, false);
  assert.deepEqual(client.closes[0], {
    code: DOC_CLOSE_CODES.MEMBERSHIP_REVOKED,
    reason: DocCloseReason.MEMBERSHIP_REVOKED,
  });
  assert.equal(DOC_CLOSE_CODES.MEMBERSHIP_REVOKED, 4403);
});

test('a stock provider carrying a retired version is closed with CLIENT_TOO_OLD (4426) and stops', async () => {
  const owner = await signUp('Version Owner');
  const projectId = await projectWith(owner, 'Versions', []);
  // The running app's minSupportedClient is 0.1.0.
  const old = countingProvider(projectId, owner.cookie, { clientVersion: '0.0.9' });
  cleanups.push(() => old.close());
  old.doc.getMap('answers').set('q1', 'from a retired build');
  await until(() => old.closes.length > 0, 'the refusal');
  assert.deepEqual(old.closes[0], { code: 4426, reason: DocCloseReason.CLIENT_TOO_OLD });
  await sleep(3_000);
  assert.ok(old.attempts.count <= 2, `${old.attempts.count} connection attempts`);
  assert.equal(old.provider.synced, false, 'nothing of the document was sent');
  assert.equal(
    await readServerDoc(projectId, owner.cookie, (d) => d.getMap('answers').has('q1')),
    false,
    'nothing was applied',
  );

  // A current version (document model v2's first build: an older one is refused whatever the
  // minimum, FIRST_DOC_V2_CLIENT), and no version at all (a stock client), sync.
  for (const params of [{ clientVersion: '0.3.0' }, {}] as Record<string, string>[]) {
    const ok = countingProvider(projectId, owner.cookie, params);
    cleanups.push(() => ok.close());
    await until(() => ok.provider.synced, `a client with ${JSON.stringify(params)} to sync`);
  }
});

test("raising minSupportedClient: an offline old build's document socket turns into the upgrade flow, its edits wait in IndexedDB", async () => {
  const owner = await signUp('Old Build Owner');
  const projectId = await projectWith(owner, 'Old build', []);
  const context = await signedInContext(browser, owner);
  contexts.push(context);
  const page = await context.newPage();
  const sockets = trackSockets(page);
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await waitForConnection(page, 'online');

  // Offline, the old build adds a study: it waits in IndexedDB.
  await context.setOffline(true);
  await waitForConnection(page, 'offline');
  const title = 'Written by a retired build';
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByTestId('add-study-submit').click();
  await page.getByTestId('study-row').filter({ hasText: title }).waitFor();

  // The build is retired while it is offline. Every HTTP call of the page now fails, so the only
  // thing that can tell it so is its document socket.
  maintainer('set', '--min-client', '9.0.0');
  const api = `${baseUrl()}/api/**`;
  await context.route(api, (route) => route.abort('internetdisconnected'));
  const before = sockets.count();
  await context.setOffline(false);
  await page.getByTestId('update-required').waitFor({ timeout: 30_000 });
  assert.ok(sockets.count() > before, 'the page reconnected its document socket');
  await sleep(3_000);
  assert.ok(sockets.count() - before <= 1, 'and did not retry after the refusal');
  // The refused socket wrote nothing.
  assert.equal(
    await readServerDoc(projectId, owner.cookie, (d) =>
      JSON.stringify(studiesOf(d).toJSON()).includes(title),
    ),
    false,
  );

  // An allowed build (here: the same one once allowed again) sends what waited in IndexedDB.
  maintainer('set', '--min-client', '0.1.0');
  await context.unroute(api);
  await page.reload();
  await waitForConnection(page, 'online');
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => JSON.stringify(studiesOf(d).toJSON()).includes(title),
    'the queued study on the server',
  );
});
