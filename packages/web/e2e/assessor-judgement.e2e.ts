// Issue 16 (assessor judgement, justification trail, reopening) in a real browser: a reviewer
// overrides a suggested domain judgement with a reason, writes the domain's support for judgement
// and raises the overall judgement, and all of it is in the CSV export beside the suggestions; a
// reconciler takes reviewers' notes with their answers, their support texts and an override with
// its reason into the reconciled checklist, which the export carries; an owner (only) reopens a
// finalized reconciliation with a reason that its history shows; an override the answers have
// moved away from holds Mark complete and Finalize back until confirmed again or cleared.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as Y from 'yjs';
import { EXPORT_COLUMNS } from '@corates/shared';
import { parseCsv, ROB2_ALL_LOW } from '@corates/shared/testing';
import {
  addOutcome,
  addStudy,
  assignReviewers,
  createChecklist,
  finalizeReconciliation,
  markComplete,
  noteText,
  readChecklist,
  readChecklistContent,
  reconciledChecklistId,
  setAnswer,
  setDomainJudgement,
  startReconciliation,
  supportText,
} from '@corates/shared/doc';
import { baseUrl } from './support/browser.ts';
import { signedInPages } from './support/signed-in-pages.ts';
import { type Person, projectWith, signUp } from './support/collab.ts';
import {
  connectDoc,
  fetchChecklistDoc,
  pushChecklistDoc,
  readServerDoc,
  until,
  untilServerHas,
} from './support/doc-client.ts';

const { openAs } = signedInPages();

type Column = (typeof EXPORT_COLUMNS)[number];
const col = (row: string[], name: Column) => row[EXPORT_COLUMNS.indexOf(name)] ?? '';

/**
 * The export's rows once `ready` holds for them: the server reads the copy of the document the
 * relay writes to D1 within about 2 s of a change.
 */
