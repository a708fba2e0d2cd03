// Issue 3 in a real browser: studies, reviewers and the AMSTAR 2 checklist, edited live by
// several devices, offline with a reload, by a viewer, and with the keyboard only. What the server
// holds is checked independently with a stock y-websocket client from Node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { amstar2Definition, checklistItems } from '@corates/shared';
import { checklistPath } from '../src/studies/study-row.ts';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  noteText,
  readChecklistContent,
  setAnswer,
  setBlindReviewers,
} from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import {
  type Person,
  projectWith,
  recordForOfflineReload,
  signUp,
  signedInContext,
  trackSockets,
  waitForConnection,
} from './support/collab.ts';
import {
  connectDoc,
  pushChecklistDoc,
  readServerDoc,
  until,
  untilServerHas,
} from './support/doc-client.ts';

const ITEMS = checklistItems(amstar2Definition);
// From the published tool (Shea et al. 2017), not from the definition under test.
const CRITICAL_QUESTIONS = ['2', '4', '7', '9', '11', '13', '15'];

let browser: Browser;
const browsers: Browser[] = [];
const contexts: BrowserContext[] = [];
before(async () => {
  browser = await launchBrowser();
  browsers.push(browser);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const b of browsers) await b.close();
});

async function device(person: Person): Promise<BrowserContext> {
  const context = await signedInContext(browser, person);
  contexts.push(context);
  return context;
}

