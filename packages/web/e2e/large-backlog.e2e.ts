// Issue 14: an offline backlog larger than the relay's 1 MiB frame limit reaches the server and
// the other reviewer — sent by the app's sync (attachLargeDiffSync: HTTP chunks, then the socket
// for the rest) — in two shapes (one huge value; thousands of small edits), at 1 and 5 MiB
// (20 MiB with CORATES_LONG=1). A stock provider with such a backlog gets one permanent, explained
// refusal instead of a reconnect loop. And in a browser: the user sees the upload's progress.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DOC_MAX_MESSAGE_BYTES, DocCloseReason } from '@corates/shared';
import { httpUploadTransport, type PendingUploadStore } from '../src/sync/doc/doc-upload.ts';
import { attachLargeDiffSync } from '../src/sync/doc/large-diff-sync.ts';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  noteText,
  studiesOf,
} from '@corates/shared/doc';
import { checklistPath } from '../src/studies/study-row.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import {
  type Person,
  projectWith,
  signUp,
  signedInContext,
  waitForConnection,
} from './support/collab.ts';
import {
  type DocClient,
  connectDoc,
  openChecklistDoc,
  readServerDoc,
  until,
} from './support/doc-client.ts';

const MiB = 1024 * 1024;
const LONG = process.env.CORATES_LONG === '1';
const SIZES = LONG ? [1, 5, 20] : [1, 5];

const cleanup: (() => void)[] = [];
after(() => {
  for (const c of cleanup.reverse()) c();
});

function withCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie } });
    }
  };
}