async function exportWhen(
  projectId: string,
  person: Person,
  query: string,
  ready: (rows: string[][]) => boolean,
): Promise<string[][]> {
  const start = Date.now();
  for (;;) {
    const res = await fetch(`${baseUrl()}/api/projects/${projectId}/export.csv${query}`, {
      headers: { Cookie: person.cookie },
    });
    assert.equal(res.status, 200);
    const rows = parseCsv(await res.text()).slice(1);
    if (ready(rows)) return rows;
    if (Date.now() - start > 30_000) throw new Error('the export never held what was expected');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A project with one RoB 2 appraisal of "Trial A" for Mortality, its reviewers assigned. */
async function seededProject(
  owner: Person,
  name: string,
  members: Person[],
  reviewers: [Person, Person | null],
) {
  const projectId = await projectWith(
    owner,
    name,
    members.map((person) => ({ person, role: 'editor' as const })),
  );
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const outcomeId = addOutcome(seed.doc, { name: 'Mortality' }, owner.id);
  const studyId = addStudy(
    seed.doc,
    { title: 'Trial A', authors: 'Lee, J', year: 2021, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, studyId, reviewers[0].id, reviewers[1]?.id ?? null);
  return { projectId, outcomeId, studyId, seed };
}

/** Domains 1 (1.1 N) and 5 (5.1 N) with some concerns by the algorithm; the rest Low. */
const TWO_SOME_CONCERNS = { ...ROB2_ALL_LOW, d1_1: 'N', d5_1: 'N' };

test('an override with a reason, support for judgement and a raised overall judgement show in the export', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const { projectId, outcomeId, studyId, seed } = await seededProject(
    owner,
    'Overrides',
    [ada],
    [ada, null],
  );
  const id = createChecklist(seed.doc, { studyId, type: 'ROB2', reviewerId: ada.id, outcomeId });
  const content = new Y.Doc();
  for (const [item, value] of Object.entries(TWO_SOME_CONCERNS))
    setAnswer(seed.doc, id, content, item, value);
  await pushChecklistDoc(projectId, ada.cookie, id, content);
  await untilServerHas(projectId, owner.cookie, seed.doc);
  seed.close();

  const page = await openAs(ada, `/projects/${projectId}/checklists/${encodeURIComponent(id)}`);
  const d3 = page.getByTestId('assessor-d3');
  await d3.waitFor();
  // Every domain shows the algorithm's suggestion; the section head shows the final judgement.
  assert.equal(await page.getByTestId('suggested-d3').textContent(), 'Low');
  assert.equal(await page.getByTestId('suggested-d1').textContent(), 'Some concerns');

  // An override needs a reason: saving without one is refused, in words, and changes nothing.
  await page.getByTestId('override-open-d3').click();
  await page.getByTestId('assessor-judgement-d3').selectOption('some-concerns');
  await page.getByTestId('assessor-save-d3').click();
  await d3.getByRole('alert').filter({ hasText: 'Give a reason for this judgement' }).waitFor();
  assert.equal(await d3.getAttribute('data-state'), 'none');
  const reason = 'Reasons for missing outcome data differ between arms (CONSORT flow)';
  await page.getByTestId('assessor-reason-d3').fill(reason);
  await page.getByTestId('assessor-save-d3').click();
  await page.getByTestId('override-d3').waitFor();
  assert.equal(await d3.getAttribute('data-state'), 'applies');
  assert.equal(await page.getByTestId('override-d3').textContent(), 'Some concerns');
  assert.equal(await page.getByTestId('suggested-d3').textContent(), 'Low');
  assert.match((await page.getByTestId('judgement-d3').textContent()) ?? '', /Some concerns/);
  assert.equal(await page.getByTestId('override-reason-d3').textContent(), `Reason: ${reason}`);
  await page
    .getByTestId('note-support-d3')
    .fill('12 of 150 participants lost to follow-up; reasons listed in the appendix');

  // Three domains with some concerns: the tool lets the assessor raise the overall judgement.
  assert.equal(await page.getByTestId('suggested-overall').textContent(), 'Some concerns');
  await page.getByTestId('raise-open').click();
  await page.getByTestId('assessor-reason-overall').fill('Concerns in three domains together');
  await page.getByTestId('assessor-save-overall').click();
  await page.getByTestId('raise-reason').waitFor();
  assert.equal(await page.getByTestId('final-overall').textContent(), 'High');
  assert.equal(
    await page.getByTestId('checklist-rating').textContent(),
    'High (raised from Some concerns)',
  );
  await page.getByTestId('mark-complete').click();
  assert.equal(await page.getByTestId('checklist-status').textContent(), 'Finalized');
  await page.getByTestId('history-entry').filter({ hasText: 'Finalized by' }).waitFor();

  // The export: final judgement in value, the suggestion beside it, the reason, the support.
  const rows = await exportWhen(projectId, owner, '', (r) =>
    r.some((x) => col(x, 'record') === 'overall' && col(x, 'value') === 'high'),
  );
  const judgementRows = rows
    .filter((r) => col(r, 'record') !== 'answer')
    .map((r) => [
      col(r, 'section'),
      col(r, 'value'),
      col(r, 'suggested_value'),
      col(r, 'judgement_reason'),
      col(r, 'comment'),
    ]);
  assert.deepEqual(judgementRows, [
    ['d1', 'some-concerns', 'some-concerns', '', ''],
    ['d2a', 'low', 'low', '', ''],
    [
      'd3',
      'some-concerns',
      'low',
      reason,
      '12 of 150 participants lost to follow-up; reasons listed in the appendix',
    ],
    ['d4', 'low', 'low', '', ''],
    ['d5', 'some-concerns', 'some-concerns', '', ''],
    ['', 'high', 'some-concerns', 'Concerns in three domains together', ''],
  ]);

  // The results table shows the final judgements too.
  await page.goto(`${baseUrl()}/projects/${projectId}/results`);
  const resultRow = page.getByTestId('results-ROB2').getByTestId('results-row');
  await resultRow.waitFor();
  assert.equal(await resultRow.locator('[data-column="D3"]').textContent(), 'Some concerns');
  assert.equal(await resultRow.locator('[data-column="overall"]').textContent(), 'High');
});

test('a reconciliation carrying the reviewers’ notes, support texts and an override with its reason', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const cy = await signUp('Cy');
  const { projectId, outcomeId, studyId, seed } = await seededProject(
    owner,
    'Justifications',
    [ada, bo, cy],
    [ada, bo],
  );
  const ids = [ada, bo].map((reviewer) =>
    createChecklist(seed.doc, { studyId, type: 'ROB2', reviewerId: reviewer.id, outcomeId }),
  ) as [string, string];
  const [adas, bos] = [new Y.Doc(), new Y.Doc()];
  // Ada: all Low; Bo: 1.3 Yes (baseline imbalance: domain 1 Some concerns), with a note.
  for (const [item, value] of Object.entries(ROB2_ALL_LOW))
    setAnswer(seed.doc, ids[0], adas, item, value);
  for (const [item, value] of Object.entries({ ...ROB2_ALL_LOW, d1_3: 'Y' }))
    setAnswer(seed.doc, ids[1], bos, item, value);
  noteText(bos, 'd1_3').insert(0, 'Age differs by 6 years (Table 1)');
  noteText(adas, 'd4_1').insert(0, 'Blinded assessors, p. 5');
  supportText(adas, 'd1').insert(0, 'Central web randomisation');
  supportText(bos, 'd1').insert(0, 'Imbalance in age at baseline');
  // Bo judges domain 4 with some concerns although the answers suggest Low.
  setDomainJudgement(seed.doc, ids[1], bos, 'd4', {
    judgement: 'some-concerns',
    reason: 'Outcome is patient-reported; blinding of patients doubtful',
    by: bo.id,
  });
  markComplete(seed.doc, ids[0], adas, 2, ada.id);
  markComplete(seed.doc, ids[1], bos, 2, bo.id);
  await pushChecklistDoc(projectId, ada.cookie, ids[0], adas);
  await pushChecklistDoc(projectId, bo.cookie, ids[1], bos);
  await untilServerHas(projectId, owner.cookie, seed.doc);
  seed.close();

  const page = await openAs(
    cy,
    `/projects/${projectId}/reconcile/${studyId}/ROB2/${encodeURIComponent(outcomeId)}`,
  );
  await page.getByTestId('start-reconciling').click();
  await page.getByTestId('reconciled-status').waitFor();
  const row = (itemId: string) =>
    page.locator(`[data-testid="reconcile-row"][data-item-id="${itemId}"]`);

  // Finalize waits for every question the reconciled answers ask, and links to the missing one;
  // a question they do not ask (2.3, after 2.1 and 2.2 No) is greyed and needs no answer.
  assert.equal(await page.getByTestId('finalize').isDisabled(), true);
  const missing = page.getByTestId('finalize-unanswered');
  assert.match((await missing.textContent()) ?? '', /1 question unanswered: 1\.3/);
  await missing.getByRole('link', { name: 'Question 1.3' }).click();
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest('[id^="item-"]')?.id),
    'item-d1_3',
  );
  assert.equal(await row('d2a_3').getByTestId('item-unreached').count(), 1);
  assert.equal(await row('d2a_1').getByTestId('item-unreached').count(), 0);
  // 1.3: Bo's answer with Bo's note.
  await row('d1_3').getByTestId('use-2-with-note').click();
  await row('d1_3').locator('input[value="Y"]:checked').waitFor();
  await missing.waitFor({ state: 'detached' });
  assert.equal(
    await page.getByTestId('note-d1_3').inputValue(),
    'Age differs by 6 years (Table 1)',
  );
  assert.equal(await row('d1_3').getByTestId('use-2-with-note').count(), 0);
  // 4.1: both answered alike; Ada's note is taken on its own.
  await row('d4_1').getByTestId('take-note-1').click();
  assert.equal(await page.getByTestId('note-d4_1').inputValue(), 'Blinded assessors, p. 5');

  // Domain 1: both reviewers' support texts, the second after the first.
  const d1 = page.getByTestId('reconcile-domain-d1');
  await d1.getByTestId('take-support-1').click();
  await d1.getByTestId('take-support-2').click();
  assert.equal(
    await page.getByTestId('note-support-d1').inputValue(),
    'Central web randomisation\n\nImbalance in age at baseline',
  );
  await d1.getByTestId('take-support-1').waitFor({ state: 'detached' });
  // Domain 4: Bo's override and its reason.
  const d4 = page.getByTestId('reconcile-domain-d4');
  assert.match(
    (await d4.getByTestId('domain-override-2').textContent()) ?? '',
    /overrides the suggested Low: “Outcome is patient-reported/,
  );
  await d4.getByTestId('take-judgement-2').click();
  await page.getByTestId('override-d4').waitFor();
  assert.equal(await page.getByTestId('suggested-d4').textContent(), 'Low');
  assert.equal(await page.getByTestId('override-d4').textContent(), 'Some concerns');
  await page.getByTestId('finalize').click();
  await page.getByTestId('reconciled-status').filter({ hasText: 'Finalized' }).waitFor();

  // The reconciled checklist carries them, and so does the export.
  const reconciledId = reconciledChecklistId(studyId, 'ROB2', outcomeId);
  const rows = await exportWhen(projectId, owner, '', (r) =>
    r.some((x) => col(x, 'checklist_id') === reconciledId && col(x, 'record') === 'overall'),
  );
  const of = (section: string, record: string, item = '') =>
    rows.find(
      (r) =>
        col(r, 'section') === section && col(r, 'record') === record && col(r, 'item') === item,
    )!;
  assert.deepEqual(
    [col(of('d1', 'answer', '1.3'), 'value'), col(of('d1', 'answer', '1.3'), 'comment')],
    ['Y', 'Age differs by 6 years (Table 1)'],
  );
  assert.equal(col(of('d4', 'answer', '4.1'), 'comment'), 'Blinded assessors, p. 5');
  assert.equal(
    col(of('d1', 'domain'), 'comment'),
    'Central web randomisation\n\nImbalance in age at baseline',
  );
  const d4Row = of('d4', 'domain');
  assert.deepEqual(
    [col(d4Row, 'value'), col(d4Row, 'suggested_value'), col(d4Row, 'judgement_reason')],
    ['some-concerns', 'low', 'Outcome is patient-reported; blinding of patients doubtful'],
  );
  // Each reviewer's own support text and override stay on their rows (checklists=all).
  const all = await exportWhen(projectId, owner, '?checklists=all', (r) => r.length > 0);
  const reviewerD4 = all.find(
    (r) =>
      col(r, 'checklist_id') === ids[1] &&
      col(r, 'record') === 'domain' &&
      col(r, 'section') === 'd4',
  )!;
  assert.equal(
    col(reviewerD4, 'judgement_reason'),
    'Outcome is patient-reported; blinding of patients doubtful',
  );
});

