// Issue 20, account basics in a real browser: change name, email and password on the settings
// page (a wrong current password is refused), and reset a forgotten password through the link the
// local mail transport logs: the new password signs in, the old one is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, createAccount, launchBrowser, signIn, uniqueEmail } from './support/browser.ts';
import { loggedMailLinks } from './support/mail-log.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Signs in through the form in a fresh browser; whether it worked (the projects page) or not. */
async function canSignIn(email: string, password: string): Promise<boolean> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: /sign in/i }).click();
    const outcome = await Promise.race([
      page.waitForURL(`${baseUrl()}/`).then(() => true),
      page
        .getByRole('alert')
        .filter({ hasText: /wrong email or password/i })
        .waitFor()
        .then(() => false),
    ]);
    return outcome;
  } finally {
    await context.close();
  }
}

function accountForm(page: Page, name: string) {
  return page.getByRole('form', { name });
}

test('settings: change the name, the password (the current one checked) and the email', async () => {
  const email = uniqueEmail('account-owner');
  await createAccount('First Name', email, 'first-account-pass');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, 'first-account-pass');
  await page.goto(`${baseUrl()}/settings`);

  const name = accountForm(page, 'Name');
  assert.equal(await name.getByLabel('Name').inputValue(), 'First Name');
  await name.getByLabel('Name').fill('Second Name');
  await name.getByRole('button', { name: 'Save name' }).click();
  await name.getByRole('status').filter({ hasText: 'Your name is changed.' }).waitFor();
  await page.reload();
  assert.equal(await accountForm(page, 'Name').getByLabel('Name').inputValue(), 'Second Name');

  const password = accountForm(page, 'Password');
  await password.getByTestId('password-current-password').fill('not-the-password');
  await password.getByLabel('New password').fill('second-account-pass');
  await password.getByRole('button', { name: 'Change password' }).click();
  await password
    .getByRole('alert')
    .filter({ hasText: 'That is not your current password.' })
    .waitFor();
  await password.getByTestId('password-current-password').fill('first-account-pass');
  await password.getByRole('button', { name: 'Change password' }).click();
  await password.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();

  const newEmail = uniqueEmail('account-moved');
  const emailForm = accountForm(page, 'Email address');
  await emailForm.getByLabel('New email address').fill(newEmail);
  await emailForm.getByTestId('email-current-password').fill('second-account-pass');
  await emailForm.getByRole('button', { name: 'Change email' }).click();
  await emailForm
    .getByRole('status')
    .filter({ hasText: `You now sign in with ${newEmail}` })
    .waitFor();
  // The page stays signed in on its renewed session.
  await page.reload();
  await page.getByTestId('current-email').filter({ hasText: newEmail }).waitFor();
  await context.close();

  assert.equal(await canSignIn(newEmail, 'second-account-pass'), true);
  assert.equal(await canSignIn(newEmail, 'first-account-pass'), false);
  assert.equal(await canSignIn(email, 'second-account-pass'), false);
});

test('forgot password: the logged link sets a new one; the old one is refused; the link works once', async () => {
  const email = uniqueEmail('forgetful');
  await createAccount('Forgetful Reviewer', email, 'remembered-pass-1');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.waitForURL(`${baseUrl()}/forgot-password`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByTestId('reset-requested').waitFor();
  // Nothing on the page says whether the account exists, and the link is not shown.
  assert.doesNotMatch(await page.content(), /reset-password\?token=/);

  const [link] = await loggedMailLinks(email);
  assert.ok(link, 'the local transport logged the reset link');
  assert.match(link, new RegExp(`^${baseUrl()}/reset-password\\?token=[\\w-]+$`));
  await page.goto(link);
  await page.getByLabel('New password').fill('password123');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /too common/i })
    .waitFor();
  await page.getByLabel('New password').fill('chosen-again-pass-2');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByTestId('password-reset-done').waitFor();

  // The link works once.
  await page.goto(link);
  await page.getByLabel('New password').fill('a-third-password-3');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /used or has expired/i })
    .waitFor();
  await context.close();

  assert.equal(await canSignIn(email, 'chosen-again-pass-2'), true);
  assert.equal(await canSignIn(email, 'remembered-pass-1'), false);
  assert.equal(await canSignIn(email, 'a-third-password-3'), false);

  // An address without an account gets the same answer, and no mail.
  const nobody = uniqueEmail('nobody');
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`${baseUrl()}/forgot-password`);
  await otherPage.getByLabel('Email').fill(nobody);
  await otherPage.getByRole('button', { name: 'Send the link' }).click();
  await otherPage.getByTestId('reset-requested').waitFor();
  await other.close();
  assert.deepEqual(await loggedMailLinks(nobody, 1, 1000), []);
});
