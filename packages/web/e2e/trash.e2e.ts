// Issue 20, "trash and restore": removing started work is safe. Two reviewers start; an editor
// cannot unassign the started one; the owner unassigns her → the warning says what will be lost →
// confirm → she is told in the app; the owner restores it from the trash and every answer and note
// is back ON THE SERVER; removing a study with started checklists goes to the trash and comes back
// whole too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  amstar2Definition,
  type ChecklistItem,
  checklistItems,
  checklistProgress,
} from '@corates/shared';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  readChecklist,
  readChecklistContent,
  readStudy,
  readTrash,
} from '@corates/shared/doc';
import { checklistPath } from '../src/studies/study-row.ts';
import { baseUrl } from './support/browser.ts';
import { projectWith, signUp } from './support/collab.ts';
import {
  connectDoc,
  fetchChecklistDoc,
  readServerDoc,
  until,
  untilOnServer,
} from './support/doc-client.ts';
import { answerAll, signedInPages, studyRow } from './support/signed-in-pages.ts';

const { openAs } = signedInPages();

const QUESTIONS = (checklistItems(amstar2Definition) as ChecklistItem[]).filter(
  (i) => (i.kind ?? 'question') === 'question',
);
const ADA_ANSWERS = Object.fromEntries(
  QUESTIONS.slice(0, 3).map((i) => [i.id, i.options[0]!.value]),
);
const BO_ANSWERS = { [QUESTIONS[0]!.id]: QUESTIONS[0]!.options[1]!.value };
const NOTE_ITEM = QUESTIONS[0]!.id;
const NOTE = 'Ada: allocation concealment unclear (p. 4)';
const TITLE = 'Trash trial';