test('an owner reopens a finalized reconciliation with a reason, which its history shows; an editor cannot', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const { projectId, outcomeId, studyId, seed } = await seededProject(
    owner,
    'Reopening',
    [ada, bo],
    [ada, bo],
  );
  const ids = [ada, bo].map((reviewer) => {
    const id = createChecklist(seed.doc, {
      studyId,
      type: 'ROB2',
      reviewerId: reviewer.id,
      outcomeId,
    });
    const content = new Y.Doc();
    for (const [item, value] of Object.entries(ROB2_ALL_LOW))
      setAnswer(seed.doc, id, content, item, value);
    markComplete(seed.doc, id, content, 2, reviewer.id);
    return { id, content, reviewer };
  });
  for (const r of ids) await pushChecklistDoc(projectId, r.reviewer.cookie, r.id, r.content);
  const target = new Y.Doc();
  const reconciledId = startReconciliation(seed.doc, ids[0]!, ids[1]!, target);
  finalizeReconciliation(seed.doc, reconciledId, ada.id);
  await pushChecklistDoc(projectId, ada.cookie, reconciledId, target);
  await untilServerHas(projectId, owner.cookie, seed.doc);
  seed.close();
  const path = `/projects/${projectId}/reconcile/${studyId}/ROB2/${encodeURIComponent(outcomeId)}`;

  // An editor is told who can reopen it.
  const boPage = await openAs(bo, path);
  await boPage.getByTestId('reopen-owner-only').waitFor();
  assert.equal(await boPage.getByTestId('reopen-reconciliation').count(), 0);

  // The owner: a reason is required.
  const page = await openAs(owner, path);
  await page.getByTestId('reopen-reconciliation').click();
  await page.getByTestId('reopen-confirm').click();
  await page
    .getByTestId('reopen-form')
    .getByRole('alert')
    .filter({ hasText: 'Say why the reconciliation is reopened' })
    .waitFor();
  assert.equal(await page.getByTestId('reconciled-status').textContent(), 'Finalized');
  const why = 'Reviewer 2 reported a protocol deviation after finalizing';
  await page.getByTestId('reopen-reason').fill(why);
  await page.getByTestId('reopen-confirm').click();
  await page.getByTestId('reconciled-status').filter({ hasText: 'Reconciling' }).waitFor();
  const reopened = page.getByTestId('history-entry').filter({ hasText: 'Reopened by' });
  await reopened.waitFor();
  assert.match((await reopened.textContent()) ?? '', /^Reopened by Olga \(you\), .+ — Reviewer 2/);
  assert.equal(await reopened.getByTestId('history-reason').textContent(), why);
  // The editor's page follows live: the reconciliation can be finalized again by an editor.
  await boPage.getByTestId('reconciled-status').filter({ hasText: 'Reconciling' }).waitFor();
  await boPage.getByTestId('finalize').waitFor();

  // The history is on the checklist itself, as stored.
  const history = await readServerDoc(projectId, owner.cookie, (d) =>
    readChecklist(d, reconciledId)?.history?.map((e) => [e.event, e.by, e.reason ?? '']),
  );
  assert.deepEqual(history, [
    ['finalized', ada.id, ''],
    ['reopened', owner.id, why],
  ]);
  // And on the reconciled checklist's own page.
  await page.goto(
    `${baseUrl()}/projects/${projectId}/checklists/${encodeURIComponent(reconciledId)}`,
  );
  await page.getByTestId('history-reason').filter({ hasText: why }).waitFor();
});

