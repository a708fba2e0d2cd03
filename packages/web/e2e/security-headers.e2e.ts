// The HTML app and its static assets carry the same security headers as the API, although
// assets are served without running the Worker (DESIGN: "Security contracts"), and the app
// works under that CSP: a signed-in session through the projects and a checklist page
// reports no policy violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { SECURITY_HEADERS } from '@corates/shared';
import { baseUrl, launchBrowser, signIn } from './support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function headersOf(path: string) {
  const res = await fetch(`${baseUrl()}${path}`);
  await res.arrayBuffer();
  return { status: res.status, headers: res.headers };
}

test('the app shell, a deep link, a script asset and the API all send the security headers', async () => {
  const html = await (await fetch(`${baseUrl()}/`)).text();
  const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, 'the app shell loads a script');
  for (const path of ['/', '/projects/some-project', script, '/api/metadata']) {
    const { status, headers } = await headersOf(path);
    assert.equal(status, 200, path);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      assert.equal(headers.get(name), value, `${path} ${name}`);
    }
  }
});

test('the app runs under its CSP without a violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });

  await signIn(page, 'demo@corates.dev', 'corates-demo');
  await page
    .getByRole('link', { name: /Demo project/ })
    .first()
    .click();
  await page.waitForURL(/\/projects\//);
  const checklist = page.locator('a[href*="/checklists/"]').first();
  await checklist.waitFor();
  await checklist.click();
  await page.getByTestId('checklist-item').first().waitFor();
  assert.deepEqual(violations, []);
  await context.close();
});
