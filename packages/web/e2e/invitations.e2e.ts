// Issue 14 #7 in a real browser: an owner invites an address nobody has signed up with; the
// invitee opens the link, is asked to create an account, signs up with that address, comes back
// to the invitation, accepts and lands in the project. Someone signed in with another address
// is told so and does not join.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiJson, sessionCookie } from './support/api.ts';
import { baseUrl, launchBrowser, signIn, uniqueEmail } from './support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('invite an address → the invitee signs up with it → accepts → is a member', async () => {
  const ownerEmail = uniqueEmail('inviting-owner');
  const ownerCookie = await sessionCookie('Inviting Owner', ownerEmail, 'inviting-owner-pass');
  const project = await apiJson<{ id: string }>('POST', '/api/projects', ownerCookie, {
    name: 'Invited review',
  });

  // The owner invites through the members section and is shown the link (no mail locally).
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, ownerEmail, 'inviting-owner-pass');
  // Members are managed on the project's Members page.
  await owner.goto(`${baseUrl()}/projects/${project.id}/members`);
  const inviteeEmail = uniqueEmail('invitee');
  await owner.getByLabel('Email address').fill(inviteeEmail);
  await owner.getByTestId('add-member-role').selectOption('editor');
  await owner.getByTestId('add-member-submit').click();
  await owner
    .getByRole('status')
    .filter({ hasText: `Invited ${inviteeEmail}` })
    .waitFor();
  const link = await owner.getByTestId('invitation-link').inputValue();
  assert.match(link, new RegExp(`^${baseUrl()}/invitations/[A-Za-z0-9_-]{43}$`));
  await owner.getByTestId('invitation-row').filter({ hasText: inviteeEmail }).waitFor();

  // Someone signed in with another address cannot take it.
  const otherEmail = uniqueEmail('other');
  await sessionCookie('Other Person', otherEmail, 'other-person-pass');
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, otherEmail, 'other-person-pass');
  await other.goto(link);
  await other.getByTestId('accept-invitation').click();
  await other
    .getByRole('alert')
    .filter({ hasText: /sent to another email address/i })
    .waitFor();
  await otherContext.close();

  // The invitee: the link asks them to sign in or up first, and brings them back.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await invitee.getByTestId('invitation-page').waitFor();
  await invitee.getByRole('link', { name: 'Create an account' }).click();
  await invitee.waitForURL(/\/sign-up\?next=/);
  await invitee.getByLabel('Name').fill('Invited Reviewer');
  await invitee.getByLabel('Email').fill(inviteeEmail);
  // A common password is refused with the policy's words.
  await invitee.getByLabel('Password').fill('password123');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await invitee
    .getByRole('alert')
    .filter({ hasText: /too common/i })
    .waitFor();
  await invitee.getByLabel('Password').fill('invited-reviewer-pass');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await invitee.waitForURL(link);
  await invitee.getByText(`signed in as ${inviteeEmail}`, { exact: false }).waitFor();
  await invitee.getByTestId('accept-invitation').click();
  await invitee.waitForURL(`${baseUrl()}/projects/${project.id}`);
  await invitee.getByRole('heading', { name: 'Invited review' }).waitFor();
  await inviteeContext.close();

  // The owner sees a member, no longer a pending invitation.
  await owner.reload();
  await owner.getByTestId('member-row').filter({ hasText: inviteeEmail }).waitFor();
  assert.equal(await owner.getByTestId('invitation-row').count(), 0);
  await ownerContext.close();
});
