// Issue 15 in a real browser: answers and a note typed offline on a version-1 build survive the
// upgrade to document model v2 through the forced-upgrade flow (docs/doc-model-v2.md, "Old
// clients and their offline edits").
//
// The release users had before document model v2 runs for real: its web build (0.2.0) and its
// Worker, frozen from the last v1 commit by scripts/freeze-v1-web-build.sh into
// fixtures/v1-release.tar.gz. Its server holds a v1 project (Alice's checklist, an answer and a
// note); Alice's v1 build syncs it, answers one more item online, then types answers and note
// text offline. The maintainer deploys this tree over the same local state (its Worker and web
// build) and retires old clients as the runbook says (`set --min-client 0.3.0`). Back online the
// v1 tab is refused, shows the upgrade flow and reloads into v2 through its service worker; the
// server splits the project on first use ([R18]) and the v2 build carries the offline edits into
// the checklist's own document before its socket connects. The server must end with every answer
// and the note, the old ones included. Signing out then deletes the checklist's database with
// the project's.
//
// And the same v1 tab back online before the maintainer retires v1 builds: the v2 server refuses
// a v1 build's document socket anyway, so it upgrades at once (before that refusal, its copy took
// the split's deletions from the v2 server and the offline answers were lost — this test failed).
//
// Why the v1 release's own Worker for the first part: a v2 server splits a v1 project on every
// entry and on its alarm, so a v1 build served by it never holds a v1 checklist to edit offline.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { freePort } from '@corates/bench-kit/free-port';
import { checklistDefinition, checklistItems } from '@corates/shared';
import { addStudy, readChecklistContent } from '@corates/shared/doc';
import {
  createV1Checklist,
  setV1Answer,
  stampV1,
  v1NoteText,
} from '@corates/shared/testing/v1-doc';
import webPackage from '../package.json' with { type: 'json' };
import { apiJson, sessionCookie } from './support/api.ts';
import { launchBrowser, signIn, uniqueEmail } from './support/browser.ts';
import {
  appVersion,
  buildWeb,
  controlledBy,
  removeConfigs,
  wranglerConfig,
} from './support/deployments.ts';
import { maintainerAt } from './support/maintainer.ts';
import { type WorkerProcess, workerProcess } from './support/worker-process.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** package.json's version at the last v1 commit, baked into the frozen build. */
const V1_VERSION = '0.2.0';
const V2_VERSION = webPackage.version;
/** What docs/runbooks/retire-old-clients.md has maintainers run when releasing v2. */
const RETIRE_BELOW = '0.3.0';
/** The Durable Object classes the v1 release's Worker exports (later ones it cannot host). */
const V1_DURABLE_OBJECTS = ['ProjectDoc'];

const scratch = mkdtempSync(path.join(tmpdir(), 'corates-v1-upgrade-'));
const v1 = path.join(scratch, 'v1');
const v2Web = path.join(scratch, 'web-v2');
let browser: Browser;
const servers: WorkerProcess[] = [];

before(async () => {
  browser = await launchBrowser();
  mkdirSync(v1);
  execFileSync('tar', ['xzf', path.join(here, 'fixtures/v1-release.tar.gz'), '-C', v1]);
  buildWeb(V2_VERSION, v2Web);
});
after(async () => {
  for (const server of servers) await server.kill();
  await browser?.close();
  removeConfigs();
  rmSync(scratch, { recursive: true, force: true });
});

const ITEMS = checklistItems(checklistDefinition('AMSTAR2'));
const [Q1, Q2, Q3, Q4] = [ITEMS[0]!, ITEMS[1]!, ITEMS[2]!, ITEMS[3]!];

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** The relay's HTTP fallback at `url`, as `cookie`: sends `update`, returns what the server has. */
async function fallback(url: string, cookie: string, docPath: string, update = new Y.Doc()) {
  const res = await fetch(`${url}/api/reconcile/doc/${docPath}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({
      update: toBase64(Y.encodeStateAsUpdate(update)),
      stateVector: toBase64(Y.encodeStateVector(new Y.Doc())),
    }),
  });
  if (!res.ok) throw new Error(`POST ${docPath}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { update: string };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(body.update));
  return doc;
}

function databasesOf(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const all = await indexedDB.databases();
    return all.map((d) => d.name ?? '').filter((name) => name.includes(id));
  }, userId);
}

