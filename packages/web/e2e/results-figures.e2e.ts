// Issue 16 (figures and downloads) in a real browser: a project's finalized RoB 2 and ROBINS-I
// appraisals of one outcome are drawn as robvis traffic-light and summary plots; the SVG downloads
// parse and name every study, the PNG downloads decode at three times the figure's size and show
// the judgements' colours; the robvis table downloads as CSV with a byte-order mark; the tools are
// cited; a project with nothing finalized says so.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  parseCsv,
  ROB2_ALL_LOW,
  ROB2_CLUSTER_ALL_LOW,
  ROB2_HIGH,
  ROBINS_I_ALL_LOW,
} from '@corates/shared/testing';
import {
  addOutcome,
  addStudy,
  assignReviewers,
  createChecklist,
  markComplete,
  setAnswer,
} from '@corates/shared/doc';
import { baseUrl } from './support/browser.ts';
import { signedInPages } from './support/signed-in-pages.ts';
import { type Person, projectWith, signUp } from './support/collab.ts';
import { connectDoc, until, untilOnServer, writeChecklistContent } from './support/doc-client.ts';

const { openAs } = signedInPages();

interface Seed {
  title: string;
  authors: string;
  year: number;
  type: 'ROB2' | 'ROBINS_I';
  answers: Record<string, string>;
}

/**
 * A project whose studies each have a single reviewer (the owner) and one finalized appraisal of
 * the outcome "Pain", written through stock y-websocket clients as the app would (the headers in
 * the project document, the answers in each checklist's own).
 */
async function seededProject(owner: Person, name: string, seeds: Seed[]): Promise<string> {
  const projectId = await projectWith(owner, name, []);
  const client = connectDoc(projectId, owner.cookie);
  await until(() => client.provider.synced, 'the seeding client to sync');
  const outcomeId = addOutcome(client.doc, { name: 'Pain' }, owner.id);
  for (const [i, s] of seeds.entries()) {
    // Studies added in the same millisecond are ordered by id: keep the order given.
    const studyId = addStudy(
      client.doc,
      { title: s.title, authors: s.authors, year: s.year, journal: '', doi: '' },
      owner.id,
      `${i}-${crypto.randomUUID()}`,
    );
    assignReviewers(client.doc, studyId, owner.id, null);
    const id = createChecklist(client.doc, {
      studyId,
      type: s.type,
      reviewerId: owner.id,
      outcomeId,
    });
    await writeChecklistContent(projectId, owner.cookie, id, (content) => {
      for (const [item, value] of Object.entries(s.answers))
        setAnswer(client.doc, id, content, item, value);
      markComplete(client.doc, id, content, 1);
    });
  }
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('checklists').size === seeds.length,
    'the seeded appraisals',
  );
  client.close();
  return projectId;
}

/** Clicks (or presses Enter on) a download button and returns the file's name and bytes. */
async function download(page: Page, button: Locator, by: 'click' | 'keyboard' = 'click') {
  const started = page.waitForEvent('download');
  if (by === 'click') await button.click();
  else {
    await button.focus();
    await page.keyboard.press('Enter');
  }
  const file = await started;
  const path = await file.path();
  assert.ok(path, `the download of ${file.suggestedFilename()} completed`);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** The SVG parsed by the browser: whether it is well-formed, and every text in it. */
function parseSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: parsed.querySelector('parsererror')?.textContent ?? null,
      root: parsed.documentElement.localName,
      width: Number(parsed.documentElement.getAttribute('width')),
      texts: Array.from(parsed.querySelectorAll('text'), (t) => t.textContent ?? ''),
    };
  }, svg);
}

/**
 * The PNG decoded by the browser as an image: its size, and how many of its pixels are exactly
 * each of `colours` (the figure's fills, drawn as solid areas).
 */
