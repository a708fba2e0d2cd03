// Issue 20, "a first-run welcome that says what CoRATES does and offers the demo", in Chromium: a
// new account, signed up through the form, sees the welcome (not "welcome back") with its two
// ways in; "Create a project" puts the keyboard in the project form; "Try a demo project" makes a
// project named as a demo, with a randomised trial and a systematic review (designs set) and the
// user's own started appraisals, whose answers and note open on the checklist page and reach the
// server. Once the account has a project, the welcome is not shown again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { readChecklistContent, readStudies } from '@corates/shared/doc';
import { baseUrl, launchBrowser, uniqueEmail } from './support/browser.ts';
import { untilOnServer } from './support/doc-client.ts';
import { checklistItem, studyRow } from './support/signed-in-pages.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const TRIAL = 'Rosuvastatin to prevent vascular events';
const REVIEW = 'Statins for the primary prevention of cardiovascular disease';

test('a new account is welcomed, tries the demo project, and is not welcomed again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/sign-up`);
  await page.getByLabel('Name').fill('First Runner');
  await page.getByLabel('Email').fill(uniqueEmail('first-run'));
  await page.getByLabel('Password').fill('first-run-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${baseUrl()}/`);

  const welcome = page.getByRole('region', { name: 'Welcome to CoRATES' });
  await welcome.waitFor();
  const said = await welcome.innerText();
  assert.match(said, /AMSTAR 2, ROBINS-I or RoB 2/);
  assert.match(said, /blind to each other/);
  assert.match(said, /works offline/);
  assert.doesNotMatch(await page.locator('main').innerText(), /welcome back/i);

  // "Create a project" (from the keyboard) puts the focus in the project form.
  await welcome.getByRole('button', { name: 'Create a project' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'new-project-name',
  );

  // "Try a demo project", from the keyboard too: its project page, with both studies.
  await welcome.getByRole('button', { name: 'Try a demo project' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/projects\/[\w-]+$/);
  const projectId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
  await page.getByRole('heading', { level: 1, name: /^Demo: / }).waitFor();
  const trial = studyRow(page, TRIAL);
  const review = studyRow(page, REVIEW);
  await trial.waitFor();
  await review.waitFor();
  assert.equal(await trial.getByTestId('study-design').inputValue(), 'rct-parallel');
  assert.equal(await review.getByTestId('study-design').inputValue(), 'systematic-review');

  // The user's started AMSTAR 2 appraisal of the review opens with its answers and note.
  await review.getByTestId('reviewer-checklist').click();
  await page.waitForURL(/\/checklists\//);
  const checklistId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const q1 = checklistItem(page, 'q1');
  await q1.waitFor();
  assert.equal(await q1.locator('input[type=radio]:checked').getAttribute('value'), 'yes');
  assert.equal(
    await page.getByTestId('note-q2').inputValue(),
    'Protocol registered; deviations listed in the methods.',
  );

  // Made on this device, it reaches the server like any project: the studies and the answers.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await untilOnServer(
    projectId,
    cookie,
    (d) => readStudies(d).filter((s) => s.design !== undefined).length === 2,
    'the demo studies on the server',
  );
  await untilOnServer(
    projectId,
    cookie,
    (d) => readChecklistContent(d).answers.q1 === 'yes',
    'the demo appraisal’s answers on the server',
    30_000,
    checklistId,
  );

  // A later visit: the account has a project, so its list, and no welcome.
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId('project-item').filter({ hasText: 'Demo: ' }).waitFor();
  assert.equal(await page.getByTestId('first-run').count(), 0);
  assert.equal(await page.getByTestId('project-item').count(), 1);
  await context.close();
});
