// Issue 15's key test in a real browser: two reviewers appraise blind. Reviewer 1 answers and
// writes a note; until both have marked their checklists complete, reviewer 2's page AND every
// IndexedDB database of reviewer 2's browser (read back with yjs) hold none of reviewer 1's answers
// or note text — blinding is the server withholding the document, not the UI hiding it. Once both
// are done, reconciliation shows both reviewers' answers and the note, and finalizes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { amstar2Definition, checklistItems } from '@corates/shared';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  noteText,
  readBlindReviewers,
  readChecklist,
  setAnswer,
  setBlindReviewers,
} from '@corates/shared/doc';
import { checklistPath } from '../src/studies/study-row.ts';
import { baseUrl } from './support/browser.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, until, untilOnServer, writeChecklistContent } from './support/doc-client.ts';
import { answerAll, signedInPages, studyRow } from './support/signed-in-pages.ts';

const { openAs } = signedInPages();

const ITEMS = checklistItems(amstar2Definition);
const SECRET_ITEM = ITEMS[0]!;
// Reviewer 1 and reviewer 2 disagree on the first item only; the note is reviewer 1's alone.
const ADA_SECRET_ANSWER = SECRET_ITEM.options[0]!.value;
const BO_ANSWER = SECRET_ITEM.options[1]!.value;
const sameAnswers = Object.fromEntries(ITEMS.slice(1).map((i) => [i.id, i.options[0]!.value]));
const MARKER = `ada-blind-note-${Math.random().toString(36).slice(2, 10)}`;

/** One value of an IndexedDB object store, as the page hands it over. */
type StoredValue = { bytes: number[] } | { json: string };
interface StoreDump {
  db: string;
  store: string;
  values: StoredValue[];
}

// Runs in the page (a string: this file compiles without the DOM library). Every database of the
// browser context, every object store, every value: binary values as bytes, the rest as JSON.
const DUMP_INDEXEDDB = `(async () => {
  const request = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const bytes = (v) =>
    v instanceof Uint8Array ? Array.from(v) : v instanceof ArrayBuffer ? Array.from(new Uint8Array(v)) : null;
  const out = [];
  for (const info of await indexedDB.databases()) {
    const db = await request(indexedDB.open(info.name));
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await request(db.transaction(store).objectStore(store).getAll());
      out.push({
        db: info.name,
        store,
        values: values.map((v) =>
          bytes(v) ? { bytes: bytes(v) } : { json: JSON.stringify(v, (_k, x) => bytes(x) ?? x) },
        ),
      });
    }
    db.close();
  }
  return out;
})()`;

/** Every root of a document read back as text (maps as JSON, texts as their string). */
function docText(doc: Y.Doc): string {
  const parts: string[] = [];
  for (const [name, type] of [...doc.share.entries()]) {
    // Roots of an update read back untyped: a map has entries, a text (or list) has a sequence.
    const isMap = (type as unknown as { _map: Map<string, unknown> })._map.size > 0;
    parts.push(
      `${name}=${isMap ? JSON.stringify(doc.getMap(name).toJSON()) : doc.getText(name).toString()}`,
    );
  }
  return parts.join('\n');
}

interface LocalCopy {
  db: string;
  doc: Y.Doc;
}

/** Reviewer 2's browser storage: the y-indexeddb documents decoded, and every other value. */
async function browserStorage(page: Page) {
  const dump = (await page.evaluate(DUMP_INDEXEDDB)) as StoreDump[];
  const docs: LocalCopy[] = [];
  const others: string[] = [];
  for (const { db, store, values } of dump) {
    if (store === 'updates') {
      const doc = new Y.Doc();
      for (const v of values) if ('bytes' in v) Y.applyUpdate(doc, Uint8Array.from(v.bytes));
      docs.push({ db, doc });
    } else
      for (const v of values)
        others.push('bytes' in v ? Buffer.from(v.bytes).toString('latin1') : v.json);
  }
  return { databases: [...new Set(dump.map((d) => d.db))], docs, others };
}