/** A Node client that syncs as the app does (stock provider + the app's large-diff sync). */
function appClient(projectId: string, person: Person) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${baseUrl().replace(/^http/, 'ws')}/api/projects/${projectId}`,
    'doc',
    doc,
    {
      WebSocketPolyfill: withCookie(person.cookie) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  let stored: Parameters<PendingUploadStore['save']>[0] | undefined;
  const progress: { sentBytes: number; totalBytes: number }[] = [];
  let settled = 0;
  const failures: Error[] = [];
  const sync = attachLargeDiffSync(provider, doc, {
    transport: httpUploadTransport(projectId, '0.2.0', {
      baseUrl: baseUrl(),
      headers: { Cookie: person.cookie },
    }),
    store: {
      load: async () => stored,
      save: async (u) => void (stored = u),
      clear: async () => void (stored = undefined),
    },
    onProgress: (p) => p && progress.push(p),
    onSettled: () => settled++,
    onFailed: (e) => failures.push(e),
  });
  const close = () => {
    sync.destroy();
    provider.destroy();
    provider.awareness.destroy();
    doc.destroy();
  };
  cleanup.push(close);
  return { doc, provider, progress, failures, settled: () => settled, close };
}

function connect(projectId: string, cookie: string): DocClient {
  const client = connectDoc(projectId, cookie);
  cleanup.push(() => client.close());
  return client;
}

/** Random text, which Yjs cannot encode in fewer bytes than it has. */
function randomText(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const part = Math.random().toString(36).slice(2);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

type Shape = 'one huge value' | 'thousands of small edits';

/**
 * Offline edits of about `bytes` in the project document's layout, in the given shape; returns a
 * check that a copy of the document holds them. (Notes are in checklist documents since document
 * model v2; the browser test below pastes one there.)
 */
function editOffline(doc: Y.Doc, shape: Shape, bytes: number, studyId: string, userId: string) {
  if (shape === 'one huge value') {
    // A pasted abstract-sized title far beyond what the form allows: the relay checks types only.
    const text = randomText(bytes);
    studiesOf(doc).get(studyId)!.set('title', text);
    return (d: Y.Doc) => studiesOf(d).get(studyId)?.get('title') === text;
  }
  // An import of many studies, each added in its own transaction (its own update).
  const titles = new Map<string, string>();
  let i = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    for (let k = 0; k < 500; k++, i++) {
      const title = `Imported study ${i}: ${randomText(80)}`;
      const id = addStudy(
        doc,
        { title, authors: `Author ${i}`, year: 2000 + (i % 25), journal: 'J', doi: '' },
        userId,
      );
      titles.set(id, title);
    }
  }
  return (d: Y.Doc) =>
    [...titles].every(([id, title]) => studiesOf(d).get(id)?.get('title') === title);
}

async function twoReviewers(name: string) {
  const owner = await signUp(`${name} Owner`);
  const reviewer = await signUp(`${name} Reviewer`);
  const projectId = await projectWith(owner, name, [{ person: reviewer, role: 'editor' }]);
  return { owner, reviewer, projectId };
}

/** A study with the reviewer's AMSTAR 2 checklist, written into `doc`. */
function seedChecklist(doc: Y.Doc, owner: Person, reviewer: Person) {
  const studyId = addStudy(
    doc,
    { title: 'Seed study', authors: 'Seed A', year: 2020, journal: 'Seed J', doi: '' },
    owner.id,
  );
  assignReviewers(doc, studyId, reviewer.id, null);
  return {
    studyId,
    checklistId: createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: reviewer.id }),
  };
}

for (const size of SIZES) {
  for (const shape of ['one huge value', 'thousands of small edits'] as const) {
    test(`a ${size} MiB offline backlog (${shape}) reaches the server and the other reviewer`, async () => {
      const { owner, reviewer, projectId } = await twoReviewers(`Backlog ${size} ${shape}`);
      const other = connect(projectId, owner.cookie);
      await until(() => other.provider.synced, 'the other reviewer synced');
      const { studyId } = seedChecklist(other.doc, owner, reviewer);
      other.doc.getMap<string>('answers').set('before', 'from the other reviewer');

      const offline = appClient(projectId, reviewer);
      await until(() => offline.provider.synced, 'the returning client synced once');
      await until(
        () => offline.doc.getMap('answers').get('before') === 'from the other reviewer',
        'the other reviewer’s edit',
      );
      offline.provider.disconnect();
      const holds = editOffline(offline.doc, shape, size * MiB, studyId, reviewer.id);
      const diffBytes = Y.encodeStateAsUpdate(
        offline.doc,
        Y.encodeStateVector(other.doc),
      ).byteLength;
      assert.ok(diffBytes > DOC_MAX_MESSAGE_BYTES, `the backlog (${diffBytes} B) is over a frame`);
      // Meanwhile the other reviewer keeps working.
      other.doc.getMap<string>('answers').set('during', 'while the reviewer was offline');

      const started = Date.now();
      offline.provider.connect();
      await until(() => offline.settled() > 0, 'the backlog uploaded', 240_000);
      await until(() => holds(other.doc), 'the other reviewer has the backlog', 240_000);
      await until(
        () => offline.doc.getMap('answers').get('during') === 'while the reviewer was offline',
        'the returning client has the other reviewer’s edit',
      );
      const seconds = (Date.now() - started) / 1000;
      assert.deepEqual(offline.failures, []);
      const last = offline.progress.at(-1)!;
      assert.equal(last.sentBytes, last.totalBytes);
      assert.ok(last.totalBytes >= diffBytes * 0.9, 'the upload carried the backlog');
      assert.ok(
        await readServerDoc(projectId, owner.cookie, (d) => holds(d)),
        'the server holds the backlog',
      );
      // A fresh client converges to the same state as both reviewers.
      assert.equal(
        await readServerDoc(projectId, owner.cookie, (d) =>
          Buffer.from(Y.encodeStateVector(d)).toString('base64'),
        ),
        Buffer.from(Y.encodeStateVector(other.doc)).toString('base64'),
      );
      console.log(
        `  ${size} MiB, ${shape}: ${(diffBytes / MiB).toFixed(2)} MiB diff in ${seconds.toFixed(1)} s`,
      );
      offline.close();
      other.close();
    });
  }
}

test('a stock provider with an oversized backlog is refused once, for good, with the reason', async () => {
  const { reviewer, projectId } = await twoReviewers('Stock oversized');
  const client = connect(projectId, reviewer.cookie);
  await until(() => client.provider.synced, 'synced once');
  client.provider.disconnect();
  client.doc.getText('note').insert(0, randomText(1.5 * MiB));
  const closes: { code: number; reason: string }[] = [];
  let attempts = 0;
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connecting') attempts++;
  });
  client.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const permanent = new Promise<{ code: number; reason: string }>((resolve) =>
    client.provider.on('closed', (e: { code: number; reason: string }) => resolve(e)),
  );
  client.provider.connect();
  const closed = await permanent;
  assert.equal(closed.reason, DocCloseReason.MESSAGE_TOO_LARGE);
  assert.ok(closed.code >= 4400 && closed.code < 4500, `permanent close code, got ${closed.code}`);
  // Watched for several of y-websocket's backoff periods: no reconnect loop.
  await new Promise((r) => setTimeout(r, 5_000));
  assert.equal(attempts, 1, 'one connection attempt');
  assert.equal(closes.length, 1, 'one close');
});

let browser: Browser;
const contexts: BrowserContext[] = [];
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

test('in the app: a long note pasted offline is uploaded with visible progress, survives a reload mid-way, and reaches the other reviewer', async () => {
  const { owner, reviewer, projectId } = await twoReviewers('Pasted note');
  // A study and the reviewer's checklist, written as a peer would.
  const seeder = connect(projectId, owner.cookie);
  await until(() => seeder.provider.synced, 'seeder synced');
  const { checklistId } = seedChecklist(seeder.doc, owner, reviewer);
  // The owner reads the reviewer's checklist document (an owner who does not review it may).
  const watcher = await openChecklistDoc(projectId, owner.cookie, checklistId);
  cleanup.push(() => watcher.close());

  const context = await signedInContext(browser, reviewer);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl()}${checklistPath(projectId, checklistId)}`);
  await waitForConnection(page, 'online');

  // Chunks go slowly, and after three of them the network drops (chunk requests fail).
  let dropAfter = 3;
  /** `<uploadId>/chunks/<index>` of each chunk request let through, and of those stored. */
  const sent: string[] = [];
  const stored: string[] = [];
  // After the reload, chunks wait until the test has seen the progress again: on a busy machine
  // the rest of the upload could otherwise finish before the reloaded page shows it.
  let holdChunks = false;
  let releaseChunks!: () => void;
  const chunksReleased = new Promise<void>((r) => (releaseChunks = r));
  await context.route(/\/uploads\/[^/]+\/chunks\/\d+$/, async (route) => {
    if (sent.length >= dropAfter) return route.abort('internetdisconnected');
    if (holdChunks) await chunksReleased;
    const chunk = new URL(route.request().url()).pathname.split('/uploads/')[1]!;
    sent.push(chunk);
    await new Promise((r) => setTimeout(r, 250));
    const response = await route.fetch();
    await route.fulfill({ response });
    if (response.ok()) stored.push(chunk);
  });

  await context.setOffline(true);
  await waitForConnection(page, 'offline');
  const note = randomText(1.6 * MiB);
  await page.getByTestId('note-q1').fill(note);
  const status = page.getByTestId('connection-status');
  await page
    .getByTestId('collab-sync')
    .getByTestId('sync-status')
    .filter({ hasText: 'Offline — 1 note not yet on the server' })
    .waitFor();

  await context.setOffline(false);
  const progress = page.getByTestId('doc-upload-progress');
  await progress.filter({ hasText: /Uploading offline changes [\d.]+ of 1\.\d MiB/ }).waitFor();
  await until(() => stored.length >= 3, 'three chunks stored on the server');
  // Reload while the upload is stuck: the upload resumes from what the server holds.
  const storedBeforeReload = [...stored];
  const sentBeforeReload = sent.length;
  dropAfter = Infinity;
  holdChunks = true;
  await page.reload();
  await progress.filter({ hasText: /Uploading offline changes/ }).waitFor({ timeout: 60_000 });
  releaseChunks();
  await waitForConnection(page, 'online');
  assert.equal((await status.innerText()).trim(), 'Online');
  const uploadId = storedBeforeReload[0]!.split('/')[0];
  const afterReload = sent.slice(sentBeforeReload);
  assert.ok(afterReload.length > 0, 'the rest was sent after the reload');
  assert.ok(
    afterReload.every((c) => c.startsWith(`${uploadId}/`) && !storedBeforeReload.includes(c)),
    `the same upload resumed, without resending stored chunks: ${afterReload.join(', ')}`,
  );
  await until(
    () => noteText(watcher.doc, 'q1').toString() === note,
    'the other reviewer has the note',
    60_000,
  );
  assert.ok(
    await readServerDoc(
      projectId,
      owner.cookie,
      (d) => noteText(d, 'q1').toString() === note,
      checklistId,
    ),
    'the server has the note',
  );
});
