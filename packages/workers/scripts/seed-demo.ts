// Seeds the demo accounts and project through the public API, so it exercises the same paths a
// user does and stays correct when the schema changes. Idempotent: existing data is kept.
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
await session(REVIEWER);
const list = (await (
  await fetch(`${base}/api/projects`, { headers: { Cookie: cookie } })
).json()) as {
  projects: { id: string; name: string }[];
};
if (!list.projects.some((p) => p.name === PROJECT)) {
  const created = await post(
    '/api/projects',
    { name: PROJECT, description: 'A sample review to explore CoRATES.' },
    cookie,
  );
  if (created.status !== 201)
    throw new Error(`could not create the demo project: ${await created.text()}`);
  const project = (await created.json()) as { id: string };
  await post(
    `/api/projects/${project.id}/members`,
    { email: REVIEWER.email, role: 'editor' },
    cookie,
  );
  console.log('[corates] seeded the demo accounts and project');
} else {
  console.log('[corates] demo data already present');
}
