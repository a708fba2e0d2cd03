// Seeds the demo accounts and project through the public API, so it exercises the same paths a
// user does and stays correct when the schema changes: the project and its member over REST, its
// studies and appraisals into the project's Yjs document over the document's HTTP fallback, built
// with the app's own document model. Idempotent: existing data is kept.
import * as Y from 'yjs';
import { DEMO_DESCRIPTION, readStudies, writeDemoStudies } from '@corates/shared/doc';
const base = process.argv[2] ?? 'http://127.0.0.1:8787';
const PASSWORD = 'corates-demo';
const DEMO = { name: 'Demo Researcher', email: 'demo@corates.dev' };
const REVIEWER = { name: 'Second Reviewer', email: 'reviewer@corates.dev' };
const PROJECT = 'Demo project: statins for primary prevention';

async function post(path: string, body: unknown, cookie?: string) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: base,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function session(account: { name: string; email: string }): Promise<string> {
  let res = await post('/api/auth/sign-in/email', { email: account.email, password: PASSWORD });
  if (res.status === 401)
    res = await post('/api/auth/sign-up/email', { ...account, password: PASSWORD });
  if (!res.ok)
    throw new Error(`could not sign in ${account.email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const cookie = await session(DEMO);
const reviewerCookie = await session(REVIEWER);
const list = (await (
  await fetch(`${base}/api/projects`, { headers: { Cookie: cookie } })
).json()) as {
  projects: { id: string; name: string }[];
};
let projectId = list.projects.find((p) => p.name === PROJECT)?.id;
if (!projectId) {
  const created = await post(
    '/api/projects',
    { name: PROJECT, description: DEMO_DESCRIPTION },
    cookie,
  );
  if (created.status !== 201)
    throw new Error(`could not create the demo project: ${await created.text()}`);
  projectId = ((await created.json()) as { id: string }).id;
  await addReviewer(projectId);
  console.log('[corates] seeded the demo accounts and project');
}
await seedDocument(projectId);

/**
 * People join by invitation: the demo researcher invites the reviewer, whose account accepts the
 * link. `npm start` sends no mail, so the answer carries the link (the local mail transport).
 */
async function addReviewer(id: string) {
  const invited = await post(
    `/api/projects/${id}/members`,
    { email: REVIEWER.email, role: 'editor' },
    cookie,
  );
  const { link } = (await invited.json()) as { link?: string };
  if (invited.status !== 201 || !link)
    throw new Error(`could not invite the reviewer: ${invited.status} (a local mail transport?)`);
  const token = new URL(link).pathname.split('/').pop()!;
  const accepted = await post(`/api/invitations/${token}/accept`, {}, reviewerCookie);
  if (!accepted.ok)
    throw new Error(`the reviewer could not accept: ${accepted.status} ${await accepted.text()}`);
}

/** The demo's studies and appraisals (`writeDemoStudies`), unless the document already has studies. */
async function seedDocument(id: string) {
  const members = (await (
    await fetch(`${base}/api/projects/${id}/members`, { headers: { Cookie: cookie } })
  ).json()) as { members: { userId: string; email: string }[] };
  const userId = (email: string) => {
    const member = members.members.find((m) => m.email === email);
    if (!member) throw new Error(`${email} is not a member of the demo project`);
    return member.userId;
  };
  const [demo, reviewer] = [userId(DEMO.email), userId(REVIEWER.email)];

  const doc = new Y.Doc();
  const serverState = await reconcile(id, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc));
  Y.applyUpdate(doc, serverState);
  if (readStudies(doc).length > 0) {
    console.log('[corates] demo data already present');
    return;
  }
  const before = Y.encodeStateVector(doc);
  // Each checklist's answers and notes are in its own document (document model v2), synced after
  // the project document: the relay decides who may open one from its header.
  const checklists = writeDemoStudies(doc, { owner: demo, reviewer }, () => new Y.Doc());
  await reconcile(id, Y.encodeStateAsUpdate(doc, before), Y.encodeStateVector(doc));
  for (const { id: checklistId, content } of checklists)
    await reconcile(
      `${id}/checklists/${encodeURIComponent(checklistId)}`,
      Y.encodeStateAsUpdate(content),
      Y.encodeStateVector(content),
    );
  console.log('[corates] seeded the demo studies and appraisals');
}

/** A document's HTTP fallback (`id`: the project's, or `<project>/checklists/<checklist>`). */
async function reconcile(id: string, update: Uint8Array, stateVector: Uint8Array) {
  const res = await post(
    `/api/reconcile/doc/${id}`,
    {
      update: Buffer.from(update).toString('base64'),
      stateVector: Buffer.from(stateVector).toString('base64'),
    },
    cookie,
  );
  if (!res.ok) throw new Error(`demo document sync failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { update: string };
  return new Uint8Array(Buffer.from(body.update, 'base64'));
}