test('an override the answers have moved away from holds Mark complete and Finalize back until it is confirmed again or cleared', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const { projectId, outcomeId, studyId, seed } = await seededProject(
    owner,
    'Stale overrides',
    [ada, bo],
    [ada, bo],
  );
  const reason = 'Allocation sequence was predictable (alternation by weekday)';
  // Ada: every domain Low by the answers; she judged domain 1 High, against the suggestion Low.
  const id = createChecklist(seed.doc, { studyId, type: 'ROB2', reviewerId: ada.id, outcomeId });
  const adas = new Y.Doc();
  for (const [item, value] of Object.entries(ROB2_ALL_LOW))
    setAnswer(seed.doc, id, adas, item, value);
  setDomainJudgement(seed.doc, id, adas, 'd1', { judgement: 'high', reason, by: ada.id });
  await pushChecklistDoc(projectId, ada.cookie, id, adas);
  await untilServerHas(projectId, owner.cookie, seed.doc);

  const page = await openAs(ada, `/projects/${projectId}/checklists/${encodeURIComponent(id)}`);
  const d1 = page.getByTestId('assessor-d1');
  await d1.waitFor();
  assert.equal(await d1.getAttribute('data-state'), 'applies');
  assert.equal(await page.getByTestId('mark-complete').isDisabled(), false);

  // 1.3 Yes (baseline imbalance): the algorithm now suggests Some concerns, so the override made
  // against Low no longer applies — and Mark complete says it waits for it.
  await page.locator('#item-d1_3 input[value="Y"]').check();
  await page.getByTestId('suggested-d1').filter({ hasText: 'Some concerns' }).waitFor();
  assert.equal(await d1.getAttribute('data-state'), 'stale');
  assert.equal(
    await page.getByTestId('override-stale-d1').textContent(),
    'High was given when the suggestion was Low; the answers now suggest Some concerns, so the suggestion stands. Until you confirm it again or clear it, the checklist cannot be completed.',
  );
  assert.equal(await page.getByTestId('mark-complete').isDisabled(), true);
  const waiting = page.getByTestId('unanswered');
  assert.equal(
    await waiting.getByTestId('stale-judgements').textContent(),
    '1 assessor judgement to confirm again or clear: Domain 1',
  );
  assert.match(
    (await waiting.textContent()) ?? '',
    /Confirm again or clear each assessor judgement given against another suggestion/,
  );
  // The link moves focus to the control that settles it.
  await waiting
    .getByRole('link', {
      name: 'Override of 1. Bias arising from the randomisation process, given against another suggestion',
    })
    .click();
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'override-reconfirm-d1',
  );
  // One click gives it again, with its reason, against the suggestion now.
  assert.equal(await page.getByTestId('override-reconfirm-d1').textContent(), 'Confirm High again');
  await page.getByTestId('override-reconfirm-d1').click();
  await page.locator('[data-testid="assessor-d1"][data-state="applies"]').waitFor();
  assert.equal(await page.getByTestId('override-reason-d1').textContent(), `Reason: ${reason}`);
  await waiting.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('mark-complete').isDisabled(), false);
  await page.getByTestId('mark-complete').click();
  await page.getByTestId('checklist-status').filter({ hasText: 'Completed' }).waitFor();
  assert.deepEqual(
    await readServerDoc(
      projectId,
      owner.cookie,
      (d) => {
        const j = readChecklistContent(d).judgements.d1;
        return j && [j.judgement, j.suggested, j.reason];
      },
      id,
    ),
    ['high', 'some-concerns', reason],
  );

  // The reconcile page's Finalize waits the same way; here the reconciler clears the override.
  const other = createChecklist(seed.doc, {
    studyId,
    type: 'ROB2',
    reviewerId: bo.id,
    outcomeId,
  });
  const bos = new Y.Doc();
  for (const [item, value] of Object.entries(ROB2_ALL_LOW))
    setAnswer(seed.doc, other, bos, item, value);
  markComplete(seed.doc, other, bos, 2, bo.id);
  await pushChecklistDoc(projectId, bo.cookie, other, bos);
  await until(
    () => readChecklist(seed.doc, id)?.status === 'reviewer-completed',
    'Ada’s completion',
  );
  const adaDone = await fetchChecklistDoc(projectId, owner.cookie, id);
  const target = new Y.Doc();
  const reconciledId = startReconciliation(
    seed.doc,
    { id, content: adaDone },
    { id: other, content: bos },
    target,
  );
  setAnswer(seed.doc, reconciledId, target, 'd1_3', 'N');
  setDomainJudgement(seed.doc, reconciledId, target, 'd1', {
    judgement: 'high',
    reason,
    by: bo.id,
  });
  setAnswer(seed.doc, reconciledId, target, 'd1_3', 'Y');
  await pushChecklistDoc(projectId, bo.cookie, reconciledId, target);
  await untilServerHas(projectId, owner.cookie, seed.doc);
  seed.close();

  const reconcile = await openAs(
    bo,
    `/projects/${projectId}/reconcile/${studyId}/ROB2/${encodeURIComponent(outcomeId)}`,
  );
  const finalize = reconcile.getByTestId('finalize');
  await finalize.waitFor();
  assert.equal(await finalize.isDisabled(), true);
  const blocked = reconcile.getByTestId('finalize-unanswered');
  assert.equal(
    await blocked.getByTestId('stale-judgements').textContent(),
    '1 assessor judgement to confirm again or clear: Domain 1',
  );
  assert.equal(await reconcile.locator('#judgement-d1').getAttribute('data-state'), 'stale');
  await reconcile
    .getByTestId('override-withdraw-d1')
    .filter({ hasText: 'Clear the override' })
    .click();
  await blocked.waitFor({ state: 'detached' });
  assert.equal(await finalize.isDisabled(), false);
  await finalize.click();
  await reconcile.getByTestId('reconciled-status').filter({ hasText: 'Finalized' }).waitFor();
});
