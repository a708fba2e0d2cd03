// Issue 16 (agreement) in a real browser: a project whose two reviewers completed six RoB 2
// appraisals with known judgements shows the expected percent agreement, κ with its 95% CI and
// linearly weighted κ per domain; the reconciliation of an appraisal where one reviewer answered
// "Not applicable" to questions the other correctly left unreached counts no disagreement; a
// project without completed pairs says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChecklistAnswers } from '@corates/shared';
import { ROB2_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';
import {
  addOutcome,
  addStudy,
  assignReviewers,
  createChecklist,
  markComplete,
  setAnswer,
} from '@corates/shared/doc';
import { apiJson } from './support/api.ts';
import { baseUrl } from './support/browser.ts';
import { signedInPages } from './support/signed-in-pages.ts';
import { type Person, projectWith, signUp } from './support/collab.ts';
import { connectDoc, until, untilOnServer, writeChecklistContent } from './support/doc-client.ts';

const { openAs } = signedInPages();

/** Domain 1 Some concerns (1.3: baseline imbalance), every other domain Low. */
const SOME_CONCERNS = { ...ROB2_ALL_LOW, d1_3: 'Y' };

/** All Low, with "Not applicable" on each question the answers do not ask (2.3–2.5, 2.7, 3.2–3.4, 4.4–4.5). */
const ALL_LOW_WITH_NA = {
  ...ROB2_ALL_LOW,
  ...Object.fromEntries(
    ['d2a_3', 'd2a_4', 'd2a_5', 'd2a_7', 'd3_2', 'd3_3', 'd3_4', 'd4_4', 'd4_5'].map((id) => [
      id,
      'NA',
    ]),
  ),
};

// Ada's and Bo's judgements of domain 1 (and so overall): L L SC H L SC against L L SC H SC H.
// Worked by hand: pₒ = 4/6; marginals Ada (3, 2, 1), Bo (2, 2, 2); pₑ = 12/36 = 1/3;
// κ = (2/3 − 1/3)/(1 − 1/3) = 0.50. Linear weights (1, ½, 0): pₒ = 5/6, pₑ = 20/36, κw = 0.625.
// 95% CIs from the Fleiss–Cohen–Everitt standard errors (0.2732 and 0.2165, computed
// independently of the app): κ −0.04 to 1.04, κw 0.20 to 1.05, both clipped at 1.
const TRIALS: [string, ChecklistAnswers, ChecklistAnswers][] = [
  ['Trial 1', ALL_LOW_WITH_NA, ROB2_ALL_LOW],
  ['Trial 2', ROB2_ALL_LOW, ROB2_ALL_LOW],
  ['Trial 3', SOME_CONCERNS, SOME_CONCERNS],
  ['Trial 4', ROB2_HIGH, ROB2_HIGH],
  ['Trial 5', ROB2_ALL_LOW, SOME_CONCERNS],
  ['Trial 6', SOME_CONCERNS, ROB2_HIGH],
];

test('agreement per domain across a project, and per reconciliation without unreached "disagreements"', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const projectId = await projectWith(owner, 'Agreement', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const outcomeId = addOutcome(seed.doc, { name: 'Mortality' }, owner.id);
  // Each reviewer writes their own checklist's document; the headers are in the project's.
  const complete = async (studyId: string, reviewer: Person, answers: ChecklistAnswers) => {
    const id = createChecklist(seed.doc, {
      studyId,
      type: 'ROB2',
      reviewerId: reviewer.id,
      outcomeId,
    });
    await writeChecklistContent(projectId, reviewer.cookie, id, (content) => {
      for (const [itemId, value] of Object.entries(answers))
        setAnswer(seed.doc, id, content, itemId, value);
      markComplete(seed.doc, id, content, 2);
    });
  };
  const studyIds: string[] = [];
  for (const [title, a, b] of TRIALS) {
    const studyId = addStudy(
      seed.doc,
      { title, authors: '', year: 2024, journal: '', doi: '' },
      owner.id,
    );
    assignReviewers(seed.doc, studyId, ada.id, bo.id);
    await complete(studyId, ada, a);
    await complete(studyId, bo, b);
    studyIds.push(studyId);
  }
  // A seventh trial Bo has not finished: not compared.
  const unfinished = addStudy(
    seed.doc,
    { title: 'Trial 7', authors: '', year: 2024, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, unfinished, ada.id, bo.id);
  await complete(unfinished, ada, ROB2_HIGH);
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('checklists').size === 13,
    'the seeded checklists',
  );
  seed.close();

  // From the project page to its agreement view.
  const page = await openAs(owner, `/projects/${projectId}`);
  await page.getByTestId('agreement-link').click();
  const rob2 = page.getByTestId('agreement-ROB2');
  await rob2.waitFor();
  assert.equal(
    await rob2.getByTestId('appraisals').textContent(),
    '6 appraisals completed by both reviewers',
  );
  const row = (key: string) => rob2.locator(`[data-testid="agreement-row"][data-key="${key}"]`);
  const figure = async (key: string, name: string) =>
    (await row(key).locator(`[data-figure="${name}"]`).textContent())?.trim();
  for (const key of ['D1', 'overall']) {
    assert.equal(await figure(key, 'n'), '6');
    assert.equal(await figure(key, 'percent'), '4 (67%)');
    assert.equal(await row(key).getByTestId('kappa-value').textContent(), '0.50');
    assert.equal(await row(key).getByTestId('kappa-note').textContent(), '95% CI −0.04 to 1.00');
    assert.equal(await row(key).getByTestId('weighted-value').textContent(), '0.63');
    assert.equal(await row(key).getByTestId('weighted-note').textContent(), '95% CI 0.20 to 1.00');
  }
  // Domains 2–5: everyone said Low. 100% agreement, and κ is a dash with the reason, not NaN.
  for (const key of ['D2', 'D3', 'D4', 'D5']) {
    assert.equal(await figure(key, 'percent'), '6 (100%)');
    assert.equal(await row(key).getByTestId('kappa-value').textContent(), '—');
    assert.match((await row(key).getByTestId('kappa-note').textContent()) ?? '', /same/);
  }
  assert.equal(await rob2.locator('[data-testid="agreement-row"]').count(), 6);
  // Signalling questions: 1.3 differs in trials 5 and 6, 1.2 in trial 6 — 87 of 90 alike; Ada's
  // "Not applicable" answers in trial 1 are on questions neither is asked.
  assert.equal(await rob2.getByTestId('items-agreement').textContent(), '87 of 90 (97%)');
  assert.match(
    (await page.getByTestId('agreement-explanations').textContent()) ?? '',
    /Cohen's κ.*Weighted κ.*linear weights/s,
  );
  assert.equal(await page.locator('text=NaN').count(), 0);

  // Trial 1's reconciliation: Ada's nine "Not applicable" answers are not disagreements.
  await page.goto(`${baseUrl()}/projects/${projectId}/reconcile/${studyIds[0]}/ROB2/${outcomeId}`);
  await page.getByTestId('checklist-agreement').waitFor();
  assert.equal(await page.getByTestId('agreements').textContent(), '15');
  assert.equal(await page.getByTestId('disagreements').textContent(), '0');
  assert.equal(await page.getByTestId('agreement-rate').textContent(), '100%');
  assert.equal(await page.getByTestId('domain-agreement').textContent(), '5 of 5 (100%)');
  assert.equal(await page.getByTestId('overall-agreement').textContent(), 'the same');
  assert.equal(await page.locator('[data-testid="reconcile-row"][data-agree="false"]').count(), 0);

  // Trial 6's: domain 1 differs (Some concerns against High), the other four are the same.
  await page.goto(`${baseUrl()}/projects/${projectId}/reconcile/${studyIds[5]}/ROB2/${outcomeId}`);
  await page.getByTestId('checklist-agreement').waitFor();
  assert.equal(await page.getByTestId('disagreements').textContent(), '2');
  assert.equal(await page.getByTestId('domain-agreement').textContent(), '4 of 5 (80%)');
  assert.equal(await page.getByTestId('overall-agreement').textContent(), 'different');

  // A project where no appraisal has two completed checklists yet says so.
  const empty = await apiJson<{ id: string }>('POST', '/api/projects', owner.cookie, {
    name: 'Nothing compared yet',
  });
  await page.goto(`${baseUrl()}/projects/${empty.id}/agreement`);
  await page.getByTestId('agreement-empty').waitFor();
  assert.match(
    (await page.getByTestId('agreement-empty').textContent()) ?? '',
    /No study has two completed checklists yet/,
  );
});
