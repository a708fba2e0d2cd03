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

test('a non-admin on the Operations page is not shown a maintainer command', async () => {
  const person = await signUp('Curious Member');
  const page = await pageAs(person, '/admin');
  await page.getByText('Only platform admins can see this page').waitFor();
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /npm run|maintainer|grant-admin/);
  await page.context().close();
});
