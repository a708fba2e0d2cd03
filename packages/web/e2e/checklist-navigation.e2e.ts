// Issue 20, "Finishing a long checklist means scrolling back", in Chromium. At 1366×768 an
// AMSTAR 2 checklist's "Mark complete" is on screen with the page scrolled to its end; "Next
// unanswered" (its button and its N key) moves focus to the next question asked and unanswered —
// on its first answer, wrapping at the end — and not while a note is being typed; an "Unanswered"
// link moves focus to its question's first answer. At 390 px a compact bar with progress, "Next
// unanswered" and "Mark complete" stays on screen, and nothing scrolls sideways.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { amstar2Definition, checklistItems } from '@corates/shared';
import {
  addOutcome,
  addStudy,
  assignReviewers,
  createChecklist,
  setAnswer,
} from '@corates/shared/doc';
import { checklistItem, signedInPages } from './support/signed-in-pages.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, openChecklistDoc, until, untilServerHas } from './support/doc-client.ts';

const { openAs } = signedInPages();

/** Left unanswered by the seed, in display order. */
const GAPS = ['q3', 'q9b', 'q15'];

/** The focused element: its question and, for a radio, its value and whether it is the first. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const item = el?.closest('[data-testid="checklist-item"]');
    const first = item?.querySelector('input[type=radio]');
    return {
      itemId: item?.getAttribute('data-item-id') ?? null,
      tag: el?.tagName ?? null,
      type: el?.type ?? null,
      firstOption: first !== undefined && first === el,
    };
  });

/** The element's box lies inside the viewport and is what is drawn at its centre (not covered). */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inside && r.height > 0 && hit !== null && el.contains(hit);
  });

const scrollToEnd = async (page: Page) => {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  // Wait for the scroll to land (smooth scrolling or late layout).
  await page.waitForFunction(
    () => Math.abs(scrollY + innerHeight - document.documentElement.scrollHeight) < 2,
  );
};

/** An AMSTAR 2 checklist with every item but the GAPS answered, or an empty ROBINS-I one. */
async function seededChecklist(type: 'AMSTAR2' | 'ROBINS_I' = 'AMSTAR2') {
  const owner = await signUp('Nadia');
  const projectId = await projectWith(owner, 'Long checklist', []);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const studyId = addStudy(
    seed.doc,
    { title: 'Review R', authors: '', year: 2021, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, studyId, owner.id, null);
  const outcomeId =
    type === 'ROBINS_I' ? addOutcome(seed.doc, { name: 'Mortality' }, owner.id) : undefined;
  const id = createChecklist(seed.doc, { studyId, type, reviewerId: owner.id, outcomeId });
  const content = await openChecklistDoc(projectId, owner.cookie, id);
  if (type === 'AMSTAR2')
    for (const item of checklistItems(amstar2Definition))
      if (!GAPS.includes(item.id))
        setAnswer(seed.doc, id, content.doc, item.id, item.options[0]!.value);
  await untilServerHas(projectId, owner.cookie, seed.doc);
  await untilServerHas(projectId, owner.cookie, content.doc, id);
  content.close();
  seed.close();
  return { owner, path: `/projects/${projectId}/checklists/${encodeURIComponent(id)}` };
}

test('1366×768: Mark complete stays on screen; Next unanswered and the Unanswered links focus the question', async () => {
  const { owner, path } = await seededChecklist();
  const page = await openAs(owner, path);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('checklist-item').first().waitFor();
  const summary = page.getByTestId('checklist-summary');
  await summary.getByTestId('checklist-progress').filter({ hasText: '15/18' }).waitFor();

  // At the end of a page several screens long, the summary's actions are still on screen.
  await scrollToEnd(page);
  const scrolled = await page.evaluate(() => scrollY);
  assert.ok(scrolled > 2 * 768, `the page is long (scrolled ${scrolled} px)`);
  const mark = summary.getByTestId('mark-complete');
  assert.equal(await onScreen(mark), true, 'Mark complete is on screen at the end of the page');
  assert.equal(await mark.isDisabled(), true);
  const next = summary.getByTestId('next-unanswered');
  assert.equal(await onScreen(next), true);
  assert.equal(await next.getAttribute('aria-keyshortcuts'), 'N');
  // Beside the questions, not after them (it is on screen halfway down too).
  const beside = () =>
    page.evaluate(() => {
      const form = document.querySelector('.checklist-form')!.getBoundingClientRect();
      const side = document.querySelector('[data-testid="checklist-summary"]')!;
      return side.getBoundingClientRect().left >= form.right;
    });
  assert.equal(await beside(), true, 'the summary is beside the questions');
  await checklistItem(page, 'q9a').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  assert.equal(await onScreen(mark), true, 'Mark complete is on screen halfway down');
  await scrollToEnd(page);
  // The compact bar is for narrow screens only.
  assert.equal(await page.getByTestId('checklist-action-bar').isVisible(), false);
  // So it is between 900 and 1099 px, where the summary has a column of its own.
  await page.setViewportSize({ width: 1000, height: 768 });
  await scrollToEnd(page);
  assert.equal(await onScreen(mark), true, 'Mark complete is on screen at 1000 px');
  assert.equal(await beside(), true, 'the summary is beside the questions at 1000 px');
  await page.setViewportSize({ width: 1366, height: 768 });
  await scrollToEnd(page);

  // Nothing focused in the form yet: the first gap, on its first answer, scrolled into view.
  await next.click();
  assert.deepEqual(await focused(page), {
    itemId: 'q3',
    tag: 'INPUT',
    type: 'radio',
    firstOption: true,
  });
  assert.equal(
    await onScreen(checklistItem(page, 'q3').locator('input[type=radio]').first()),
    true,
  );

  // Answered from the keyboard (Space checks the focused radio), then N goes on to the next gap.
  await page.keyboard.press('Space');
  await summary.getByTestId('checklist-progress').filter({ hasText: '16/18' }).waitFor();
  await page.keyboard.press('n');
  assert.equal((await focused(page)).itemId, 'q9b');
  assert.equal((await focused(page)).firstOption, true);
  // The button goes on from the question the reviewer was at, though focus left it for the button.
  await next.click();
  assert.equal((await focused(page)).itemId, 'q15');
  // Past the last gap it wraps to the first one still open (q3 is answered now).
  await next.click();
  assert.equal((await focused(page)).itemId, 'q9b');

  // N typed in a note is text, not the shortcut.
  const note = page.getByTestId('note-q16');
  await note.click();
  await page.keyboard.type('Not now');
  assert.equal(await note.inputValue(), 'Not now');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');

  // An Unanswered link under Mark complete moves focus to its question's first answer.
  const link = summary.locator('[data-testid="unanswered"] [data-testid="question-link"]');
  assert.deepEqual(await link.allTextContents(), ['9b', '15']);
  await link.filter({ hasText: '15' }).click();
  assert.deepEqual(await focused(page), {
    itemId: 'q15',
    tag: 'INPUT',
    type: 'radio',
    firstOption: true,
  });

  // Every gap answered: Next unanswered is gone and Mark complete, still on screen, completes.
  await checklistItem(page, 'q15').locator('input[type=radio]').first().check();
  await checklistItem(page, 'q9b').locator('input[type=radio]').first().check();
  await summary.getByTestId('checklist-progress').filter({ hasText: '18/18' }).waitFor();
  assert.equal(await next.count(), 0);
  await scrollToEnd(page);
  assert.equal(await onScreen(mark), true);
  await mark.click();
  // The only reviewer's checklist is final once complete; focus goes to Reopen.
  await summary.getByTestId('checklist-status').filter({ hasText: 'Finalized' }).waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'reopen',
  );
});