/** Nothing of reviewer 1's checklist anywhere in reviewer 2's browser storage. */
async function assertNothingOfAda(page: Page, adaChecklist: string, projectId: string) {
  const storage = await browserStorage(page);
  // The project document is there (the lists read it): blinding did not just leave storage empty.
  const project = storage.docs.find((d) => d.db.endsWith(`:${projectId}`));
  assert.ok(project, `reviewer 2's copy of the project document is stored (${storage.databases})`);
  assert.ok(readChecklist(project.doc, adaChecklist), 'reviewer 1’s checklist header is known');
  for (const { db, doc } of storage.docs) {
    const text = docText(doc);
    assert.ok(!text.includes(MARKER), `reviewer 1's note text is not in ${db}`);
    const answers = doc.getMap<string>('answers');
    if (db.includes(adaChecklist))
      assert.equal(answers.size, 0, `no answer of reviewer 1's checklist is in ${db}`);
    assert.notEqual(
      answers.get(SECRET_ITEM.id),
      ADA_SECRET_ANSWER,
      `reviewer 1's answer to ${SECRET_ITEM.id} is not in ${db}`,
    );
    // The project document carries headers only ([R19]): no checklist content of anyone.
    doc.getMap<Y.Map<unknown>>('checklists').forEach((header, id) => {
      for (const key of ['answers', 'notes', 'support', 'judgements'])
        assert.equal(header.has(key), false, `${id} has no ${key} in the project document`);
    });
  }
  for (const value of storage.others)
    assert.ok(!value.includes(MARKER), 'reviewer 1’s note text is in no other stored value');
}

/** What reviewer 2 sees of reviewer 1's checklist on the studies page. */
async function assertBlindedOnPage(
  page: Page,
  projectId: string,
  adaStatus: string,
  boChecklist: string,
) {
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  const row = studyRow(page, 'Blind trial');
  const adaSlot = row.getByTestId('reviewer-checklist').filter({ hasText: 'Ada' });
  await adaSlot.waitFor();
  // Bo's own count is loaded and shown; Ada's never is (her content is not even asked for).
  await row
    .locator(`[data-testid="checklist-answered"][data-checklist="${boChecklist}"]`)
    .filter({ hasText: '0 of 18 answered' })
    .waitFor();
  assert.equal(await row.getByTestId('checklist-answered').count(), 1, 'no count of Ada’s');
  assert.equal(await adaSlot.getAttribute('data-blinded'), 'true', 'no link to Ada’s checklist');
  await row
    .getByTestId('reviewer-checklist-status')
    .filter({ hasText: adaStatus })
    .first()
    .waitFor();
  const body = await page.locator('body').innerText();
  assert.ok(!body.includes(MARKER), 'the studies page shows no note of reviewer 1');
  assert.ok(!/\d+\/\d+/.test(body), `the studies page shows no answer counts: ${body}`);
  assert.ok(!/Rating/.test(body), 'the studies page shows no rating');
}