async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl()}${path}`);
  return page;
}

/**
 * A study with its reviewers and their (empty) AMSTAR 2 checklists, written as a peer would.
 * `blindReviewers: false` turns the project's blinding off (on by default), for tests of others
 * watching a checklist being filled in.
 */
async function seedStudy(
  projectId: string,
  owner: Person,
  title: string,
  reviewers: [Person, Person | null],
  options: { blindReviewers?: boolean } = {},
): Promise<{ checklistOf: (p: Person) => string }> {
  const client = connectDoc(projectId, owner.cookie);
  try {
    await until(() => client.provider.synced, 'the seeding client to sync');
    if (options.blindReviewers === false) setBlindReviewers(client.doc, false);
    const studyId = addStudy(
      client.doc,
      { title, authors: 'Seed A', year: 2020, journal: 'Seed J', doi: '' },
      owner.id,
    );
    assignReviewers(client.doc, studyId, reviewers[0].id, reviewers[1]?.id ?? null);
    const ids = new Map<string, string>();
    for (const r of reviewers)
      if (r)
        ids.set(r.id, createChecklist(client.doc, { studyId, type: 'AMSTAR2', reviewerId: r.id }));
    await untilServerHas(projectId, owner.cookie, client.doc);
    return { checklistOf: (p) => ids.get(p.id)! };
  } finally {
    client.close();
  }
}

const item = (page: Page, itemId: string) =>
  page.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);

function optionLabel(itemId: string, value: string): string {
  const option = ITEMS.find((i) => i.id === itemId)?.options.find((o) => o.value === value);
  if (!option) throw new Error(`${itemId} has no option ${value}`);
  return option.label;
}

async function answer(page: Page, itemId: string, value: string) {
  await item(page, itemId)
    .getByRole('radio', { name: optionLabel(itemId, value), exact: true })
    .check();
}

// This file compiles without the DOM library (it runs in Node); these are the few element
// members that the reads below use inside the page.
interface InPageElement {
  dataset: Record<string, string | undefined>;
  value?: string;
  type?: string;
  closest(selector: string): InPageElement | null;
  querySelector(selector: string): InPageElement | null;
  getAttribute(name: string): string | null;
}

/** Item id → the checked option (null when unanswered), as the page shows it. */
function answersOnPage(page: Page): Promise<Record<string, string | null>> {
  return page
    .getByTestId('checklist-item')
    .evaluateAll((items) =>
      Object.fromEntries(
        (items as unknown as InPageElement[]).map((el) => [
          el.dataset.itemId!,
          el.querySelector('input[type=radio]:checked')?.value ?? null,
        ]),
      ),
    );
}

/** Item id → note text, for the notes that are not empty. */
function notesOnPage(page: Page): Promise<Record<string, string>> {
  return page
    .locator('textarea[data-testid^="note-"]')
    .evaluateAll((notes) =>
      Object.fromEntries(
        (notes as unknown as InPageElement[])
          .map((el) => [el.dataset.testid!.slice('note-'.length), el.value ?? ''] as const)
          .filter(([, v]) => v !== ''),
      ),
    );
}

const progressOf = (page: Page) => async () =>
  (await page.getByTestId('checklist-progress').innerText()).trim();

/** What has the keyboard focus: its item, kind of control and names. */
function focused(page: Page) {
  return page.locator(':focus').evaluate((node) => {
    const el = node as unknown as InPageElement;
    return {
      item: el.closest('[data-item-id]')?.dataset.itemId ?? null,
      type: el.type ?? null,
      value: el.value ?? null,
      testId: el.dataset.testid ?? null,
      label: el.getAttribute('aria-label'),
    };
  });
}

/** Polls until `read` gives `expected` (generous for a slow machine), then asserts it. */
async function settlesTo<T>(read: () => Promise<T>, expected: T, what: string, timeoutMs = 30_000) {
  const start = Date.now();
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() - start < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    actual = await read();
  }
  assert.deepEqual(actual, expected, what);
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** What the server's copy of a checklist holds: its answers and its non-empty notes. */
async function checklistOnServer(projectId: string, cookie: string, checklistId: string) {
  return readServerDoc(
    projectId,
    cookie,
    (doc) => {
      const { answers, notes } = readChecklistContent(doc);
      return { answers, notes };
    },
    checklistId,
  );
}

/** Every item's answer on the page as expected, the rest unanswered. */
const allItems = (answers: Record<string, string>) =>
  Object.fromEntries(ITEMS.map((i) => [i.id, answers[i.id] ?? null]));

test('add a study, assign reviewers, open the AMSTAR 2 checklist, rating follows the answers', async () => {
  const owner = await signUp('Olivia Owner');
  const reviewer = await signUp('Rami Reviewer');
  const projectId = await projectWith(owner, 'Statins umbrella review', [
    { person: reviewer, role: 'editor' },
  ]);
  const ownerPage = await openPage(await device(owner), `/projects/${projectId}`);
  const reviewerPage = await openPage(await device(reviewer), `/projects/${projectId}`);
  await waitForConnection(ownerPage, 'online');

  await ownerPage.getByLabel('Title', { exact: true }).fill('Statins for primary prevention');
  await ownerPage.getByLabel('Authors').fill('Lee J, Patel R');
  await ownerPage.getByLabel('Journal').fill('BMJ');
  await ownerPage.getByLabel('Year').fill('2021');
  await ownerPage.getByLabel('DOI').fill('https://doi.org/10.1136/bmj.j4008');
  await ownerPage.getByTestId('add-study-submit').click();

  const row = ownerPage
    .getByTestId('study-row')
    .filter({ hasText: 'Statins for primary prevention' });
  await row.waitFor();
  await row.getByText('Lee J, Patel R · BMJ · 2021').waitFor();
  assert.equal(
    await row.getByRole('link', { name: /doi:10\.1136\/bmj\.j4008/ }).getAttribute('href'),
    'https://doi.org/10.1136/bmj.j4008',
  );
  // The badge reads "Status: …" to screen readers; its visible words are the status.
  await row
    .getByTestId('study-status')
    .filter({ hasText: /Not started$/ })
    .waitFor();

  await row.getByTestId('reviewer-1-select').selectOption(owner.id);
  await row.getByTestId('reviewer-2-select').selectOption(reviewer.id);
  // The other reviewer sees the study and both assignments arrive live.
  const seenByReviewer = reviewerPage
    .getByTestId('study-row')
    .filter({ hasText: 'Statins for primary prevention' });
  await seenByReviewer.waitFor();
  await settlesTo(
    () =>
      Promise.all([
        seenByReviewer.getByTestId('reviewer-1-select').inputValue(),
        seenByReviewer.getByTestId('reviewer-2-select').inputValue(),
      ]),
    [owner.id, reviewer.id],
    'the reviewers as the other reviewer sees them',
  );
  // The same person in both slots is refused with the reason.
  await row.getByTestId('reviewer-2-select').selectOption(owner.id);
  await row
    .getByRole('alert')
    .filter({ hasText: /already reviewer 1/ })
    .waitFor();
  assert.equal(await row.getByTestId('reviewer-2-select').inputValue(), reviewer.id);

  // No design set: every tool is offered, AMSTAR 2 first in the list.
  await row.getByRole('button', { name: 'Start AMSTAR 2 appraisal' }).click();
  await ownerPage.waitForURL(/\/checklists\//);
  const page = ownerPage;
  await page.getByRole('heading', { level: 1, name: 'Statins for primary prevention' }).waitFor();

  // All 16 questions (9 and 11 in two parts each), every option, and the critical marks.
  const items = page.getByTestId('checklist-item');
  await items.first().waitFor();
  assert.equal(await items.count(), ITEMS.length);
  const questions = new Set(ITEMS.map((i) => i.number.replace(/[ab]$/, '')));
  assert.equal(questions.size, 16);
  for (const def of ITEMS) {
    const el = item(page, def.id);
    const legend = (await el.locator('legend').innerText()).trim();
    assert.ok(legend.startsWith(`${def.number}.`), `item ${def.number} is numbered: ${legend}`);
    const labels = await el.locator('.option').allInnerTexts();
    assert.deepEqual(
      labels.map((l) => l.trim()),
      def.options.map((o) => o.label),
      `options of ${def.number}`,
    );
    const critical = CRITICAL_QUESTIONS.includes(def.number.replace(/[ab]$/, ''));
    assert.equal(
      await el.locator('.critical-mark').count(),
      critical ? 1 : 0,
      `mark of ${def.number}`,
    );
  }
  await page.getByRole('heading', { name: '9. Risk-of-bias assessment' }).waitFor();
  await page.getByRole('heading', { name: '11. Meta-analysis methods' }).waitFor();

  const rating = page.getByTestId('checklist-rating');
  assert.equal((await rating.innerText()).trim(), `Incomplete — ${ITEMS.length} items unanswered`);
  assert.equal(await page.getByTestId('mark-complete').isDisabled(), true);

  // Two non-critical weaknesses (items 1 and 3): moderate. Incomplete up to the last answer.
  const answers: Record<string, string> = Object.fromEntries(ITEMS.map((i) => [i.id, 'yes']));
  answers.q1 = 'no';
  answers.q3 = 'no';
  for (const def of ITEMS.slice(0, -1)) await answer(page, def.id, answers[def.id]!);
  await rating.filter({ hasText: 'Incomplete — 1 item unanswered' }).waitFor();
  const last = ITEMS.at(-1)!;
  await answer(page, last.id, answers[last.id]!);
  await rating.filter({ hasText: /^Moderate$/ }).waitFor();
  // Counts read as counts, items as items.
  assert.equal(
    (await page.getByTestId('non-critical-weaknesses').innerText()).trim(),
    '2 non-critical weaknesses: Item 1, Item 3',
  );
  assert.equal((await page.getByTestId('critical-flaws').innerText()).trim(), 'No critical flaws');
  // One critical flaw (item 13): low.
  await answer(page, 'q13', 'no');
  await rating.filter({ hasText: /^Low$/ }).waitFor();
  assert.equal(
    (await page.getByTestId('critical-flaws').innerText()).trim(),
    '1 critical flaw: Item 13',
  );
  // The "does not apply" parts of 9 count as answered, not as weaknesses.
  await answer(page, 'q9b', 'only-other-design');
  await rating.filter({ hasText: /^Low$/ }).waitFor();

  // The other reviewer watching the list sees the status move, and (blinded until both are done,
  // docs/doc-model-v2.md) not the progress.
  await seenByReviewer.getByTestId('study-status').filter({ hasText: 'In progress' }).waitFor();
  assert.equal(await seenByReviewer.getByText(`${ITEMS.length}/${ITEMS.length}`).count(), 0);

  // Mark complete: read-only until reopened.
  await page.getByTestId('mark-complete').click();
  await page.getByTestId('checklist-status').filter({ hasText: 'Completed' }).waitFor();
  assert.equal(await item(page, 'q1').getByRole('radio').first().isDisabled(), true);
  await seenByReviewer
    .getByTestId('study-status')
    .filter({ hasText: 'One reviewer done' })
    .waitFor();
  await page.getByTestId('reopen').click();
  await page.getByTestId('checklist-status').filter({ hasText: 'In progress' }).waitFor();
  assert.equal(await item(page, 'q1').getByRole('radio').first().isEnabled(), true);

  const expected = { ...answers, q13: 'no', q9b: 'only-other-design' };
  const checklistId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
  await settlesTo(
    async () => (await checklistOnServer(projectId, owner.cookie, checklistId)).answers,
    expected,
    'answers on the server',
  );
});

test('live: two devices and a watcher converge; presence and the indicator', async () => {
  const owner = await signUp('Ada Appraiser');
  const watcher = await signUp('Ben Watcher');
  const projectId = await projectWith(owner, 'Live editing', [{ person: watcher, role: 'editor' }]);
  const seed = await seedStudy(projectId, owner, 'Live study', [owner, watcher], {
    blindReviewers: false,
  });
  const checklistId = seed.checklistOf(owner);
  {
    const content = new Y.Doc();
    noteText(content, 'q1').insert(0, 'Shared note.');
    await pushChecklistDoc(projectId, owner.cookie, checklistId, content);
  }
  const path = checklistPath(projectId, checklistId);
  const laptop = await openPage(await device(owner), path);
  const tablet = await openPage(await device(owner), path);
  const watcherDevice = await device(watcher);
  const watcherPage = await openPage(watcherDevice, path);
  // The watcher's own checklist, in a second tab: the other user editing the same document.
  const watcherOwn = await openPage(
    watcherDevice,
    checklistPath(projectId, seed.checklistOf(watcher)),
  );
  for (const p of [laptop, tablet, watcherPage, watcherOwn]) {
    await waitForConnection(p, 'online');
    await p.getByTestId('note-q1').waitFor();
  }
  assert.equal((await laptop.getByTestId('connection-status').innerText()).trim(), 'Online');
  await settlesTo(
    () => laptop.getByTestId('note-q1').inputValue(),
    'Shared note.',
    'the seeded note',
  );

  // Presence: each user sees the other person (not their own second device).
  const presence = (p: Page, who: Person) =>
    p.getByTestId('presence-list').locator(`[data-user-id="${who.id}"]`);
  await presence(watcherPage, owner).getByText('Ada Appraiser').waitFor();
  await presence(laptop, watcher).getByText('Ben Watcher').waitFor();
  assert.equal(await laptop.getByTestId('presence-list').locator('li').count(), 1);
  // The watcher may read but not change someone else's checklist.
  await watcherPage
    .getByTestId('read-only-reason')
    .filter({ hasText: /only they can change it/ })
    .waitFor();

  // One answer arrives on the others.
  await answer(laptop, 'q1', 'yes');
  for (const p of [tablet, watcherPage])
    await item(p, 'q1').locator('input[value="yes"]:checked').waitFor();

  // Concurrent answers to different items from both devices, and the other user's answers to
  // their own checklist at the same time.
  await Promise.all([
    (async () => {
      await answer(watcherOwn, 'q1', 'no');
      await answer(watcherOwn, 'q2', 'yes');
      await answer(watcherOwn, 'q3', 'yes');
    })(),
    (async () => {
      await answer(laptop, 'q2', 'yes');
      await answer(laptop, 'q3', 'no');
      await answer(laptop, 'q4', 'partial-yes');
    })(),
    (async () => {
      await answer(tablet, 'q5', 'yes');
      await answer(tablet, 'q6', 'no');
      await answer(tablet, 'q7', 'partial-yes');
    })(),
  ]);
  // Concurrent typing into the same note: at its start on one device, at its end on the other.
  const typeAt = async (p: Page, key: string, text: string) => {
    const note = p.getByTestId('note-q1');
    await note.click();
    await note.press(key);
    await note.pressSequentially(text, { delay: 40 });
  };
  await Promise.all([
    typeAt(laptop, 'Control+Home', 'Start. '),
    typeAt(tablet, 'Control+End', ' End.'),
  ]);

  const expectedAnswers = allItems({
    q1: 'yes',
    q2: 'yes',
    q3: 'no',
    q4: 'partial-yes',
    q5: 'yes',
    q6: 'no',
    q7: 'partial-yes',
  });
  const expectedNotes = { q1: 'Start. Shared note. End.' };
  for (const [name, p] of [
    ['laptop', laptop],
    ['tablet', tablet],
    ['watcher', watcherPage],
  ] as const) {
    await settlesTo(() => answersOnPage(p), expectedAnswers, `answers on the ${name}`);
    await settlesTo(() => notesOnPage(p), expectedNotes, `notes on the ${name}`);
  }
  await settlesTo(
    async () => {
      const onServer = await checklistOnServer(projectId, owner.cookie, checklistId);
      return { answers: allItems(onServer.answers), notes: onServer.notes };
    },
    { answers: expectedAnswers, notes: expectedNotes },
    'the server copy',
  );
  await settlesTo(
    async () =>
      (await checklistOnServer(projectId, owner.cookie, seed.checklistOf(watcher))).answers,
    { q1: 'no', q2: 'yes', q3: 'yes' },
    "the watcher's own checklist on the server",
  );
});

test('offline: edits and a reload without network, then both sides and the server converge', async () => {
  const owner = await signUp('Olga Observer');
  const reviewer = await signUp('Otto Offline');
  const projectId = await projectWith(owner, 'Offline work', [
    { person: reviewer, role: 'editor' },
  ]);
  const seed = await seedStudy(projectId, owner, 'Field study', [reviewer, null]);
  const checklistId = seed.checklistOf(reviewer);
  const path = checklistPath(projectId, checklistId);

  const observer = await openPage(await device(owner), path);
  // A page whose document came from `route.fulfill` has no IP address space in Chromium, which
  // then treats it as public and blocks its requests to the loopback server (Local Network Access),
  // so after the offline reload it could never reconnect. A service worker's shell keeps the
  // origin's address space; this browser skips the check to stand in for one.
  const offlineBrowser = await launchBrowser(['--disable-features=LocalNetworkAccessChecks']);
  browsers.push(offlineBrowser);
  const reviewerContext = await signedInContext(offlineBrowser, reviewer);
  const shell = recordForOfflineReload(reviewerContext);
  const page = await reviewerContext.newPage();
  // The project document's socket (the checklist's own document has another, to its room).
  const sockets = trackSockets(page, (url) => !url.includes('/checklists/'));
  await page.goto(`${baseUrl()}${path}`);
  await waitForConnection(page, 'online');
  assert.equal(sockets.count(), 1, 'one WebSocket for the project document');
  const firstSocket = sockets.latest();
  await waitForConnection(observer, 'online');
  const reviewerPresence = observer
    .getByTestId('presence-list')
    .locator(`[data-user-id="${reviewer.id}"]`);
  await reviewerPresence.waitFor();
  await answer(page, 'q1', 'yes');
  await item(observer, 'q1').locator('input[value="yes"]:checked').waitFor();

  // Network off. Emulated offline freezes the open WebSocket rather than closing it (as a real
  // network loss does); the app must stop using it: nothing more reaches the server, and coming
  // back needs a new connection.
  await shell.serveOffline();
  await reviewerContext.setOffline(true);
  await waitForConnection(page, 'offline');
  const status = page.getByTestId('connection-status');
  // The app's one sync status, on the checklist's strip: counted in answers and notes.
  const unsent = page.getByTestId('collab-sync').getByTestId('sync-status');

  await answer(page, 'q2', 'partial-yes');
  await answer(page, 'q3', 'no');
  await answer(page, 'q1', 'no');
  await unsent.filter({ hasText: 'Offline — 3 answers not yet on the server' }).waitFor();
  await page.getByTestId('note-q2').fill('Protocol registered after the search.');
  await unsent
    .filter({ hasText: 'Offline — 3 answers and 1 note not yet on the server' })
    .waitFor();
  // None of it is on the server yet.
  assert.deepEqual(await checklistOnServer(projectId, owner.cookie, checklistId), {
    answers: { q1: 'yes' },
    notes: {},
  });

  // The others stop seeing the reviewer once their presence times out (12 s without renewal,
  // presence-liveness.ts: a lost network is not announced).
  await reviewerPresence.waitFor({ state: 'detached', timeout: 90_000 });

  // Reload with the network still off: the shell comes from the copies, the answers from IndexedDB.
  // (After a reload Chromium's emulated offline still fails every request and socket, but
  // navigator.onLine says true: the indicator must go by the failed connection attempts.)
  await page.reload();
  await waitForConnection(page, 'offline');
  await unsent
    .filter({ hasText: 'Offline — 3 answers and 1 note not yet on the server' })
    .waitFor();
  await settlesTo(
    () => answersOnPage(page),
    allItems({ q1: 'no', q2: 'partial-yes', q3: 'no' }),
    'answers after the offline reload',
  );
  assert.equal(
    await page.getByTestId('note-q2').inputValue(),
    'Protocol registered after the search.',
  );
  await answer(page, 'q4', 'yes');
  await page.getByTestId('note-q4').fill('Only English-language studies.');
  await unsent
    .filter({ hasText: 'Offline — 4 answers and 2 notes not yet on the server' })
    .waitFor();

  // Network back: both sides and the server end identical.
  await shell.stop();
  await reviewerContext.setOffline(false);
  await waitForConnection(page, 'online');
  assert.equal((await status.innerText()).trim(), 'Online');
  const current = sockets.latest();
  assert.ok(current !== firstSocket && !current?.isClosed(), 'back online over a new connection');
  const expectedAnswers = allItems({ q1: 'no', q2: 'partial-yes', q3: 'no', q4: 'yes' });
  const expectedNotes = {
    q2: 'Protocol registered after the search.',
    q4: 'Only English-language studies.',
  };
  for (const [name, p] of [
    ['reviewer', page],
    ['observer', observer],
  ] as const) {
    await settlesTo(() => answersOnPage(p), expectedAnswers, `answers on the ${name}'s page`);
    await settlesTo(() => notesOnPage(p), expectedNotes, `notes on the ${name}'s page`);
  }
  await reviewerPresence.waitFor();
  await settlesTo(
    async () => {
      const onServer = await checklistOnServer(projectId, owner.cookie, checklistId);
      return { answers: allItems(onServer.answers), notes: onServer.notes };
    },
    { answers: expectedAnswers, notes: expectedNotes },
    'the server copy',
  );
});

