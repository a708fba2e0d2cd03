// Issue 15 in a real browser: answers and a note typed offline on a version-1 build survive the
// upgrade to document model v2 (docs/doc-model-v2.md, "Old clients and their offline edits").
//
// A v1 build keeps a project's checklists, content included, in its y-indexeddb copy of the
// project document. This tree has no v1 build to run, so the test puts exactly what one leaves
// behind on the device: the project as the server had it when the old build last synced (written
// by a stock client in the v1 layout), plus edits made offline after that, stored in the
// database y-indexeddb reads. The server still holds the project at version 1 and splits it on
// first use ([R18]). The v2 build then opens the project: before its socket connects it must
// carry the offline edits into the checklist's own document. Signing out deletes the checklist's
// database with the project's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { checklistDefinition, checklistItems } from '@corates/shared';
import { addStudy, readChecklistContent } from '@corates/shared/doc';
import {
  createV1Checklist,
  setV1Answer,
  stampV1,
  v1NoteText,
} from '@corates/shared/testing/v1-doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { projectWith, signedInContext, signUp, type Person } from './support/collab.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const ITEMS = checklistItems(checklistDefinition('AMSTAR2'));
const [Q1, Q2, Q3] = [ITEMS[0]!, ITEMS[1]!, ITEMS[2]!];

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** The relay's HTTP fallback, as `person`: sends `update`, returns what the server has. */
async function fallback(person: Person, path: string, update = new Y.Doc()): Promise<Y.Doc> {
  const res = await fetch(`${baseUrl()}/api/reconcile/doc/${path}`, {
    method: 'POST',
    headers: { Cookie: person.cookie, 'Content-Type': 'application/json', Origin: baseUrl() },
    body: JSON.stringify({
      update: toBase64(Y.encodeStateAsUpdate(update)),
      stateVector: toBase64(Y.encodeStateVector(new Y.Doc())),
    }),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { update: string };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(body.update));
  return doc;
}

/** Writes `update` where y-indexeddb keeps a document: database `name`, store `updates`. */
async function storeLocalCopy(page: Page, name: string, update: Uint8Array) {
  await page.evaluate(
    async ([dbName, bytes]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('updates', { autoIncrement: true });
          open.result.createObjectStore('custom');
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readwrite');
        tx.objectStore('updates').add(new Uint8Array(bytes));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    [name, [...update]] as const,
  );
}

function databasesOf(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const all = await indexedDB.databases();
    return all.map((d) => d.name ?? '').filter((name) => name.includes(id));
  }, userId);
}

/** Polls until `read` returns what `done` accepts (or `ms` pass); returns the last value read. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

test('answers and a note typed offline on a v1 build land in the checklist document after the upgrade', async () => {
  const alice = await signUp('Offline Alice');
  const projectId = await projectWith(alice, 'Review appraised on an old build', []);

  // What the v1 build and the server last agreed on: a v1 project with Alice's checklist.
  const synced = new Y.Doc();
  stampV1(synced);
  const studyId = addStudy(
    synced,
    { title: 'Trial of the old build', authors: 'Smith J', year: 2019, journal: 'BMJ', doi: '' },
    alice.id,
  );
  const checklistId = createV1Checklist(synced, { studyId, type: 'AMSTAR2', reviewerId: alice.id });
  setV1Answer(synced, checklistId, Q1.id, Q1.options[0]!.value);
  v1NoteText(synced, checklistId, Q1.id).insert(0, 'Methods p. 3.');
  // Stored as the project document of a v1 server: the document is empty, so not yet at v2.
  await fallback(alice, encodeURIComponent(projectId), synced);

  // Offline on the old build, after that sync: one more answer, a changed answer, note text.
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(synced));
  setV1Answer(local, checklistId, Q2.id, Q2.options[0]!.value);
  setV1Answer(local, checklistId, Q3.id, Q3.options[1]!.value);
  v1NoteText(local, checklistId, Q1.id).insert(0, 'Checked offline: ');

  const context = await signedInContext(browser, alice);
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/`);
  await storeLocalCopy(page, `corates-doc:${alice.id}:${projectId}`, Y.encodeStateAsUpdate(local));

  // The v2 build opens the project: carry-over, then the project socket.
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  const checklistPath = `${encodeURIComponent(projectId)}/checklists/${encodeURIComponent(checklistId)}`;
  const content = await eventually(
    async () => readChecklistContent(await fallback(alice, checklistPath)),
    (c) => c.answers[Q2.id] !== undefined,
  );
  assert.deepEqual(content.answers, {
    [Q1.id]: Q1.options[0]!.value,
    [Q2.id]: Q2.options[0]!.value,
    [Q3.id]: Q3.options[1]!.value,
  });
  assert.equal(content.notes[Q1.id], 'Checked offline: Methods p. 3.');

  // The project document the server sends holds no checklist content, and the browser's copy,
  // once synced, none either (its v1 content was dropped, not pushed back).
  const project = await eventually(
    () => fallback(alice, encodeURIComponent(projectId)),
    (d) => d.getMap('meta').get('schemaVersion') === 2,
  );
  const header = project.getMap<Y.Map<unknown>>('checklists').get(checklistId);
  assert.ok(header, 'the checklist header is kept');
  assert.deepEqual(
    ['answers', 'notes', 'support', 'judgements'].filter((k) => header.has(k)),
    [],
  );

  // Sign-out deletes the checklist's database with the project's.
  const checklistDb = `corates-doc:${alice.id}:${projectId}:checklist:${checklistId}`;
  const present = await eventually(
    () => databasesOf(page, alice.id),
    (names) => names.includes(checklistDb),
  );
  assert.ok(present.includes(checklistDb), `exists: ${present.join(', ')}`);
  await page.getByTestId('sign-out').click();
  await page.waitForURL(`${baseUrl()}/sign-in`);
  const left = await eventually(
    () => databasesOf(page, alice.id),
    (names) => names.length === 0,
  );
  assert.deepEqual(left, []);
  await context.close();
});
