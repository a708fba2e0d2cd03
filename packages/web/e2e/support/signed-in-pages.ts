import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from './browser.ts';
import { type Person, signedInContext } from './collab.ts';

/**
 * One Chromium for the calling test file (launched before its tests, closed after them, with every
 * context it opened) and `openAs`: a page signed in as that person, at that path of the app.
 */
export function signedInPages(): { openAs(person: Person, path: string): Promise<Page> } {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser.close();
  });
  return {
    async openAs(person, path) {
      const context = await signedInContext(browser, person);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${baseUrl()}${path}`);
      return page;
    },
  };
}

/** A checklist question on the page, by its item id. */
export const checklistItem = (page: Page, itemId: string) =>
  page.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);

/** Answers questions in key order (a design first, so the domains it opens are on the page). */
export async function answerAll(page: Page, answers: Record<string, string>): Promise<void> {
  for (const [itemId, value] of Object.entries(answers))
    await checklistItem(page, itemId).locator(`input[type=radio][value="${value}"]`).check();
}

/** A study's row on the project page, by its title. */
export const studyRow = (page: Page, title: string) =>
  page.getByTestId('study-row').filter({ hasText: title });
