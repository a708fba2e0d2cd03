import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER, SECURITY_HEADERS } from '@corates/shared';
import { call, createProject, signUp } from './api.ts';

// What a browser sends: the page's origin, and the Fetch Metadata header naming its site.
const OWN = 'http://corates.test';
const EVIL = 'https://evil.example';

function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: BodyInit,
): Promise<Response> {
  return SELF.fetch(`${OWN}${path}`, {
    method,
    headers: { [CLIENT_VERSION_HEADER]: '0.1.0', ...headers },
    body,
  });
}

const pdfBytes = () => new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

describe('cross-site requests (DESIGN: browser requests are same-origin)', () => {
  it('refuses a document socket opened by another site, or by an opaque (null) origin', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    for (const origin of [EVIL, 'null']) {
      const res = await raw('GET', `/api/projects/${p.id}/doc`, {
        Upgrade: 'websocket',
        Cookie: owner.cookie,
        Origin: origin,
      });
      expect(res.status).toBe(403);
      expect(res.webSocket).toBeNull();
      expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    }
  });

  it("accepts the app's own pages and non-browser clients (no Origin) on the socket", async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    for (const headers of [{ Origin: OWN }, {}] as Record<string, string>[]) {
      const res = await raw('GET', `/api/projects/${p.id}/doc`, {
        Upgrade: 'websocket',
        Cookie: owner.cookie,
        ...headers,
      });
      expect(res.status).toBe(101);
      res.webSocket!.accept();
      res.webSocket!.close(1000, 'done');
    }
  });

  it("a cross-site form post cannot store a PDF with the victim's cookie", async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const path = `/api/projects/${p.id}/studies/s1/pdfs?fileName=x.pdf&tag=primary`;
    const byOrigin = await raw(
      'POST',
      path,
      { Cookie: owner.cookie, Origin: EVIL, 'Content-Type': 'text/plain' },
      pdfBytes(),
    );
    expect(byOrigin.status).toBe(403);
    expect(await byOrigin.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    const byFetchSite = await raw(
      'POST',
      path,
      { Cookie: owner.cookie, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/pdf' },
      pdfBytes(),
    );
    expect(byFetchSite.status).toBe(403);
    const list = await call('GET', `/api/projects/${p.id}/studies/s1/pdfs`, {
      cookie: owner.cookie,
    });
    expect(list.json.pdfs).toEqual([]);
  });

  it('an upload must say application/pdf, even from the app itself', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const path = `/api/projects/${p.id}/studies/s1/pdfs?fileName=x.pdf`;
    const plain = await raw(
      'POST',
      path,
      { Cookie: owner.cookie, Origin: OWN, 'Content-Type': 'text/plain' },
      pdfBytes(),
    );
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const pdf = await raw(
      'POST',
      path,
      { Cookie: owner.cookie, Origin: OWN, 'Content-Type': 'application/pdf' },
      pdfBytes(),
    );
    expect(pdf.status).toBe(201);
  });

  it('refuses cross-site writes on JSON routes too, and changes nothing', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie, 'Before');
    const res = await raw(
      'PATCH',
      `/api/projects/${p.id}`,
      { Cookie: owner.cookie, Origin: EVIL, 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'Hijacked' }),
    );
    expect(res.status).toBe(403);
    const after = await call('GET', `/api/projects/${p.id}`, { cookie: owner.cookie });
    expect(after.json.name).toBe('Before');
  });
});