/** Polls until `read` returns what `done` accepts (or `ms` pass); returns the last value read. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000) {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

const item = (page: Page, itemId: string) =>
  page.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);
const option = (page: Page, itemId: string, value: string) =>
  item(page, itemId).locator(`input[type="radio"][value="${value}"]`);
const note = (page: Page, itemId: string) => page.locator(`textarea[data-testid="note-${itemId}"]`);

/**
 * The v1 release on a fresh local state, a v1 project on its server, and Alice's v1 build in a
 * tab that synced it, answered one more item online, then went offline and typed two answers and
 * note text. Returns what the rest of a test needs, and `deployV2`: this tree's Worker and web
 * build started over the same state in place of the v1 release.
 */
async function offlineEditsOnV1(name: string) {
  const port = await freePort();
  const persistDir = path.join(scratch, `state-${name}`);
  const v1Server = await workerProcess(
    port,
    persistDir,
    wranglerConfig(`v1-${name}`, path.join(v1, 'web'), {
      script: path.join(v1, 'worker/index.js'),
      classes: V1_DURABLE_OBJECTS,
    }),
  );
  servers.push(v1Server);
  await v1Server.start();
  const url = v1Server.url;
  const meta = (await (await fetch(`${url}/api/metadata`)).json()) as { docSchemaVersion: number };
  assert.equal(meta.docSchemaVersion, 1, 'the frozen Worker is a v1 server');

  const email = uniqueEmail('v1-offline');
  const password = 'v1-offline-password-1';
  const cookie = await sessionCookie('Offline Alice', email, password, url);
  const me = await apiJson<{ user: { id: string } }>('GET', '/api/me', cookie, undefined, url);
  const aliceId = me.user.id;
  const project = await apiJson<{ id: string }>(
    'POST',
    '/api/projects',
    cookie,
    { name: 'Review appraised on the old build' },
    url,
  );
  const projectId = project.id;

  // The project as the v1 server keeps it: a study, Alice's checklist, an answer and a note.
  const seed = new Y.Doc();
  stampV1(seed);
  const studyId = addStudy(
    seed,
    { title: 'Trial of the old build', authors: 'Smith J', year: 2019, journal: 'BMJ', doi: '' },
    aliceId,
  );
  const checklistId = createV1Checklist(seed, { studyId, type: 'AMSTAR2', reviewerId: aliceId });
  setV1Answer(seed, checklistId, Q1.id, Q1.options[0]!.value);
  v1NoteText(seed, checklistId, Q1.id).insert(0, 'Methods p. 3.');
  await fallback(url, cookie, encodeURIComponent(projectId), seed);

  // Alice's v1 build syncs it and answers one more item online.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password, url);
  await controlledBy(page);
  assert.equal(await appVersion(page), V1_VERSION);
  await page.goto(`${url}/projects/${projectId}/checklists/${checklistId}`);
  await option(page, Q1.id, Q1.options[0]!.value).and(page.locator(':checked')).waitFor();
  await page.waitForFunction(
    (id) =>
      (document.querySelector(`textarea[data-testid="note-${id}"]`) as HTMLTextAreaElement | null)
        ?.value === 'Methods p. 3.',
    Q1.id,
  );
  await option(page, Q4.id, Q4.options[1]!.value).check();
  const onV1Server = await eventually(
    async () =>
      (await fallback(url, cookie, encodeURIComponent(projectId)))
        .getMap<Y.Map<unknown>>('checklists')
        .get(checklistId)
        ?.get('answers') as Y.Map<string> | undefined,
    (answers) => answers?.get(Q4.id) !== undefined,
  );
  assert.equal(onV1Server?.get(Q4.id), Q4.options[1]!.value, 'the v1 build syncs with its server');

  // Offline on the v1 build: two more answers and note text before what was there.
  await context.setOffline(true);
  await option(page, Q2.id, Q2.options[0]!.value).check();
  await option(page, Q3.id, Q3.options[1]!.value).check();
  await note(page, Q1.id).click();
  await note(page, Q1.id).press('Control+Home');
  await note(page, Q1.id).pressSequentially('Checked offline: ');
  assert.equal(await note(page, Q1.id).inputValue(), 'Checked offline: Methods p. 3.');
  // y-indexeddb writes each update as it happens; a moment for the last one to be stored.

  await page.waitForTimeout(1_000);

  async function deployV2() {
    await v1Server.kill();
    const v2Server = await workerProcess(port, persistDir, wranglerConfig(`v2-${name}`, v2Web));
    servers.push(v2Server);
    await v2Server.start();
  }
  /** The maintainer command of docs/runbooks/retire-old-clients.md for the v2 release. */
  const retireV1 = () =>
    assert.match(
      maintainerAt(persistDir, 'set', '--min-client', RETIRE_BELOW),
      /Updated the local database/,
    );
  return { url, cookie, aliceId, projectId, checklistId, context, page, deployV2, retireV1 };
}

