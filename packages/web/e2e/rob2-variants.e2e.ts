// Issue 16 (RoB 2 variants) in a real browser: a reviewer appraises a cluster-randomised trial
// with RoB 2 CRT (domains 1a and 1b, cluster questions, unreached questions greyed) and a
// cross-over trial with the cross-over variant's domain S, each to a final judgement; the results
// table and the server's CSV export carry the variants' domains and name the documents followed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { EXPORT_COLUMNS, ROB2_CLUSTER_RELEASE, ROB2_CROSSOVER_RELEASE } from '@corates/shared';
import { parseCsv, ROB2_CLUSTER_ALL_LOW, ROB2_CROSSOVER_ALL_LOW } from '@corates/shared/testing';
import { addOutcome, addStudy, assignReviewers } from '@corates/shared/doc';
import { baseUrl } from './support/browser.ts';
import { answerAll, checklistItem, signedInPages, studyRow } from './support/signed-in-pages.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, until, untilOnServer } from './support/doc-client.ts';

const { openAs } = signedInPages();

/** From the project page, the assigned reviewer starts a RoB 2 appraisal of the outcome. */
async function startRob2(page: Page, studyTitle: string) {
  const row = studyRow(page, studyTitle);
  await row.getByTestId('add-appraisal').waitFor();
  await row.getByTestId('appraisal-type').selectOption('ROB2');
  await row.getByTestId('appraisal-outcome').selectOption({ label: 'Pain' });
  await row.getByTestId('add-appraisal').click();
  await page.getByTestId('checklist-item').first().waitFor();
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

test('a cluster-randomised and a cross-over trial appraised with their RoB 2 variants', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const projectId = await projectWith(owner, 'RoB 2 variants', [{ person: ada, role: 'editor' }]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  for (const title of ['Cluster trial', 'Cross-over trial']) {
    const study = addStudy(
      seed.doc,
      { title, authors: '', year: 2022, journal: '', doi: '' },
      owner.id,
    );
    assignReviewers(seed.doc, study, ada.id, null);
  }
  addOutcome(seed.doc, { name: 'Pain' }, owner.id);
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('studies').size === 2 && d.getMap('outcomes').size === 1,
    'seeded studies and outcome',
  );
  seed.close();

  // The cluster-randomised trial: participants were recruited after the clusters were randomised
  // (1b.1 No), by staff unaware of the allocation (1b.2 No), yet with baseline imbalances (1b.3
  // Yes): domain 1b has Some concerns, every other domain is Low.
  const page = await openAs(ada, `/projects/${projectId}`);
  await startRob2(page, 'Cluster trial');
  // Before the design is chosen, no domain is shown and the page says what to answer.
  await page.getByTestId('variant-prompt').waitFor();
  assert.equal(await page.getByTestId('section-d1').count(), 0);
  const cluster = { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'N', d1b_3: 'Y' };
  await answerAll(page, { p_design: 'cluster' });
  await page.getByTestId('section-d1b').waitFor();
  assert.equal(await page.getByTestId('variant-prompt').count(), 0);
  assert.equal(await page.getByTestId('section-d1').count(), 0);
  assert.equal(await page.getByTestId('section-ds').count(), 0);
  assert.equal(await text(page, 'tool-release'), `Judgements follow ${ROB2_CLUSTER_RELEASE}`);
  assert.match(
    (await page.getByTestId('section-d1b').locator('h2').textContent()) ?? '',
    /^1b\. Bias arising from the timing of identification or recruitment of participants$/,
  );
  // 1b.2 is asked only after 1b.1 N/PN/NI: greyed, and saying so, until then.
  assert.equal(await checklistItem(page, 'd1b_2').getAttribute('data-reached'), 'false');
  assert.match(
    (await checklistItem(page, 'd1b_2').getByTestId('item-unreached').textContent()) ?? '',
    /no answer needed/,
  );
  await answerAll(page, cluster);
  assert.equal(await checklistItem(page, 'd1b_2').getAttribute('data-reached'), 'true');
  // Participants unaware they were in a trial (2.1a No): 2.1b and the deviations chain are not
  // asked; assessors unaware of the trial (4.3a No): nor are 4.3b–4.5.
  for (const id of ['d2ac_1b', 'd2ac_3', 'd4c_3b', 'd4c_4', 'd4c_5'])
    assert.equal(await checklistItem(page, id).getAttribute('data-reached'), 'false', id);
  assert.match(await text(page, 'judgement-d1b'), /Some concerns/);
  assert.match(await text(page, 'judgement-d1a'), /Low/);
  assert.equal(await text(page, 'checklist-rating'), 'Some concerns');
  assert.equal(await text(page, 'checklist-progress'), '19/19');
  assert.match(await text(page, 'summary-judgement-d1b'), /Some concerns/);
  // The summary speaks RoB 2: no AMSTAR 2 flaws.
  assert.equal(await page.getByTestId('critical-flaws').count(), 0);
  await page.getByTestId('mark-complete').click();
  assert.equal(await text(page, 'checklist-status'), 'Finalized');

  // The cross-over trial: sequences of unequal size (S.1 No) opens S.2; too short a washout for
  // carryover to disappear before the second period's assessment (S.3 No) makes domain S High.
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await startRob2(page, 'Cross-over trial');
  const crossover = { ...ROB2_CROSSOVER_ALL_LOW, ds_1: 'N', ds_2: 'Y', ds_3: 'N' };
  await answerAll(page, { p_design: 'crossover' });
  await page.getByTestId('section-ds').waitFor();
  assert.equal(await page.getByTestId('section-d1b').count(), 0);
  assert.equal(await text(page, 'tool-release'), `Judgements follow ${ROB2_CROSSOVER_RELEASE}`);
  assert.equal(await checklistItem(page, 'ds_2').getAttribute('data-reached'), 'false');
  await answerAll(page, crossover);
  assert.equal(await checklistItem(page, 'ds_2').getAttribute('data-reached'), 'true');
  assert.match(await text(page, 'judgement-ds'), /High/);
  assert.match(await text(page, 'judgement-d1'), /Low/);
  assert.equal(await text(page, 'checklist-rating'), 'High');
  await page.getByTestId('mark-complete').click();
  assert.equal(await text(page, 'checklist-status'), 'Finalized');

  // Results: domain 1b and domain S have columns; each applies to one design only.
  await page.goto(`${baseUrl()}/projects/${projectId}/results`);
  const rows = page.getByTestId('results-ROB2').getByTestId('results-row');
  await rows.nth(1).waitFor();
  const cells = async (title: string) => {
    const row = rows.filter({ hasText: title });
    const out: Record<string, string> = {};
    for (const key of ['D1', 'D1b', 'DS', 'D2', 'overall'])
      out[key] = ((await row.locator(`[data-column="${key}"]`).textContent()) ?? '').trim();
    return out;
  };
  assert.deepEqual(await cells('Cluster trial'), {
    D1: 'Low',
    D1b: 'Some concerns',
    DS: 'Not applicable',
    D2: 'Low',
    overall: 'Some concerns',
  });
  assert.deepEqual(await cells('Cross-over trial'), {
    D1: 'Low',
    D1b: 'Not applicable',
    DS: 'High',
    D2: 'Low',
    overall: 'High',
  });

  // The server's CSV export: the D1 copy is written within about 2 s of the last change.
  let csv: string[][];
  const start = Date.now();
  for (;;) {
    const res = await fetch(`${baseUrl()}/api/projects/${projectId}/export.csv`, {
      headers: { Cookie: owner.cookie },
    });
    assert.equal(res.status, 200);
    csv = parseCsv(await res.text());
    if (csv.filter((r) => r[EXPORT_COLUMNS.indexOf('record')] === 'overall').length === 2) break;
    if (Date.now() - start > 30_000) throw new Error('the export never held both results');
    await new Promise((r) => setTimeout(r, 500));
  }
  const col = (r: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
    r[EXPORT_COLUMNS.indexOf(name)];
  const domainRows = (title: string) =>
    csv
      .filter((r) => col(r, 'study_title') === title && col(r, 'record') === 'domain')
      .map((r) => `${col(r, 'section')}:${col(r, 'value')}`);
  assert.deepEqual(domainRows('Cluster trial'), [
    'd1a:low',
    'd1b:some-concerns',
    'd2ac:low',
    'd3c:low',
    'd4c:low',
    'd5:low',
  ]);
  assert.deepEqual(domainRows('Cross-over trial'), [
    'd1:low',
    'ds:high',
    'd2a:low',
    'd3:low',
    'd4:low',
    'd5:low',
  ]);
  const versions = new Set(
    csv.slice(1).map((r) => `${col(r, 'study_title')}: ${col(r, 'tool_version')}`),
  );
  assert.deepEqual(
    [...versions],
    [`Cluster trial: ${ROB2_CLUSTER_RELEASE}`, `Cross-over trial: ${ROB2_CROSSOVER_RELEASE}`],
  );
});
