// Issue 14, defect 5 in a real browser and with stock clients: an update that retypes a layout
// entry (`outcomes.o1 = "not a map"`) is refused by the relay with INVALID_DOCUMENT (4422) and
// changes nothing; an entry the relay cannot judge (a study whose fields have the wrong types) is
// skipped by the readers, the CSV export still answers, and the owner sees a document-health note.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import * as Y from 'yjs';
import { DocCloseReason, DocRoot } from '@corates/shared';
import { addOutcome, addStudy, docProblemsNote } from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { type Person, projectWith, signUp, signedInContext } from './support/collab.ts';
import { connectDoc, readServerDoc, until, untilOnServer } from './support/doc-client.ts';

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
});

async function projectPage(person: Person, projectId: string) {
  const context = await signedInContext(browser, person);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  return page;
}

test('a wrongly typed entry: refused by the relay, or skipped by the readers and shown to the owner', async () => {
  const owner = await signUp('Olga');
  const editor = await signUp('Ed');
  const projectId = await projectWith(owner, 'Document health', [
    { person: editor, role: 'editor' },
  ]);

  const ed = connectDoc(projectId, editor.cookie);
  cleanups.push(() => ed.close());
  const closes: { code: number; reason: string }[] = [];
  ed.provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  await until(() => ed.provider.synced, 'the editor to sync');
  addStudy(ed.doc, { title: 'Trial A', authors: '', year: 2021, journal: '', doi: '' }, editor.id);
  addOutcome(ed.doc, { name: 'Mortality' }, editor.id, 'o1');
  // A study whose fields have the wrong types: the relay cannot judge fields, the readers do.
  ed.doc.transact(() => {
    const odd = new Y.Map<unknown>();
    ed.doc.getMap(DocRoot.studies).set('odd', odd);
    odd.set('title', 42);
  });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap(DocRoot.studies).has('odd') && d.getMap(DocRoot.outcomes).has('o1'),
    'the edits on the server',
  );

  // An ordinary update that retypes a layout entry: refused, the stock provider stops for good.
  ed.doc.getMap(DocRoot.outcomes).set('o1', 'not a map');
  await until(() => closes.length > 0, 'the refusal');
  assert.deepEqual(closes[0], { code: 4422, reason: DocCloseReason.INVALID_DOCUMENT });
  assert.equal(
    await readServerDoc(
      projectId,
      owner.cookie,
      (d) => d.getMap(DocRoot.outcomes).get('o1') instanceof Y.Map,
    ),
    true,
  );
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(closes.length, 1, 'a stock provider does not reconnect after 4422');

  // The owner sees the readable study and the note; an editor sees no note.
  const page = await projectPage(owner, projectId);
  await page.getByTestId('study-row').filter({ hasText: 'Trial A' }).waitFor();
  const note = page.getByTestId('doc-health');
  await note.waitFor();
  assert.match((await note.textContent()) ?? '', new RegExp(`^${docProblemsNote(1)}`));
  assert.equal(await page.getByTestId('study-row').count(), 1);
  const editorPage = await projectPage(editor, projectId);
  await editorPage.getByTestId('study-row').filter({ hasText: 'Trial A' }).waitFor();
  assert.equal(await editorPage.getByTestId('doc-health').count(), 0);

  // The export answers (the D1 copy is written within about 2 s of a change).
  await new Promise((r) => setTimeout(r, 2500));
  const csv = await page.request.get(`${baseUrl()}/api/projects/${projectId}/export.csv`);
  assert.equal(csv.status(), 200);
});