describe('bodies of the wrong type answer 415 in the envelope, never 500', () => {
  const wrongTypes: [string, Record<string, string>, string][] = [
    ['text/plain', { 'Content-Type': 'text/plain' }, '{"name":"x"}'],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'name=x'],
    ['multipart', { 'Content-Type': 'multipart/form-data; boundary=b' }, '--b--'],
    ['XML', { 'Content-Type': 'application/xml' }, '<name>x</name>'],
    ['no type', {}, '{"name":"x"}'],
  ];

  it('on each of the JSON-body routes', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const routes: [string, string][] = [
      ['PATCH', '/api/me/settings'],
      ['POST', '/api/projects'],
      ['PATCH', `/api/projects/${p.id}`],
      ['POST', `/api/projects/${p.id}/members`],
      ['PATCH', `/api/projects/${p.id}/members/${owner.id}`],
      ['POST', `/api/reconcile/doc/${p.id}`],
      ['POST', '/api/sync/ops'],
      ['POST', '/api/telemetry/reports'],
      ['PATCH', `/api/projects/${p.id}/pdfs/nope`],
    ];
    const seen: string[] = [];
    for (const [method, path] of routes) {
      for (const [label, headers, body] of wrongTypes) {
        // A Blob without a type makes fetch send no Content-Type at all.
        const sent = headers['Content-Type'] === undefined ? new Blob([body]) : body;
        const res = await raw(method, path, { Cookie: owner.cookie, ...headers }, sent);
        const json = (await res.json()) as { error?: { code?: string } };
        seen.push(`${method} ${path} ${label}: ${res.status} ${json.error?.code}`);
      }
    }
    expect(seen.filter((s) => !s.endsWith(': 415 UNSUPPORTED_MEDIA_TYPE'))).toEqual([]);
  });

  it('sign-out without a body signs out, as the OpenAPI document says', async () => {
    const user = await signUp();
    const res = await raw('POST', '/api/auth/sign-out', { Cookie: user.cookie, Origin: OWN });
    expect(res.status).toBe(200);
  });
});

describe('the auth routes answer errors in the envelope too', () => {
  it('malformed, wrong credentials, an existing account, a missing Origin', async () => {
    const user = await signUp();
    const answers = [
      await raw('POST', '/api/auth/sign-in/email', { 'Content-Type': 'application/json' }, '{'),
      await raw(
        'POST',
        '/api/auth/sign-in/email',
        { 'Content-Type': 'application/json' },
        JSON.stringify({ email: user.email, password: 'not the password at all' }),
      ),
      await raw(
        'POST',
        '/api/auth/sign-up/email',
        { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.251' },
        JSON.stringify({ name: 'Again', email: user.email, password: 'another long passphrase' }),
      ),
      await raw('POST', '/api/auth/sign-out', { Cookie: user.cookie }),
    ];
    const seen = [];
    for (const res of answers) {
      const body = (await res.json()) as { error?: { code?: string } };
      seen.push(`${res.status} ${body.error?.code}`);
    }
    expect(seen).toEqual([
      '400 VALIDATION_FAILED',
      '401 INVALID_CREDENTIALS',
      '422 ACCOUNT_EXISTS',
      '403 FORBIDDEN_ORIGIN',
    ]);
  });
});

describe('security headers', () => {
  it('every API answer carries them, errors included', async () => {
    const user = await signUp();
    const answers = [
      await raw('GET', '/api/metadata', {}),
      await raw('GET', '/api/me', { Cookie: user.cookie }),
      await raw('GET', '/api/me', {}),
      await raw('GET', '/api/no-such-route', {}),
      await raw(
        'POST',
        '/api/projects',
        { Cookie: user.cookie, 'Content-Type': 'text/plain' },
        'x',
      ),
    ];
    for (const res of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(`${res.status} ${name}: ${res.headers.get(name)}`).toBe(
          `${res.status} ${name}: ${value}`,
        );
      }
    }
  });

  it('a PDF shown inline is sandboxed', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const up = await raw(
      'POST',
      `/api/projects/${p.id}/studies/s1/pdfs?fileName=x.pdf`,
      { Cookie: owner.cookie, 'Content-Type': 'application/pdf' },
      pdfBytes(),
    );
    const { id } = (await up.json()) as { id: string };
    const res = await raw('GET', `/api/projects/${p.id}/pdfs/${id}/content`, {
      Cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe('sandbox');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    await res.arrayBuffer();
  });
});
