// Issue 2's user journey in a real browser: sign up → create a project → invite a member (who
// accepts) → reload → everything is still there → sign out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { invitationToken, sessionCookie } from './support/api.ts';
import { baseUrl, createAccount, launchBrowser, uniqueEmail } from './support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('sign up, create a project, invite a member who accepts, reload, sign out', async () => {
  const colleagueEmail = uniqueEmail('colleague');
  const colleagueCookie = await sessionCookie(
    'Colleague Reviewer',
    colleagueEmail,
    'colleague-password',
  );

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
  // Members are managed on the project's Members page.
  await page
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: 'Members' })
    .click();
  await page.waitForURL(/\/projects\/[\w-]+\/members$/);

  // Invite the colleague as an editor: an invitation, not yet a member.
  await page.getByLabel('Email address').fill(colleagueEmail);
  await page.getByTestId('add-member-role').selectOption('editor');
  await page.getByTestId('add-member-submit').click();
  await page.getByTestId('invitation-row').filter({ hasText: colleagueEmail }).waitFor();
  const link = await page.getByTestId('invitation-link').inputValue();
  assert.equal(await page.getByTestId('member-row').count(), 1);

  // An address without an account gets the same answer: an invitation, no error.
  const stranger = uniqueEmail('nobody');
  await page.getByLabel('Email address').fill(stranger);
  await page.getByTestId('add-member-submit').click();
  await page.getByTestId('invitation-row').filter({ hasText: stranger }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);

  // The colleague accepts (their own session); the owner withdraws the stranger's invitation.
  const accepted = await fetch(`${baseUrl()}/api/invitations/${invitationToken(link)}/accept`, {
    method: 'POST',
    headers: { Cookie: colleagueCookie },
  });
  assert.equal(accepted.status, 200);
  await page
    .getByTestId('invitation-row')
    .filter({ hasText: stranger })
    .getByRole('button', { name: /withdraw/i })
    .click();
  await page
    .getByTestId('invitation-row')
    .filter({ hasText: stranger })
    .waitFor({ state: 'detached' });

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
