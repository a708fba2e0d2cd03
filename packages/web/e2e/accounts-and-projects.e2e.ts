// Issue 2's user journey in a real browser: sign up → create a project → add a member → reload →
// everything is still there → sign out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { baseUrl, createAccount, launchBrowser, uniqueEmail } from './support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('sign up, create a project, add a member, reload, sign out', async () => {
  const colleagueEmail = uniqueEmail('colleague');
  await createAccount('Colleague Reviewer', colleagueEmail, 'colleague-password');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl());
  // Signed-out visitors land on sign-in.
  await page.waitForURL(/\/sign-in$/);
  await page.getByRole('link', { name: /create an account|sign up/i }).click();

  const email = uniqueEmail('owner');
  await page.getByLabel('Name').fill('Owner Researcher');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('owner-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${baseUrl()}/`);
  await page.getByTestId('user-menu').getByText('Owner Researcher').waitFor();

  // Empty state, then create.
  await page.getByText(/no projects yet/i).waitFor();
  await page.getByLabel('Project name').fill('Statins review');
  await page.getByTestId('create-project').click();
  const item = page.getByTestId('project-item').filter({ hasText: 'Statins review' });
  await item.waitFor();
  await item.getByRole('link', { name: 'Statins review' }).click();
  await page.waitForURL(/\/projects\/[\w-]+$/);

  // Add the colleague as an editor.
  await page.getByLabel('Email address').fill(colleagueEmail);
  await page.getByTestId('add-member-role').selectOption('editor');
  await page.getByTestId('add-member-submit').click();
  await page.getByTestId('member-row').filter({ hasText: colleagueEmail }).waitFor();

  // A bad email shows the server's reason.
  await page.getByLabel('Email address').fill(uniqueEmail('nobody'));
  await page.getByTestId('add-member-submit').click();
  await page
    .getByRole('alert')
    .filter({ hasText: /no corates account/i })
    .waitFor();

  // Reload: still there (from the server, with the session cookie).
  await page.reload();
  await page.getByTestId('member-row').filter({ hasText: colleagueEmail }).waitFor();
  assert.equal(await page.getByTestId('member-row').count(), 2);
  const colleagueRole = page
    .getByTestId('member-row')
    .filter({ hasText: colleagueEmail })
    .getByRole('combobox');
  assert.equal(await colleagueRole.inputValue(), 'editor');

  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/sign-in$/);
  // The session is gone: protected pages send us back to sign-in.
  await page.goto(`${baseUrl()}/`);
  await page.waitForURL(/\/sign-in$/);
  await context.close();
});

test('signing in with a wrong password says so', async () => {
  const email = uniqueEmail('wrongpw');
  await createAccount('Wrong Password', email, 'right-password-1');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong-password-1');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /wrong|invalid|incorrect/i })
    .waitFor();
  assert.match(page.url(), /\/sign-in$/);
  await context.close();
});
