// Issue 20: a peer who leaves stops being shown as present within seconds, not the stock 30–40 s.
// A closed tab announces its departure; a network that vanishes does not, and the others drop the
// silent peer once its renewals stop (every 5 s, dropped after 12 s: presence-liveness.ts).
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from './support/browser.ts';
import {
  type Person,
  projectWith,
  signUp,
  signedInContext,
  waitForConnection,
} from './support/collab.ts';

/**
 * Waits bounded above what the app promises (≤ 15 s for a silent loss) but below the stock
 * y-protocols timeout (30 s without renewal, 30–33 s in practice): without the app's renewals
 * and timeout a vanished peer would still be listed when this gives up.
 */
const SILENT_LOSS_WAIT_MS = 22_000;
/** Below the 12 s timeout: a closed tab must be announced, not merely timed out. */
const ANNOUNCED_WAIT_MS = 8_000;

let browser: Browser;
const contexts: BrowserContext[] = [];
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
});

async function openProject(person: Person, projectId: string) {
  const context = await signedInContext(browser, person);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await waitForConnection(page, 'online');
  return { context, page };
}

const presenceOf = (page: Page, who: Person) =>
  page.getByTestId('presence-list').locator(`[data-user-id="${who.id}"]`);

test("a peer whose network goes is dropped from the others' presence in seconds, and is back when it returns; a closed tab at once", async () => {
  const owner = await signUp('Wanda Watcher');
  const reviewer = await signUp('Nils Network');
  const projectId = await projectWith(owner, 'Presence departures', [
    { person: reviewer, role: 'editor' },
  ]);
  const watcher = await openProject(owner, projectId);
  const peer = await openProject(reviewer, projectId);
  await presenceOf(watcher.page, reviewer).getByText('Nils Network').waitFor();

  // Network off: Chromium's emulated offline freezes the socket (nothing reaches the relay, no
  // close), as a real network loss does.
  await peer.context.setOffline(true);
  await waitForConnection(peer.page, 'offline');
  await presenceOf(watcher.page, reviewer).waitFor({
    state: 'detached',
    timeout: SILENT_LOSS_WAIT_MS,
  });

  // Back online over a new socket (the relay may still hold the old one): present again.
  await peer.context.setOffline(false);
  await waitForConnection(peer.page, 'online');
  await presenceOf(watcher.page, reviewer).waitFor({ timeout: SILENT_LOSS_WAIT_MS });

  // The tab closes: its departure is announced, well before a timeout could drop it.
  await peer.page.close();
  await presenceOf(watcher.page, reviewer).waitFor({
    state: 'detached',
    timeout: ANNOUNCED_WAIT_MS,
  });
  // The watcher's own connection was never disturbed.
  await waitForConnection(watcher.page, 'online');
});
