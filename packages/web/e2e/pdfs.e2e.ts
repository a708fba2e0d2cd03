// Issue 6's PDFs in a real browser: attach a PDF to a study, see it listed and drawn by pdf.js
// beside the checklist, a non-PDF refused with its message, and the last opened PDF still drawn
// after an offline reload (the app shell from the service worker, the bytes from this device).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checklistPath } from '../src/studies/study-row.ts';
import { addStudy, createChecklist, readChecklist } from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { type Person, projectWith, signUp, signedInContext } from './support/collab.ts';
import { connectDoc, until, untilOnServer } from './support/doc-client.ts';
import { pdfOfPages } from './support/pdf-fixture.ts';

let browser: Browser;
let context: BrowserContext;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await context?.close().catch(() => undefined);
  await browser.close();
});

/** A study with one AMSTAR 2 checklist reviewed by `owner`, written as a peer would. */
async function seedStudy(projectId: string, owner: Person, title: string) {
  const client = connectDoc(projectId, owner.cookie);
  try {
    await until(() => client.provider.synced, 'the seeding client to sync');
    const studyId = addStudy(
      client.doc,
      { title, authors: 'Seed A', year: 2021, journal: 'Seed J', doi: '' },
      owner.id,
    );
    const checklistId = createChecklist(client.doc, {
      studyId,
      type: 'AMSTAR2',
      reviewerId: owner.id,
    });
    await untilOnServer(
      projectId,
      owner.cookie,
      (d) => readChecklist(d, checklistId) !== undefined,
      'the seeded checklist on the server',
    );
    return { studyId, checklistId };
  } finally {
    client.close();
  }
}

// This file compiles without the DOM library (it runs in Node); the canvas members read below.
interface InPageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

/** How many pixels of the first drawn page are dark (the bar and the text are; paper is not). */
function darkPixelsOfFirstPage(page: Page): Promise<number> {
  return page
    .getByTestId('pdf-pane')
    .locator('canvas')
    .first()
    .evaluate((el) => {
      const canvas = el as unknown as InPageCanvas;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i]! < 80 && data[i + 1]! < 80 && data[i + 2]! < 80 && data[i + 3]! > 200)
          dark += 1;
      }
      return dark;
    });
}

/** Polls until pdf.js has drawn the first page (the canvas exists before it is painted). */
async function waitForDrawnPdf(page: Page): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const dark = await darkPixelsOfFirstPage(page).catch(() => 0);
    if (dark > 0) return dark;
    if (Date.now() > deadline) throw new Error('timed out waiting for the PDF to be drawn');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('attach a PDF to a study and read it beside the checklist, also offline', async () => {
  const owner = await signUp('Pdf Owner');
  const projectId = await projectWith(owner, 'PDF appraisal', []);
  const title = 'Statins and memory: a randomised trial';
  const { checklistId } = await seedStudy(projectId, owner, title);

  context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/projects/${encodeURIComponent(projectId)}`);
  const study = page.getByTestId('study-row').filter({ hasText: title });
  const attach = study.getByLabel(`Attach a PDF to “${title}”`);

  // A file that is not a PDF, whatever its name says, is refused with the reason.
  await attach.setInputFiles({
    name: 'not-really.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('PK\u0003\u0004 this is a zip archive'),
  });
  await study
    .getByTestId('pdf-error')
    .getByText('That file is not a PDF. Only PDF files can be attached.')
    .waitFor();
  assert.equal(await study.getByTestId('pdf-item').count(), 0);

  // A real PDF is uploaded, listed, and becomes the study's primary (its first PDF).
  await attach.setInputFiles({
    name: 'Statins trial report.pdf',
    mimeType: 'application/pdf',
    buffer: pdfOfPages([['CoRATES reads this PDF']]),
  });
  const item = study.getByTestId('pdf-item').filter({ hasText: 'Statins trial report.pdf' });
  await item.waitFor();
  assert.equal(await item.getAttribute('data-tag'), 'primary');
  assert.equal(await study.getByTestId('pdf-error').count(), 0);

  // Beside the checklist, pdf.js draws it.
  await page.goto(`${baseUrl()}${checklistPath(projectId, checklistId)}`);
  await page.getByTestId('checklist-item').first().waitFor();
  const pane = page.getByTestId('pdf-pane');
  await pane.getByText('Statins trial report.pdf', { exact: true }).waitFor();
  await pane.locator('[data-testid="pdf-pages"][data-page-count="1"]').waitFor();
  const online = await waitForDrawnPdf(page);
  assert.ok(online > 500, `expected the bar and text to be drawn, got ${online} dark pixels`);
  // Opened for the first time, so it came from the server (and is now kept on the device).
  assert.equal(await pane.getByTestId('pdf-from-device').count(), 0);

  // Offline, a reload still opens the checklist with the PDF beside it, from this device.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('checklist-item').first().waitFor();
  await pane.getByTestId('pdf-from-device').waitFor();
  const offline = await waitForDrawnPdf(page);
  assert.ok(offline > 500, `expected the PDF drawn offline, got ${offline} dark pixels`);
  await context.setOffline(false);
});