test('a viewer reads but cannot edit, and is told at once when removed', async () => {
  const owner = await signUp('Vera Owner');
  const viewer = await signUp('Victor Viewer');
  const projectId = await projectWith(owner, 'Viewing', [{ person: viewer, role: 'viewer' }]);
  // Viewers see a checklist in progress only with blinding off (else once it is finalized).
  const seed = await seedStudy(projectId, owner, 'Viewed study', [owner, null], {
    blindReviewers: false,
  });
  const checklistId = seed.checklistOf(owner);
  {
    const client = connectDoc(projectId, owner.cookie);
    await until(() => client.provider.synced, 'sync');
    const content = new Y.Doc();
    setAnswer(client.doc, checklistId, content, 'q2', 'partial-yes');
    noteText(content, 'q2').insert(0, 'Read me.');
    await pushChecklistDoc(projectId, owner.cookie, checklistId, content);
    await untilServerHas(projectId, owner.cookie, client.doc);
    client.close();
  }

  const page = await openPage(await device(viewer), checklistPath(projectId, checklistId));
  await waitForConnection(page, 'online');
  await item(page, 'q2').locator('input[value="partial-yes"]:checked').waitFor();
  await page
    .getByTestId('read-only-reason')
    .filter({ hasText: /viewer in this project: you can read this checklist but not change it/ })
    .waitFor();
  const radios = page.locator('[data-testid="checklist-item"] input[type=radio]');
  assert.equal(
    await radios.count(),
    ITEMS.reduce((n, i) => n + i.options.length, 0),
  );
  assert.equal(
    await page.locator('[data-testid="checklist-item"] input[type=radio]:enabled').count(),
    0,
  );
  const note = page.getByTestId('note-q2');
  assert.equal(await note.inputValue(), 'Read me.');
  assert.equal(await note.getAttribute('readonly'), '');
  await note.focus();
  await page.keyboard.type('scribble');
  assert.equal(await note.inputValue(), 'Read me.');
  assert.equal(await page.getByRole('button', { name: /clear the answer/i }).count(), 0);
  assert.equal(await page.getByTestId('mark-complete').count(), 0);

  // The owner removes the viewer while the page is open.
  const removed = await fetch(`${baseUrl()}/api/projects/${projectId}/members/${viewer.id}`, {
    method: 'DELETE',
    headers: { Cookie: owner.cookie },
  });
  assert.ok(removed.ok, `removing the viewer answered ${removed.status}`);
  const notice = page.getByTestId('access-revoked');
  await notice
    .getByRole('heading', { name: 'You no longer have access to this project' })
    .waitFor();
  await waitForConnection(page, 'revoked');
  assert.equal((await page.getByTestId('connection-status').innerText()).trim(), 'No access');
  await notice.getByRole('link', { name: 'Go to My projects' }).waitFor();
});

