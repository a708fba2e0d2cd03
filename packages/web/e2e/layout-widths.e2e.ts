// Issue 20: every page at a laptop's 1366 px and a phone's 390 px, with the demo data (and a
// project whose appraisals reach reconciliation, results and agreement): nothing scrolls the page
// sideways, no element ends past the right edge unless it sits in a scroll container (a wide
// table, which then scrolls by itself), and no button's text is cut. Each page's screenshot is kept
// under test-results/layout/ (not committed) to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ROB2_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';
import {
  addOutcome,
  addStudy,
  assignReviewers,
  createChecklist,
  markComplete,
  readChecklists,
  readTrash,
  setAnswer,
  unassignReviewer,
} from '@corates/shared/doc';
import { apiJson } from './support/api.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { type Person, projectWith, signUp, signedInContext } from './support/collab.ts';
import {
  connectDoc,
  readServerDoc,
  until,
  untilOnServer,
  writeChecklistContent,
} from './support/doc-client.ts';
import { maintainer } from './support/maintainer.ts';

const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;
const SCREENSHOTS = path.join(
  path.dirname(path.dirname(fileURLToPath(import.meta.url))),
  'test-results',
  'layout',
);

/** The README's demo account (scripts/start.sh seeds it). */
const DEMO = { email: 'demo@corates.dev', password: 'corates-demo' };

interface Visit {
  name: string;
  path: string;
  /** Who is signed in; none: a guest. */
  as?: 'demo' | 'owner' | 'newcomer';
  /** On screen once the page has its content. */
  ready: (page: Page) => Locator;
}

/**
 * What overflows, measured in the page. A string, not a function: tsx would wrap a function's
 * inner helpers in a helper the page does not have. An element inside a box that scrolls or clips
 * sideways counts only if that box itself overflows (it is checked as an element in its turn).
 */
const MEASURE = `(() => {
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    const id = el.getAttribute('data-testid');
    if (id) s += '[data-testid=' + id + ']';
    if (typeof el.className === 'string' && el.className.trim())
      s += '.' + el.className.trim().split(/\\s+/).join('.');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? s + ' "' + text + '"' : s;
  };
  const contained = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible') return true;
    }
    return false;
  };
  const visible = (el, r) =>
    r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  const over = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!visible(el, r) || r.right <= vw + 1 || contained(el)) continue;
    over.add(el);
  }
  // The innermost ones: what pushes their ancestors out is named, not every ancestor.
  const overflowing = [...over]
    .filter((el) => ![...el.querySelectorAll('*')].some((c) => over.has(c)))
    .map((el) => name(el) + ' ends at ' + Math.round(el.getBoundingClientRect().right) + ' px');
  const clipped = [];
  const buttons = document.querySelectorAll(
    'button, [role="button"], [role="tab"], a.button, input[type="submit"], input[type="button"]',
  );
  for (const b of buttons) {
    const r = b.getBoundingClientRect();
    if (!visible(b, r) || b.clientWidth === 0) continue;
    if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
      clipped.push(name(b) + ' (' + b.scrollWidth + '×' + b.scrollHeight + ' in ' +
        b.clientWidth + '×' + b.clientHeight + ')');
  }
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    viewport: vw,
    overflowing: overflowing.slice(0, 10),
    clipped: clipped.slice(0, 10),
  };
})()`;

interface Measured {
  scrollWidth: number;
  viewport: number;
  overflowing: string[];
  clipped: string[];
}

let browser: Browser;
const contexts: Record<string, BrowserContext> = {};
const visits: Visit[] = [];

const heading = (text: string | RegExp) => (page: Page) =>
  page.getByRole('heading', { level: 1, name: text });

/** The demo project's id and its checklists' ids by tool. */
async function demoProject(cookie: string) {
  const { projects } = await apiJson<{ projects: { id: string; name: string }[] }>(
    'GET',
    '/api/projects',
    cookie,
  );
  const demo = projects.find((p) => p.name.startsWith('Demo project'));
  assert.ok(demo, 'the demo project exists (seeded by scripts/start.sh)');
  const checklists = await readServerDoc(demo.id, cookie, (doc) =>
    Object.fromEntries(readChecklists(doc).map((c) => [c.type, c.id])),
  );
  return { id: demo.id, checklists };
}

