// Issue 20 ("the wrong tool is offered") in a real browser: a study's design decides which
// appraisal tool is offered first, with the reason. A cluster-randomised trial is offered RoB 2
// first, and the checklist started from it (by keyboard) opens on RoB 2 for cluster-randomised
// trials; a systematic review is offered AMSTAR 2 first; the add-study form records a design.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ROB2_CLUSTER_RELEASE } from '@corates/shared';
import { addOutcome, addStudy, assignReviewers, readStudies } from '@corates/shared/doc';
import { checklistItem, signedInPages, studyRow } from './support/signed-in-pages.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, readServerDoc, until, untilOnServer } from './support/doc-client.ts';

const { openAs } = signedInPages();

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

/** The study's "Start an appraisal" group, by its accessible name. */
const startGroup = (page: Page, title: string) =>
  studyRow(page, title).getByRole('group', { name: `Start an appraisal of ${title}` });

/** The text an element's aria-describedby points at, as a screen reader would read it. */
const description = (locator: Locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );

test('the tool offered first follows the study design, with the reason', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const projectId = await projectWith(owner, 'Study designs', [{ person: ada, role: 'editor' }]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  for (const title of ['Cluster trial', 'Umbrella review']) {
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

  const page = await openAs(ada, `/projects/${projectId}`);
  const trial = studyRow(page, 'Cluster trial');
  const trialStart = startGroup(page, 'Cluster trial');
  await trialStart.waitFor();

  // No design yet: every tool, none recommended, and a hint to set the design.
  assert.equal(await trialStart.getByTestId('start-recommended').count(), 0);
  assert.match(await text(trialStart.getByTestId('tool-hint')), /Set the study design/);
  assert.deepEqual(
    await trialStart.getByTestId('appraisal-type').locator('option').allTextContents(),
    ['AMSTAR 2', 'RoB 2', 'ROBINS-I V2'],
  );

  // A cluster-randomised trial: RoB 2 is the first tool offered, with the reason and the
  // pre-answered design said.
  await trial.getByLabel('Study design').selectOption('rct-cluster');
  const recommended = trialStart.getByTestId('start-recommended');
  await recommended.waitFor();
  assert.equal(
    await text(trialStart.getByRole('button').first()),
    'Start RoB 2 appraisal',
    'the first button of the group is the recommended tool',
  );
  assert.equal(
    await text(trialStart.getByTestId('tool-reason')),
    'Recommended for randomised trials (RoB 2 for cluster-randomised trials).',
  );
  assert.match(
    await text(trialStart.getByTestId('tool-preset')),
    /study design answered as “Cluster-randomised parallel-group trial”/,
  );
  assert.match(await description(recommended), /^Recommended for randomised trials/);
  assert.equal(await trialStart.getByTestId('tool-hint').count(), 0);
  // The other tools are still there, behind "Other tools".
  const others = trialStart.getByLabel('Other tools');
  assert.deepEqual(await others.locator('option').allTextContents(), ['AMSTAR 2', 'ROBINS-I V2']);
  assert.equal(await text(trialStart.getByTestId('add-appraisal')), 'Start AMSTAR 2 appraisal');
  await others.selectOption('ROBINS_I');
  assert.equal(await text(trialStart.getByTestId('add-appraisal')), 'Start ROBINS-I V2 appraisal');
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readStudies(d).find((s) => s.title === 'Cluster trial')?.design === 'rct-cluster',
    'the design on the server',
  );

  // Started from the keyboard, the recommended checklist opens on RoB 2 CRT: the design question
  // is answered, so its domains are there without choosing the design first.
  await recommended.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/checklists\//);
  await page.getByTestId('section-d1b').waitFor();
  assert.equal(await page.getByTestId('variant-prompt').count(), 0);
  assert.equal(
    await text(page.getByTestId('tool-release')),
    `Judgements follow ${ROB2_CLUSTER_RELEASE}`,
  );
  assert.equal(
    await checklistItem(page, 'p_design').locator('input[value="cluster"]').isChecked(),
    true,
  );

  // A systematic review: AMSTAR 2 first.
  await page.goBack();
  const review = studyRow(page, 'Umbrella review');
  await review.getByLabel('Study design').selectOption('systematic-review');
  const reviewStart = startGroup(page, 'Umbrella review');
  await reviewStart.getByTestId('start-recommended').waitFor();
  assert.equal(await text(reviewStart.getByRole('button').first()), 'Start AMSTAR 2 appraisal');
  assert.equal(
    await text(reviewStart.getByTestId('tool-reason')),
    'Recommended for systematic reviews.',
  );
  assert.equal(await reviewStart.getByTestId('tool-preset').count(), 0);
  assert.deepEqual(
    await reviewStart.getByLabel('Other tools').locator('option').allTextContents(),
    ['RoB 2', 'ROBINS-I V2'],
  );
  await reviewStart.getByRole('button', { name: 'Start AMSTAR 2 appraisal' }).click();
  await page.waitForURL(/\/checklists\//);
  await page.getByRole('heading', { level: 1, name: 'Umbrella review' }).waitFor();
  await page.getByTestId('checklist-item').first().waitFor();
  assert.equal(await checklistItem(page, 'q16').count(), 1, 'an AMSTAR 2 checklist');

  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('checklists').size === 2,
    'both checklists on the server',
  );
  const checklists = await readServerDoc(projectId, owner.cookie, (d) =>
    [...d.getMap<{ get(k: string): unknown }>('checklists').values()].map((c) => [
      c.get('type'),
      c.get('reviewerId'),
    ]),
  );
  assert.deepEqual(checklists.sort(), [
    ['AMSTAR2', ada.id],
    ['ROB2', ada.id],
  ]);

  // The add-study form records a design with the study.
  await page.goBack();
  await page.getByLabel('Title', { exact: true }).fill('Registry cohort');
  await page.getByTestId('add-study-design').selectOption('nrsi');
  await page.getByTestId('add-study-submit').click();
  const cohort = studyRow(page, 'Registry cohort');
  await cohort.waitFor();
  assert.equal(await cohort.getByLabel('Study design').inputValue(), 'nrsi');
  assert.equal(await page.getByTestId('add-study-design').inputValue(), '', 'the form is reset');
});
