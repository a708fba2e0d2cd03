// Issue 20's small defects around the account, each checked in Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

const LIGHT_BG = 'rgb(245, 247, 250)';
const DARK_BG = 'rgb(17, 22, 28)';

test('the theme setting applies: Dark on a light device, Light on a dark one, kept on reload', async () => {
  const person = await signUp('Theme Chooser');
  const page = await pageAs(person, '/settings', 'light');
  const theme = page.getByTestId('setting-theme');
  await theme.waitFor();
  assert.equal(await bodyBackground(page), LIGHT_BG);
  await theme.selectOption('dark');
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    DARK_BG,
  );
  await page.reload();
  await page.getByTestId('setting-theme').waitFor();
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    DARK_BG,
  );
  // The text follows: light on dark.
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.equal(text, 'rgb(230, 235, 240)');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('setting-theme').selectOption('light');
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    LIGHT_BG,
  );
  await page.getByTestId('setting-theme').selectOption('system');
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    DARK_BG,
  );
  await page.context().close();
});

test('"Show guidance" is a small box on the line of its label', async () => {
  const person = await signUp('Checkbox Looker');
  const page = await pageAs(person, '/settings');
  const box = await page.getByTestId('setting-guidance').boundingBox();
  const label = await page.getByText('Show guidance text in checklists').boundingBox();
  assert.ok(box && label);
  assert.ok(box.width <= 24 && box.height <= 24, `checkbox ${box.width}×${box.height}`);
  // Beside the text, not above it: the box's middle is within the label's line.
  const middle = box.y + box.height / 2;
  assert.ok(label.height <= 40, `one line, got ${label.height}px`);
  assert.ok(middle >= label.y && middle <= label.y + label.height, 'box on the label line');
  await page.getByText('Show guidance text in checklists').click();
  assert.equal(await page.getByTestId('setting-guidance').isChecked(), false);
  await page.context().close();
});

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