/**
 * A project owned by `owner` with what the demo lacks: a RoB 2 appraisal both reviewers completed
 * (reconciliation, agreement), one the owner completed alone (results), and a ROBINS-I checklist.
 */
async function appraisedProject(owner: Person) {
  const ada = await signUp('Ada Layout');
  const bo = await signUp('Bo Layout');
  const projectId = await projectWith(owner, 'A project with a long name about statins in adults', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
  ]);
  const client = connectDoc(projectId, owner.cookie);
  await until(() => client.provider.synced, 'the seeding client to sync');
  const doc = client.doc;
  const outcomeId = addOutcome(doc, { name: 'Major adverse cardiovascular events' }, owner.id);
  const study = (title: string) =>
    addStudy(
      doc,
      { title, authors: 'Author A, Author B', year: 2021, journal: 'J', doi: '' },
      owner.id,
    );
  // Each reviewer writes their own checklist's document (document model v2); its status moves in
  // the project document the owner's client holds.
  const rob2 = async (
    studyId: string,
    reviewer: Person,
    answers: Record<string, string>,
    of: number,
  ) => {
    const id = createChecklist(doc, { studyId, type: 'ROB2', reviewerId: reviewer.id, outcomeId });
    await writeChecklistContent(projectId, reviewer.cookie, id, (content) => {
      for (const [item, value] of Object.entries(answers)) setAnswer(doc, id, content, item, value);
      markComplete(doc, id, content, of);
    });
    return id;
  };
  const paired = study(
    'A randomised, double-blind, placebo-controlled trial of rosuvastatin in adults with raised CRP',
  );
  assignReviewers(doc, paired, ada.id, bo.id);
  await rob2(paired, ada, ROB2_ALL_LOW, 2);
  await rob2(paired, bo, ROB2_HIGH, 2);
  const single = study('Atorvastatin against usual care after a first myocardial infarction');
  assignReviewers(doc, single, owner.id, null);
  await rob2(single, owner, ROB2_ALL_LOW, 1);
  const nrsi = study('A cohort study of statin use and dementia in a national registry');
  assignReviewers(doc, nrsi, owner.id, null);
  const robinsI = createChecklist(doc, {
    studyId: nrsi,
    type: 'ROBINS_I',
    reviewerId: owner.id,
    outcomeId,
  });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('checklists').size === 4,
    'the seeded appraisals',
  );
  // Something in the trash (issue 20): an owner's started checklist of a study, unassigned.
  const trashed = study('A crossover trial whose reviewer was unassigned after starting');
  assignReviewers(doc, trashed, owner.id, null);
  const started = createChecklist(doc, { studyId: trashed, type: 'AMSTAR2', reviewerId: owner.id });
  await writeChecklistContent(projectId, owner.cookie, started, (content) =>
    setAnswer(doc, started, content, 'q1', 'yes'),
  );
  unassignReviewer(doc, trashed, 'reviewer1', { by: owner.id, role: 'owner' });
  await untilOnServer(projectId, owner.cookie, (d) => readTrash(d).length === 1, 'the trash entry');
  client.close();
  return { projectId, pairedStudy: paired, outcomeId, robinsI };
}

