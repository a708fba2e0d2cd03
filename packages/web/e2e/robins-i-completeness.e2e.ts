// Issue 16 (which questions are required) in a real browser: a reviewer fills in a ROBINS-I V2
// appraisal. A screening stop lifts when B1 changes, without clearing B2; a question whose printed
// condition holds is asked (no "Not applicable" offered) and counted, and greys out — no longer
// counted or required — when its condition stops holding; "Mark complete" says which questions it
// waits for, and each link moves focus to its question.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ROBINS_I_ALL_LOW } from '@corates/shared/testing';
import { addOutcome, addStudy, assignReviewers } from '@corates/shared/doc';
import { answerAll, checklistItem, signedInPages } from './support/signed-in-pages.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, until, untilOnServer } from './support/doc-client.ts';

const { openAs } = signedInPages();

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

/** Waits until a summary figure reads `expected` (it follows the answers live). */
const untilText = (page: Page, testId: string, expected: string) =>
  page
    .getByTestId(testId)
    .filter({ hasText: new RegExp(`^\\s*${expected}\\s*$`) })
    .waitFor();

/** The question (data-item-id) that holds the focus, if any. */
const focusedQuestion = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null,
  );

test('ROBINS-I: questions asked follow the answers; Mark complete says what it waits for', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const projectId = await projectWith(owner, 'ROBINS-I completeness', [
    { person: ada, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const study = addStudy(
    seed.doc,
    { title: 'Cohort C', authors: '', year: 2020, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, study, ada.id, null);
  addOutcome(seed.doc, { name: 'Mortality' }, owner.id);
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('studies').size === 1 && d.getMap('outcomes').size === 1,
    'seeded study and outcome',
  );
  seed.close();

  const page = await openAs(ada, `/projects/${projectId}`);
  const row = page.getByTestId('study-row').filter({ hasText: 'Cohort C' });
  await row.getByTestId('add-appraisal').waitFor();
  await row.getByTestId('appraisal-type').selectOption('ROBINS_I');
  await row.getByTestId('appraisal-outcome').selectOption({ label: 'Mortality' });
  await row.getByTestId('add-appraisal').click();
  await page.getByTestId('checklist-item').first().waitFor();

  // B2 is asked only after B1 N/PN, and offers no "Not applicable" then.
  assert.equal(await checklistItem(page, 'b2').getAttribute('data-reached'), 'false');
  await answerAll(page, { b1: 'N' });
  assert.equal(await checklistItem(page, 'b2').getAttribute('data-reached'), 'true');
  assert.equal(await checklistItem(page, 'b2').locator('input[value="NA"]').count(), 0);
  // B2 "Yes" stops the assessment: only B1–B3 are asked, so progress is 2 of 3.
  await answerAll(page, { b2: 'Y' });
  await page.getByTestId('screening-stop').waitFor();
  assert.equal(await page.getByTestId('section-effect').getAttribute('data-active'), 'false');
  await untilText(page, 'checklist-progress', '2/3');
  assert.equal(await text(page, 'checklist-rating'), 'Critical');

  // Every domain Low, but with 2.1 "No": B1 "Yes" lifts the stop although B2 still says "Yes".
  await answerAll(page, { ...ROBINS_I_ALL_LOW, d2_1: 'N' });
  await page.getByTestId('screening-stop').waitFor({ state: 'detached' });
  assert.equal(await checklistItem(page, 'b2').getAttribute('data-reached'), 'false');
  // 2.1 "No": 2.2 is asked — no "Not applicable" on it — counted, and the judgement waits for it.
  assert.equal(await checklistItem(page, 'd2_2').getAttribute('data-reached'), 'true');
  assert.equal(await checklistItem(page, 'd2_2').locator('input[value="NA"]').count(), 0);
  assert.equal(await checklistItem(page, 'd2_2').locator('input[type=radio]').count(), 5);
  await untilText(page, 'checklist-progress', '22/23');
  assert.equal(await text(page, 'checklist-rating'), 'Incomplete — 1 question unanswered');
  const mark = page.getByTestId('mark-complete');
  assert.equal(await mark.isDisabled(), true);
  assert.equal(await mark.getAttribute('aria-describedby'), 'unanswered');
  assert.match(
    await text(page, 'unanswered'),
    /Answer every question asked .*1 question unanswered: 2\.2$/s,
  );

  // 2.2 "No information": 2.3 is asked too.
  await answerAll(page, { d2_2: 'NI' });
  assert.equal(await checklistItem(page, 'd2_3').getAttribute('data-reached'), 'true');
  await untilText(page, 'checklist-progress', '23/24');
  assert.match(await text(page, 'unanswered'), /1 question unanswered: 2\.3$/);
  // The link moves focus to the question, onto its first answer.
  const link = page.getByTestId('unanswered').getByRole('link', { name: 'Question 2.3' });
  await link.click();
  assert.equal(await focusedQuestion(page), 'd2_3');
  assert.equal(
    await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
    'SY',
  );
  // The keyboard is on the question: an arrow key answers it.
  await page.keyboard.press('ArrowDown');
  await checklistItem(page, 'd2_3').locator('input[value="WY"]:checked').waitFor();
  await untilText(page, 'checklist-progress', '24/24');
  assert.equal(await mark.isDisabled(), false);

  // 2.1 back to "Yes": 2.2 and 2.3 are no longer asked — greyed, saying so — and not counted.
  await answerAll(page, { d2_1: 'Y' });
  for (const id of ['d2_2', 'd2_3']) {
    assert.equal(await checklistItem(page, id).getAttribute('data-reached'), 'false', id);
    assert.match(
      (await checklistItem(page, id).getByTestId('item-unreached').textContent()) ?? '',
      /no answer needed/,
    );
  }
  await untilText(page, 'checklist-progress', '22/22');
  assert.equal(await text(page, 'checklist-rating'), 'Low');
  assert.equal(await page.getByTestId('unanswered').count(), 0);
  // A RoB-style summary: no AMSTAR 2 flaws.
  assert.equal(await page.getByTestId('critical-flaws').count(), 0);

  // 3.1 "Yes" asks 3.2, answered in the fixture; clearing it brings Mark complete's reason back.
  await checklistItem(page, 'd3_2')
    .getByRole('button', { name: 'Clear the answer to item 3.2' })
    .click();
  await untilText(page, 'checklist-progress', '21/22');
  assert.equal(await mark.isDisabled(), true);
  await page.getByTestId('unanswered').getByRole('link', { name: 'Question 3.2' }).click();
  assert.equal(await focusedQuestion(page), 'd3_2');
  await answerAll(page, { d3_2: 'N' });
  await untilText(page, 'checklist-progress', '22/22');
  await mark.click();
  await untilText(page, 'checklist-status', 'Finalized');
});