test('390 px: a compact bar with progress, Next unanswered and Mark complete; nothing overflows', async () => {
  const { owner, path } = await seededChecklist();
  const page = await openAs(owner, path);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('checklist-item').first().waitFor();
  const bar = page.getByTestId('checklist-action-bar');
  await bar.getByTestId('bar-progress').filter({ hasText: '15/18' }).waitFor();

  // Halfway down the questions the bar is on screen, with its three parts.
  await checklistItem(page, 'q9a').scrollIntoViewIfNeeded();
  assert.equal(await onScreen(bar), true, 'the bar is on screen halfway down');
  for (const id of ['bar-progress', 'bar-next-unanswered', 'bar-mark-complete'])
    assert.equal(await onScreen(bar.getByTestId(id)), true, `${id} is on screen`);
  assert.equal(await bar.getByTestId('bar-mark-complete').isDisabled(), true);

  await bar.getByTestId('bar-next-unanswered').click();
  assert.deepEqual(await focused(page), {
    itemId: 'q3',
    tag: 'INPUT',
    type: 'radio',
    firstOption: true,
  });
  // The question moved to is not under the bar.
  assert.equal(
    await onScreen(checklistItem(page, 'q3').locator('input[type=radio]').first()),
    true,
  );

  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(
    overflow.scrollWidth <= overflow.clientWidth,
    `the page does not scroll sideways (${overflow.scrollWidth} > ${overflow.clientWidth})`,
  );
});

test('ROBINS-I on a short screen: the summary scrolls within itself, its buttons stay on screen', async () => {
  const { owner, path } = await seededChecklist('ROBINS_I');
  const page = await openAs(owner, path);
  await page.setViewportSize({ width: 1366, height: 600 });
  await page.getByTestId('checklist-item').first().waitFor();
  const summary = page.getByTestId('checklist-summary');
  await summary.getByTestId('domain-judgements').waitFor();
  // Every domain and every question unanswered: more than the screen's share for the summary.
  const scrolls = await summary.evaluate((el) => el.scrollHeight > el.clientHeight);
  assert.equal(scrolls, true, 'the summary scrolls within itself');
  for (const at of ['middle', 'end'] as const) {
    if (at === 'middle')
      await checklistItem(page, 'd3_1').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    else await scrollToEnd(page);
    assert.equal(
      await onScreen(summary.getByTestId('mark-complete')),
      true,
      `Mark complete, ${at}`,
    );
    assert.equal(await onScreen(summary.getByTestId('next-unanswered')), true, `Next, ${at}`);
  }
  await summary.getByTestId('next-unanswered').click();
  const first = await page.evaluate(
    () => document.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null,
  );
  const firstAsked = await page
    .locator('[data-testid="checklist-item"][data-reached="true"]')
    .first()
    .getAttribute('data-item-id');
  assert.equal(first, firstAsked);

  // A domain's link in the summary moves focus to that domain's heading.
  await summary.evaluate((el) => (el.scrollTop = 0));
  const domainLink = summary.getByTestId('domain-link').first();
  const target = (await domainLink.getAttribute('href'))!.slice(1);
  await domainLink.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), target);
});