function decodePng(page: Page, png: Buffer, colours: string[]) {
  return page.evaluate(
    async ({ base64, colours }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts: Record<string, number> = Object.fromEntries(colours.map((c) => [c, 0]));
      for (let i = 0; i < data.length; i += 4) {
        const hex = `#${[data[i]!, data[i + 1]!, data[i + 2]!]
          .map((v) => v.toString(16).padStart(2, '0'))
          .join('')}`.toUpperCase();
        if (hex in counts) counts[hex]!++;
      }
      return { width: image.naturalWidth, height: image.naturalHeight, counts };
    },
    { base64: png.toString('base64'), colours },
  );
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('traffic-light and summary plots: SVG and PNG downloads open and contain every study', async () => {
  const owner = await signUp('Olga');
  const rob2: Seed[] = [
    {
      title: 'Parallel trial',
      authors: 'Lee J, Patel R',
      year: 2020,
      type: 'ROB2',
      answers: ROB2_ALL_LOW,
    },
    {
      title: 'Unconcealed trial',
      authors: 'Savović J',
      year: 2021,
      type: 'ROB2',
      answers: ROB2_HIGH,
    },
    // A cluster trial with concerns about recruitment (domain 1b), and a title that must be
    // escaped in the SVG.
    {
      title: 'Clinics <randomised> & "followed"',
      authors: "O'Brien K",
      year: 2022,
      type: 'ROB2',
      answers: { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'N', d1b_3: 'Y' },
    },
    { title: 'Unlabelled trial', authors: '', year: 2023, type: 'ROB2', answers: ROB2_ALL_LOW },
  ];
  const robins: Seed = {
    title: 'Registry cohort',
    authors: 'Kim B',
    year: 2019,
    type: 'ROBINS_I',
    answers: ROBINS_I_ALL_LOW,
  };
  const projectId = await seededProject(owner, 'Figures', [...rob2, robins]);
  const labels = ['Lee 2020', 'Savović 2021', "O'Brien 2022", 'Unlabelled trial'];

  const page = await openAs(owner, `/projects/${projectId}/results`);
  const section = page.locator('[data-testid="domain-results"][data-tool="ROB2"]');
  await section.getByTestId('traffic-light').waitFor();
  assert.equal(await page.getByTestId('domain-results').count(), 2);
  assert.equal(await section.locator('h2').textContent(), 'RoB 2: Pain');

  // The figure on the page names every study, and the table alternative gives each as text.
  const onPage = await section.getByTestId('traffic-light').locator('svg text').allTextContents();
  for (const label of labels) assert.ok(onPage.includes(label), `${label} on the page`);
  const rows = section.getByTestId('results-ROB2').getByTestId('results-row');
  assert.equal(await rows.count(), 4);
  assert.equal(
    await rows.filter({ hasText: "O'Brien 2022" }).locator('[data-column="D1b"]').textContent(),
    'Some concerns',
  );
  assert.equal(
    await rows.filter({ hasText: 'Lee 2020' }).locator('[data-column="D1b"]').textContent(),
    'Not applicable',
  );

  // SVG: a well-formed SVG document naming every study, the headers and the legend's judgements.
  const svg = await download(page, section.getByTestId('traffic-light-svg'));
  assert.equal(svg.name, 'corates-rob2-pain-traffic-light.svg');
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  for (const label of labels) assert.ok(parsed.texts.includes(label), `${label} in the SVG`);
  for (const text of [
    'D1',
    'D1b',
    'D5',
    'Overall',
    'Low',
    'Some concerns',
    'High',
    'Not applicable',
  ])
    assert.ok(parsed.texts.includes(text), `${text} in the SVG`);
  // The user's title is escaped on the page too: it is text, not markup.
  assert.equal(await page.locator('svg randomised').count(), 0);

  // PNG, by keyboard: three times the figure's size, with robvis's colours drawn.
  const figure = section.getByTestId('traffic-light');
  const width = Number(await figure.getAttribute('data-width'));
  const height = Number(await figure.getAttribute('data-height'));
  assert.equal(parsed.width, width);
  const png = await download(page, section.getByTestId('traffic-light-png'), 'keyboard');
  assert.equal(png.name, 'corates-rob2-pain-traffic-light.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], PNG_SIGNATURE);
  const image = await decodePng(page, png.bytes, ['#02C100', '#E2DF07', '#BF0000', '#D3D3D3']);
  assert.deepEqual([image.width, image.height], [Math.ceil(width * 3), Math.ceil(height * 3)]);
  for (const [colour, count] of Object.entries(image.counts))
    assert.ok(count > 100, `${colour} drawn in the PNG (${count} pixels)`);

  // The summary plot: SVG names every domain and the overall bar; the PNG decodes at its size.
  const summary = section.getByTestId('summary-plot');
  const summarySvg = await download(page, section.getByTestId('summary-plot-svg'));
  const summaryParsed = await parseSvg(page, summarySvg.bytes.toString('utf8'));
  assert.equal(summaryParsed.error, null);
  assert.ok(summaryParsed.texts.includes('Overall risk of bias'));
  assert.ok(
    summaryParsed.texts.includes(
      'D1b: Bias arising from the timing of identification or recruitment of participants',
    ),
  );
  assert.ok(summaryParsed.texts.includes('+ 75%'), 'three of four studies Low in domain 1');
  const summaryPng = await download(page, section.getByTestId('summary-plot-png'));
  const summaryImage = await decodePng(page, summaryPng.bytes, ['#02C100', '#BF0000']);
  assert.deepEqual(
    [summaryImage.width, summaryImage.height],
    [
      Math.ceil(Number(await summary.getAttribute('data-width')) * 3),
      Math.ceil(Number(await summary.getAttribute('data-height')) * 3),
    ],
  );
  assert.ok(summaryImage.counts['#02C100']! > 1000 && summaryImage.counts['#BF0000']! > 100);

  // The robvis table: BOM, Study … Overall, Weight; one row per study, weight 1.
  const robvis = await download(page, section.getByTestId('robvis-csv'));
  assert.equal(robvis.name, 'corates-rob2-pain-robvis.csv');
  assert.deepEqual([...robvis.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.deepEqual(parseCsv(robvis.bytes.subarray(3).toString('utf8')), [
    ['Study', 'D1', 'D1b', 'D2', 'D3', 'D4', 'D5', 'Overall', 'Weight'],
    ['Lee 2020', 'Low', 'Not applicable', 'Low', 'Low', 'Low', 'Low', 'Low', '1'],
    ['Savović 2021', 'High', 'Not applicable', 'Low', 'Low', 'Low', 'Low', 'High', '1'],
    ["O'Brien 2022", 'Low', 'Some concerns', 'Low', 'Low', 'Low', 'Low', 'Some concerns', '1'],
    ['Unlabelled trial', 'Low', 'Not applicable', 'Low', 'Low', 'Low', 'Low', 'Low', '1'],
  ]);
  assert.match(
    (await section.locator('.robvis-download').textContent()) ?? '',
    /tool = "ROB2-Cluster"/,
  );

  // ROBINS-I has its own figures; the tools are cited.
  const robinsSection = page.locator('[data-testid="domain-results"][data-tool="ROBINS_I"]');
  const robinsSvg = await download(page, robinsSection.getByTestId('traffic-light-svg'));
  assert.ok((await parseSvg(page, robinsSvg.bytes.toString('utf8'))).texts.includes('Kim 2019'));
  const citations = await page.getByTestId('citations').locator('li').allTextContents();
  assert.deepEqual(
    citations.map((c) => c.split(':')[0]),
    ['RoB 2', 'ROBINS-I V2', 'robvis'],
  );
  assert.match(citations[2]!, /Res Synth Methods 2021;12:55–61/);

  // A project with nothing finalized: the empty state, no figure.
  const empty = await projectWith(owner, 'Nothing final yet', []);
  await page.goto(`${baseUrl()}/projects/${empty}/results`);
  await page.getByTestId('results-empty').waitFor();
  assert.equal(await page.getByTestId('traffic-light').count(), 0);
});