test('keyboard only: answer, change and clear an item', async () => {
  const owner = await signUp('Kim Keyboard');
  const projectId = await projectWith(owner, 'Keyboard', []);
  const seed = await seedStudy(projectId, owner, 'Keyboard study', [owner, null]);
  const checklistId = seed.checklistOf(owner);
  const page = await openPage(await device(owner), checklistPath(projectId, checklistId));
  await waitForConnection(page, 'online');
  await item(page, 'q1').waitFor();

  // Tab from the top of the page to item 1's options.
  await page.locator('body').focus();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.item === 'q1' && f.type === 'radio') break;
  }
  assert.deepEqual(await focused(page), {
    item: 'q1',
    type: 'radio',
    value: 'yes',
    testId: null,
    label: null,
  });
  await page.keyboard.press('Space');
  await item(page, 'q1').locator('input[value="yes"]:checked').waitFor();
  await page.keyboard.press('ArrowDown');
  await item(page, 'q1').locator('input[value="no"]:checked').waitFor();
  await settlesTo(progressOf(page), `1/${ITEMS.length}`, 'progress');

  // Tab reaches Clear; Enter clears, and focus goes back to the item's options.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).label, 'Clear the answer to item 1');
  await page.keyboard.press('Enter');
  await page.locator('[data-item-id="q1"][data-answered="false"]').waitFor();
  assert.equal(await item(page, 'q1').locator('input:checked').count(), 0);
  const afterClear = await focused(page);
  assert.deepEqual([afterClear.item, afterClear.type], ['q1', 'radio']);

  // On past the note to item 2, and answer it.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).testId, 'note-q1');
  await page.keyboard.press('Tab');
  const next = await focused(page);
  assert.deepEqual([next.item, next.type], ['q2', 'radio']);
  await page.keyboard.press('Space');
  await item(page, 'q2').locator('input[value="yes"]:checked').waitFor();
  await settlesTo(progressOf(page), `1/${ITEMS.length}`, 'progress');
  await settlesTo(
    async () => (await checklistOnServer(projectId, owner.cookie, checklistId)).answers,
    { q2: 'yes' },
    'answers on the server',
  );
});
