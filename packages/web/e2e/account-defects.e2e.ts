// Issue 20's small defects around the account, each checked in Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { type Person, signUp, signedInContext } from './support/collab.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function pageAs(person: Person, path: string, colorScheme: 'light' | 'dark' = 'light') {
  const context = await signedInContext(browser, person);
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`${baseUrl()}${path}`);
  return page;
}

test('a first, signed-out visit: not "welcome back", and no failed request logged', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(`console: ${m.text()}`);
  });
  await page.goto(`${baseUrl()}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByTestId('sign-in-intro').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /welcome back/i);
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(failed, []);
  await context.close();
});

test('a non-admin on the Operations page is not shown a maintainer command', async () => {
  const person = await signUp('Curious Member');
  const page = await pageAs(person, '/admin');
  await page.getByText('Only platform admins can see this page').waitFor();
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /npm run|maintainer|grant-admin/);
  await page.context().close();
});