test('two reviewers appraise blind: reviewer 2 holds nothing of reviewer 1 until both are done, then they reconcile', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const projectId = await projectWith(owner, 'Blind appraisal', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  // A new project blinds its reviewers: nobody turned it on.
  assert.equal(readBlindReviewers(seed.doc), true);
  const studyId = addStudy(
    seed.doc,
    { title: 'Blind trial', authors: 'Lee', year: 2021, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, studyId, ada.id, bo.id);
  const adaChecklist = createChecklist(seed.doc, { studyId, type: 'AMSTAR2', reviewerId: ada.id });
  const boChecklist = createChecklist(seed.doc, { studyId, type: 'AMSTAR2', reviewerId: bo.id });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) =>
      readChecklist(d, adaChecklist) !== undefined && readChecklist(d, boChecklist) !== undefined,
    'the seeded checklist headers',
  );
  seed.close();

  // Bo, reviewer 2, has the project open the whole time (his browser syncs what it may).
  const boPage = await openAs(bo, `/projects/${projectId}`);
  await studyRow(boPage, 'Blind trial').waitFor();

  // Ada, reviewer 1, answers every question and writes a note on the first.
  const adaPage = await openAs(ada, checklistPath(projectId, adaChecklist));
  await adaPage.getByTestId('checklist-item').first().waitFor();
  await answerAll(adaPage, { [SECRET_ITEM.id]: ADA_SECRET_ANSWER });
  await adaPage.getByTestId(`note-${SECRET_ITEM.id}`).fill(`${MARKER} — allocation unclear`);
  await answerAll(adaPage, sameAnswers);
  await adaPage.getByTestId('checklist-status').filter({ hasText: 'In progress' }).waitFor();

  // Bo sees her status only, and his browser holds nothing of hers.
  await assertBlindedOnPage(boPage, projectId, 'In progress', boChecklist);
  await assertNothingOfAda(boPage, adaChecklist, projectId);

  // Bo opens her checklist's address directly: the server withholds it.
  await boPage.goto(`${baseUrl()}${checklistPath(projectId, adaChecklist)}`);
  await boPage.getByTestId('checklist-withheld').waitFor();
  assert.ok(!(await boPage.locator('body').innerText()).includes(MARKER));
  assert.equal(await boPage.locator('input[type=radio]:checked').count(), 0);

  // Ada marks hers complete; Bo is still blind: he has not finished.
  await adaPage.getByTestId('mark-complete').click();
  await adaPage.getByTestId('checklist-status').filter({ hasText: 'Completed' }).waitFor();
  await assertBlindedOnPage(boPage, projectId, 'Completed', boChecklist);

  // Bo appraises, disagreeing on the first question, and checks his storage once more before
  // marking his checklist complete.
  await boPage.goto(`${baseUrl()}${checklistPath(projectId, boChecklist)}`);
  await boPage.getByTestId('checklist-item').first().waitFor();
  await answerAll(boPage, { [SECRET_ITEM.id]: BO_ANSWER, ...sameAnswers });
  await assertNothingOfAda(boPage, adaChecklist, projectId);
  await boPage.getByTestId('mark-complete').click();
  await boPage.getByTestId('checklist-status').filter({ hasText: 'Completed' }).waitFor();

  // Both done: Ada's checklist opens for Bo, and the appraisal is ready to reconcile.
  await boPage.goto(`${baseUrl()}/projects/${projectId}`);
  const row = studyRow(boPage, 'Blind trial');
  await row.locator('a[data-testid="reviewer-checklist"]').filter({ hasText: 'Ada' }).waitFor();
  // Now Bo may open hers, so her count shows too.
  await row
    .locator(`[data-testid="checklist-answered"][data-checklist="${adaChecklist}"]`)
    .filter({ hasText: `${ITEMS.length} of ${ITEMS.length} answered` })
    .waitFor();
  await row.getByTestId('reconcile-link').click();
  const secretRow = boPage.locator(
    `[data-testid="reconcile-row"][data-item-id="${SECRET_ITEM.id}"]`,
  );
  await secretRow.waitFor();
  assert.equal(await secretRow.getAttribute('data-agree'), 'false');
  await secretRow.getByTestId('answer-1').filter({ hasText: MARKER }).waitFor();
  assert.match(
    (await secretRow.getByTestId('answer-1').innerText()) ?? '',
    new RegExp(SECRET_ITEM.options[0]!.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  assert.match(
    (await secretRow.getByTestId('answer-2').innerText()) ?? '',
    new RegExp(SECRET_ITEM.options[1]!.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );

  // Reconciliation works: Bo starts it, takes Ada's answer on the disagreement, finalizes.
  await boPage.getByTestId('start-reconciling').click();
  await secretRow.getByTestId('use-1').click();
  await secretRow.locator(`input[value="${ADA_SECRET_ANSWER}"]:checked`).waitFor();
  await boPage.getByTestId('finalize').click();
  await boPage.getByTestId('reconciled-status').filter({ hasText: 'Finalized' }).waitFor();

  // The final rating reaches the studies list from the reconciled checklist's own document.
  await boPage.goto(`${baseUrl()}/projects/${projectId}`);
  await studyRow(boPage, 'Blind trial').getByTestId('appraisal-result').waitFor();
  // And the results page loads it (loadChecklistDocs) into the AMSTAR 2 table.
  await boPage.goto(`${baseUrl()}/projects/${projectId}/results`);
  await boPage.getByTestId('results-AMSTAR2').getByTestId('results-row').waitFor();
});

test('blinding is an owner’s setting: the owner switches it, another member sees its state', async () => {
  const owner = await signUp('Olga');
  const bo = await signUp('Bo');
  const projectId = await projectWith(owner, 'Blinding setting', [{ person: bo, role: 'editor' }]);

  const boPage = await openAs(bo, `/projects/${projectId}/settings`);
  const boState = boPage.getByTestId('blinding-state');
  await boState.filter({ hasText: 'Reviewers are blinded until both' }).waitFor();
  assert.equal(await boPage.getByTestId('blinding-toggle').count(), 0, 'no switch for an editor');

  const ownerPage = await openAs(owner, `/projects/${projectId}/settings`);
  const toggle = ownerPage.getByTestId('blinding-toggle');
  await toggle.waitFor();
  assert.equal(await toggle.isChecked(), true, 'a new project blinds its reviewers');
  await toggle.uncheck();
  // Bo's page follows live, and the server holds the owner's choice.
  await boState.filter({ hasText: 'Reviewers are not blinded' }).waitFor();
  assert.equal(await boState.getAttribute('data-blinded'), 'false');
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => !readBlindReviewers(d),
    'blinding off on the server',
  );
  // The studies list says so too.
  await boPage.goto(`${baseUrl()}/projects/${projectId}`);
  await boPage.getByTestId('blinding-note').filter({ hasText: 'not blinded' }).waitFor();
});

test('a copy of another reviewer’s checklist read while blinding was off leaves the browser once the owner turns it on', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const projectId = await projectWith(owner, 'Blinded later', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  setBlindReviewers(seed.doc, false);
  const studyId = addStudy(
    seed.doc,
    { title: 'Blind trial', authors: 'Lee', year: 2021, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, studyId, ada.id, bo.id);
  const adaChecklist = createChecklist(seed.doc, { studyId, type: 'AMSTAR2', reviewerId: ada.id });
  createChecklist(seed.doc, { studyId, type: 'AMSTAR2', reviewerId: bo.id });
  await writeChecklistContent(projectId, ada.cookie, adaChecklist, (content) => {
    setAnswer(seed.doc, adaChecklist, content, SECRET_ITEM.id, ADA_SECRET_ANSWER);
    noteText(content, SECRET_ITEM.id).insert(0, `${MARKER} — read before blinding`);
  });

  // Not blinded: Bo reads Ada's checklist, and his browser keeps a copy of it.
  const boPage = await openAs(bo, checklistPath(projectId, adaChecklist));
  await boPage.getByTestId(`note-${SECRET_ITEM.id}`).waitFor();
  const dbOfAda = (names: string[]) => names.find((n) => n.endsWith(`:checklist:${adaChecklist}`));
  const before = await browserStorage(boPage);
  const copy = before.docs.find((d) => d.db === dbOfAda(before.databases));
  assert.ok(copy, `Bo's browser stores Ada's checklist (${before.databases})`);
  assert.equal(copy.doc.getMap<string>('answers').get(SECRET_ITEM.id), ADA_SECRET_ANSWER);

  // Back on the project, the owner turns blinding on: the server withholds Ada's checklist from
  // Bo until both are done, and his browser deletes its copy.
  await boPage.goto(`${baseUrl()}/projects/${projectId}`);
  await studyRow(boPage, 'Blind trial').waitFor();
  setBlindReviewers(seed.doc, true);
  await boPage.getByTestId('blinding-note').filter({ hasText: 'Reviewers are blinded' }).waitFor();
  const deadline = Date.now() + 30_000;
  let databases = (await browserStorage(boPage)).databases;
  while (dbOfAda(databases) !== undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    databases = (await browserStorage(boPage)).databases;
  }
  assert.equal(dbOfAda(databases), undefined, `no copy of Ada's checklist: ${databases}`);
  await assertNothingOfAda(boPage, adaChecklist, projectId);
  seed.close();
});