before(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });

  const demoPerson: Person = { id: '', name: 'Demo', cookie: '', ...DEMO };
  contexts.demo = await signedInContext(browser, demoPerson);
  const demoCookie = (await contexts.demo.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const demo = await demoProject(demoCookie);

  const owner = await signUp('Layout Owner with a rather long display name');
  maintainer('grant-admin', '--email', owner.email);
  contexts.owner = await signedInContext(browser, owner);
  contexts.guest = await browser.newContext();
  // A new account with no project sees the first-run welcome on the projects page.
  contexts.newcomer = await signedInContext(browser, await signUp('Newcomer'));
  const seeded = await appraisedProject(owner);
  const invited = await apiJson<{ link?: string }>(
    'POST',
    `/api/projects/${seeded.projectId}/members`,
    owner.cookie,
    { email: `invitee-${Date.now()}@example.org`, role: 'editor' },
  );
  assert.ok(invited.link, 'the local mail transport answers the invitation link');
  // A share of it (issue 17): its Settings list one under "Sharing with other servers".
  await apiJson('POST', `/api/projects/${seeded.projectId}/shares`, owner.cookie, { mode: 'read' });

  const project = `/projects/${demo.id}`;
  const projectName = heading(/Demo project/);
  visits.push(
    { name: 'sign-in', path: '/sign-in', ready: heading('Sign in') },
    { name: 'sign-up', path: '/sign-up', ready: heading('Create an account') },
    { name: 'forgot-password', path: '/forgot-password', ready: heading('Forgot your password?') },
    {
      name: 'invitation',
      path: new URL(invited.link).pathname,
      ready: heading('You are invited to a project'),
    },
    { name: 'not-found', path: '/no/such/page', ready: heading('Page not found') },
    { name: 'projects', path: '/', as: 'demo', ready: heading('My projects') },
    {
      name: 'first-run-welcome',
      path: '/',
      as: 'newcomer',
      ready: (page) => page.getByTestId('first-run'),
    },
    ...(
      ['', '/todo', '/to-reconcile', '/completed', '/overview', '/members', '/settings'] as const
    ).map((tab): Visit => ({
      name: `project${tab.replace('/', '-') || '-studies'}`,
      path: `${project}${tab}`,
      as: 'demo',
      ready: (page) =>
        page
          .locator('[data-testid="connection-status"][data-state="online"]')
          .or(projectName(page)),
    })),
    {
      name: 'checklist-amstar2',
      path: `${project}/checklists/${demo.checklists.AMSTAR2}`,
      as: 'demo',
      ready: (page) => page.getByTestId('checklist-item').first(),
    },
    {
      name: 'checklist-rob2',
      path: `${project}/checklists/${demo.checklists.ROB2}`,
      as: 'demo',
      ready: (page) => page.getByTestId('checklist-item').first(),
    },
    {
      name: 'checklist-robins-i',
      path: `/projects/${seeded.projectId}/checklists/${seeded.robinsI}`,
      as: 'owner',
      ready: (page) => page.getByTestId('checklist-item').first(),
    },
    {
      name: 'reconcile',
      path: `/projects/${seeded.projectId}/reconcile/${seeded.pairedStudy}/ROB2/${encodeURIComponent(seeded.outcomeId)}`,
      as: 'owner',
      ready: (page) => page.getByTestId('checklist-agreement'),
    },
    {
      name: 'results',
      path: `/projects/${seeded.projectId}/results`,
      as: 'owner',
      ready: (page) => page.getByTestId('results-ROB2'),
    },
    {
      name: 'agreement',
      path: `/projects/${seeded.projectId}/agreement`,
      as: 'owner',
      ready: (page) => page.getByTestId('agreement-ROB2'),
    },
    {
      name: 'project-trash',
      path: `/projects/${seeded.projectId}/settings`,
      as: 'owner',
      ready: (page) => page.getByTestId('trash-entry'),
    },
    { name: 'account-settings', path: '/settings', as: 'owner', ready: heading(/settings/i) },
    { name: 'admin', path: '/admin', as: 'owner', ready: heading('Operations') },
    {
      name: 'admin-federation',
      path: '/admin/federation',
      as: 'owner',
      ready: (page) => page.getByTestId('subscriptions-empty'),
    },
  );
});

after(async () => {
  for (const c of Object.values(contexts)) await c.close().catch(() => undefined);
  await browser.close();
});

for (const size of WIDTHS) {
  test(`at ${size.width} px no page overflows sideways and no button's text is cut`, async () => {
    const problems: string[] = [];
    for (const visit of visits) {
      const page = await contexts[visit.as ?? 'guest']!.newPage();
      try {
        await page.setViewportSize(size);
        await page.goto(`${baseUrl()}${visit.path}`);
        await visit.ready(page).first().waitFor();
        await page.waitForLoadState('networkidle');
        const m = (await page.evaluate(MEASURE)) as Measured;
        await page.screenshot({
          path: path.join(SCREENSHOTS, `${visit.name}-${size.width}.png`),
          fullPage: true,
        });
        if (m.scrollWidth > m.viewport)
          problems.push(`${visit.name}: the page is ${m.scrollWidth} px wide in ${m.viewport} px`);
        for (const o of m.overflowing) problems.push(`${visit.name}: ${o}`);
        for (const c of m.clipped) problems.push(`${visit.name}: button text cut: ${c}`);
      } finally {
        await page.close();
      }
    }
    assert.deepEqual(problems, [], `at ${size.width} px`);
  });
}