/** The page reloads into the v2 build and says it was updated from v1. */
async function upgradedToV2(page: Page) {
  await page.waitForFunction((v) => document.documentElement.dataset.appVersion === v, V2_VERSION, {
    timeout: 90_000,
  });
  await page
    .getByTestId('upgraded-notice')
    .getByText(`from ${V1_VERSION} to ${V2_VERSION}`)
    .waitFor();
}

/**
 * The server's checklist document has every answer and the note: the offline ones carried over by
 * the v2 build, the earlier ones moved there by the split. The project document is at v2 without
 * checklist content (the browser's copy dropped its v1 content rather than pushing it back).
 */
async function assertNothingLost(
  url: string,
  cookie: string,
  projectId: string,
  checklistId: string,
) {
  const checklistPath = `${encodeURIComponent(projectId)}/checklists/${encodeURIComponent(checklistId)}`;
  const content = await eventually(
    async () => readChecklistContent(await fallback(url, cookie, checklistPath)),
    (c) => c.answers[Q2.id] !== undefined && c.answers[Q3.id] !== undefined,
    60_000,
  );
  assert.deepEqual(content.answers, {
    [Q1.id]: Q1.options[0]!.value,
    [Q2.id]: Q2.options[0]!.value,
    [Q3.id]: Q3.options[1]!.value,
    [Q4.id]: Q4.options[1]!.value,
  });
  assert.equal(content.notes[Q1.id], 'Checked offline: Methods p. 3.');

  const projectDoc = await fallback(url, cookie, encodeURIComponent(projectId));
  assert.equal(projectDoc.getMap('meta').get('schemaVersion'), 2);
  const header = projectDoc.getMap<Y.Map<unknown>>('checklists').get(checklistId);
  assert.ok(header, 'the checklist header is kept');
  assert.deepEqual(
    ['answers', 'notes', 'support', 'judgements'].filter((k) => header.has(k)),
    [],
  );
}

test('answers and a note typed offline on the v1 build reach the checklist document after the forced upgrade', async () => {
  assert.ok(V1_VERSION < RETIRE_BELOW && RETIRE_BELOW <= V2_VERSION, 'retiring v1 keeps v2');
  const { url, cookie, aliceId, projectId, checklistId, context, page, deployV2, retireV1 } =
    await offlineEditsOnV1('retired-offline');

  // The maintainer deploys v2 over the same state, then retires v1 builds as the runbook says.
  await deployV2();
  retireV1();

  // Back online: the v1 tab is refused, shows the upgrade flow and reloads into v2.
  const shown = page.getByTestId('update-required').waitFor({ timeout: 60_000 });
  await context.setOffline(false);
  await shown;
  await upgradedToV2(page);
  await assertNothingLost(url, cookie, projectId, checklistId);

  // Sign-out deletes the checklist's database with the project's.
  const checklistDb = `corates-doc:${aliceId}:${projectId}:checklist:${checklistId}`;
  const present = await eventually(
    () => databasesOf(page, aliceId),
    (names) => names.includes(checklistDb),
  );
  assert.ok(present.includes(checklistDb), `exists: ${present.join(', ')}`);
  await page.getByTestId('sign-out').click();
  await page.waitForURL(`${url}/sign-in`);
  const left = await eventually(
    () => databasesOf(page, aliceId),
    (names) => names.length === 0,
  );
  assert.deepEqual(left, []);
  await context.close();
});

test('a v1 tab back online before v1 builds are retired upgrades at once and keeps its offline edits', async () => {
  const { url, cookie, projectId, checklistId, context, page, deployV2 } =
    await offlineEditsOnV1('not-retired');

  // v2 is deployed; the maintainer has not retired v1 builds yet (the runbook's step 3 waits until
  // few requests come from them). Back online, the v2 server refuses the v1 build's document
  // socket anyway (FIRST_DOC_V2_CLIENT): served the split project, its copy would take the split's
  // deletions and lose the offline edits. So the tab shows the upgrade flow and reloads into v2.
  await deployV2();
  const shown = page.getByTestId('update-required').waitFor({ timeout: 60_000 });
  await context.setOffline(false);
  await shown;
  await upgradedToV2(page);
  await assertNothingLost(url, cookie, projectId, checklistId);
  await context.close();
});