test('trash and restore', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const eddie = await signUp('Eddie');
  const projectId = await projectWith(owner, 'Trash and restore', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
    { person: eddie, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const studyId = addStudy(
    seed.doc,
    { title: TITLE, authors: 'Lee', year: 2021, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, studyId, ada.id, bo.id);
  const adaChecklist = createChecklist(seed.doc, { studyId, type: 'AMSTAR2', reviewerId: ada.id });
  const boChecklist = createChecklist(seed.doc, { studyId, type: 'AMSTAR2', reviewerId: bo.id });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) =>
      readChecklist(d, adaChecklist) !== undefined && readChecklist(d, boChecklist) !== undefined,
    'the seeded checklist headers',
  );
  seed.close();

  // Both reviewers start in the app: Ada answers three questions and writes a note, Bo one.
  const adaPage = await openAs(ada, checklistPath(projectId, adaChecklist));
  await adaPage.getByTestId('checklist-item').first().waitFor();
  await answerAll(adaPage, ADA_ANSWERS);
  await adaPage.getByTestId(`note-${NOTE_ITEM}`).fill(NOTE);
  await adaPage.getByTestId('checklist-status').filter({ hasText: 'In progress' }).waitFor();
  const boPage = await openAs(bo, checklistPath(projectId, boChecklist));
  await boPage.getByTestId('checklist-item').first().waitFor();
  await answerAll(boPage, BO_ANSWERS);
  await boPage.getByTestId('checklist-status').filter({ hasText: 'In progress' }).waitFor();
  await untilOnServer(
    projectId,
    ada.cookie,
    (d) =>
      Object.keys(readChecklistContent(d).answers).length === 3 &&
      readChecklistContent(d).notes[NOTE_ITEM] === NOTE,
    'Ada’s answers and note on the server',
    30_000,
    adaChecklist,
  );
  // Ada goes back to the project: that is where she is told.
  await adaPage.goto(`${baseUrl()}/projects/${projectId}`);
  await studyRow(adaPage, TITLE).waitFor();

  // An editor cannot unassign the started reviewer, nor remove the study: disabled, with the reason.
  const eddiePage = await openAs(eddie, `/projects/${projectId}`);
  const eddieRow = studyRow(eddiePage, TITLE);
  await eddieRow.getByTestId('reviewer-blocked').first().waitFor();
  assert.equal(await eddieRow.getByTestId('reviewer-1-select').isDisabled(), true);
  assert.match(
    await eddieRow.getByTestId('reviewer-blocked').first().innerText(),
    /only an owner of the project \(or the reviewer themselves\) can remove it/,
  );
  const describedBy = await eddieRow
    .getByTestId('reviewer-1-select')
    .getAttribute('aria-describedby');
  assert.ok(describedBy, 'the disabled select names its explanation');
  assert.equal(
    await eddieRow.getByRole('button', { name: `Remove study “${TITLE}”` }).isDisabled(),
    true,
  );

  // The owner unassigns Ada: the warning says exactly what will be lost.
  const ownerPage = await openAs(owner, `/projects/${projectId}`);
  const ownerRow = studyRow(ownerPage, TITLE);
  await ownerRow.getByTestId('reviewer-1-select').waitFor();
  await ownerRow.getByTestId('reviewer-1-select').selectOption({ value: '' });
  const dialog = ownerPage.getByRole('dialog', { name: 'Unassign this reviewer?' });
  await dialog.waitFor();
  const loss = dialog.getByTestId('removal-loss');
  await loss.waitFor();
  assert.match(
    await loss.innerText(),
    new RegExp(
      `Ada’s AMSTAR 2 checklist, 3 of ${checklistProgress(amstar2Definition, ADA_ANSWERS).total} answered, 1 note`,
    ),
  );
  await dialog.getByRole('button', { name: 'Unassign and move to the trash' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readChecklist(d, adaChecklist) === undefined && readTrash(d).length === 1,
    'Ada’s checklist in the trash on the server',
  );
  assert.equal(
    await readServerDoc(projectId, owner.cookie, (d) => readStudy(d, studyId)?.reviewer1),
    null,
  );

  // Ada is told, and can dismiss it.
  const notice = adaPage.getByTestId('trash-notice');
  await notice
    .filter({ hasText: `Your checklist for “${TITLE}” was moved to the trash by Olga.` })
    .waitFor();
  await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
  await notice.waitFor({ state: 'detached' });

  // The owner restores it from the trash (Settings).
  await ownerPage.goto(`${baseUrl()}/projects/${projectId}/settings`);
  const entry = ownerPage.getByTestId('trash-entry');
  await entry.filter({ hasText: `Ada’s AMSTAR 2 checklist for “${TITLE}”` }).waitFor();
  assert.match(await entry.getByTestId('trash-days-left').innerText(), /29 days left|30 days left/);
  await entry.getByRole('button', { name: /^Restore / }).click();
  await ownerPage.getByTestId('trash-empty').waitFor();
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) =>
      readChecklist(d, adaChecklist)?.status === 'in-progress' &&
      readStudy(d, studyId)?.reviewer1 === ada.id,
    'Ada’s checklist and slot back on the server',
  );
  // Every answer and the note, read from the server's copy of her checklist document.
  const back = readChecklistContent(await fetchChecklistDoc(projectId, ada.cookie, adaChecklist));
  assert.deepEqual(back.answers, ADA_ANSWERS);
  assert.equal(back.notes[NOTE_ITEM], NOTE);

  // Removing the study, with both started checklists, goes to the trash and comes back whole.
  await ownerPage.goto(`${baseUrl()}/projects/${projectId}`);
  await studyRow(ownerPage, TITLE)
    .getByRole('button', { name: `Remove study “${TITLE}”` })
    .click();
  const removeDialog = ownerPage.getByRole('dialog', { name: 'Remove this study?' });
  const lines = removeDialog.getByTestId('removal-loss');
  await lines.waitFor();
  const text = await lines.innerText();
  assert.match(text, /Ada’s AMSTAR 2 checklist, 3 of \d+ answered, 1 note/);
  assert.match(text, /Bo’s AMSTAR 2 checklist, 1 of \d+ answered, 0 notes/);
  await removeDialog.getByRole('button', { name: 'Move to the trash' }).click();
  await studyRow(ownerPage, TITLE).waitFor({ state: 'detached' });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readStudy(d, studyId) === undefined && readTrash(d)[0]?.kind === 'study',
    'the study in the trash on the server',
  );
  await ownerPage.goto(`${baseUrl()}/projects/${projectId}/settings`);
  const studyEntry = ownerPage
    .getByTestId('trash-entry')
    .filter({ hasText: `Study “${TITLE}” with 2 checklists` });
  await studyEntry.getByRole('button', { name: /^Restore / }).click();
  await ownerPage.getByTestId('trash-empty').waitFor();
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) =>
      readStudy(d, studyId)?.title === TITLE &&
      readChecklist(d, adaChecklist) !== undefined &&
      readChecklist(d, boChecklist) !== undefined,
    'the study and both checklists back on the server',
  );
  assert.deepEqual(
    readChecklistContent(await fetchChecklistDoc(projectId, bo.cookie, boChecklist)).answers,
    BO_ANSWERS,
  );
  assert.deepEqual(
    readChecklistContent(await fetchChecklistDoc(projectId, ada.cookie, adaChecklist)).answers,
    ADA_ANSWERS,
  );
});
