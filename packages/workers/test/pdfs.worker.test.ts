import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER, PDF_MAX_BYTES } from '@corates/shared';
import { call, createProject, signUp, addMember as joinProject } from './api.ts';

// The server checks the header only; rendering is the browser test's business.
const pdfBytes = (text = 'a tiny PDF') => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

interface UploadOptions {
  fileName?: string;
  tag?: string;
  id?: string;
  body?: Uint8Array;
}

async function upload(cookie: string, projectId: string, studyId: string, o: UploadOptions = {}) {
  const query = new URLSearchParams({ fileName: o.fileName ?? 'Trial report.pdf' });
  if (o.tag) query.set('tag', o.tag);
  if (o.id) query.set('id', o.id);
  const res = await SELF.fetch(
    `http://corates.test/api/projects/${projectId}/studies/${studyId}/pdfs?${query}`,
    {
      method: 'POST',
      headers: {
        Cookie: cookie,
        [CLIENT_VERSION_HEADER]: '0.1.0',
        'Content-Type': 'application/pdf',
      },
      body: o.body ?? pdfBytes(),
    },
  );
  return { status: res.status, json: (await res.json()) as any };
}

const storedKeys = async (projectId: string) =>
  (await env.PDFS.list({ prefix: `projects/${projectId}/` })).objects.map((o) => o.key);

const listTags = async (cookie: string, projectId: string, studyId: string) => {
  const res = await call('GET', `/api/projects/${projectId}/studies/${studyId}/pdfs`, { cookie });
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.json.pdfs as { fileName: string; tag: string }[]).map((p) => [p.fileName, p.tag]),
  );
};

/** A new account that joined the project (invited and accepted) with the role. */
async function addMember(ownerCookie: string, projectId: string, role: string) {
  const member = await signUp('Member');
  await joinProject(ownerCookie, projectId, member.email, role);
  return member;
}

const op = (type: string, payload: unknown, id: string = crypto.randomUUID()) => ({
  id,
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: new Date().toISOString(),
});

describe('PDF upload', () => {
  it('stores the bytes in R2 under a server key and answers the metadata', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const body = pdfBytes('stored as sent');
    const res = await upload(u.cookie, p.id, 'study-1', { body });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      projectId: p.id,
      studyId: 'study-1',
      fileName: 'Trial report.pdf',
      size: body.byteLength,
      tag: 'primary',
      uploadedBy: u.id,
      version: 1,
    });
    expect(await storedKeys(p.id)).toEqual([`projects/${p.id}/pdfs/${res.json.id}`]);

    const content = await SELF.fetch(
      `http://corates.test/api/projects/${p.id}/pdfs/${res.json.id}/content`,
      { headers: { Cookie: u.cookie, [CLIENT_VERSION_HEADER]: '0.1.0' } },
    );
    expect(content.status).toBe(200);
    expect(content.headers.get('Content-Type')).toBe('application/pdf');
    expect(content.headers.get('Content-Disposition')).toBe(
      `inline; filename="Trial report.pdf"; filename*=UTF-8''Trial%20report.pdf`,
    );
    expect(content.headers.get('Cache-Control')).toBe('private, max-age=31536000, immutable');
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(body);

    const etag = content.headers.get('ETag');
    expect(etag).toBeTruthy();
    const again = await SELF.fetch(
      `http://corates.test/api/projects/${p.id}/pdfs/${res.json.id}/content`,
      {
        headers: { Cookie: u.cookie, [CLIENT_VERSION_HEADER]: '0.1.0', 'If-None-Match': etag! },
      },
    );
    expect(again.status).toBe(304);
  });

  it('refuses a file that does not start with %PDF- (415) and stores nothing', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    for (const body of [
      new TextEncoder().encode('PK\u0003\u0004 a zip file'),
      new TextEncoder().encode('%PD'),
      new TextEncoder().encode('<html>%PDF-1.4</html>'),
    ]) {
      const res = await upload(u.cookie, p.id, 's', { body, fileName: 'fake.pdf' });
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await storedKeys(p.id)).toEqual([]);
    expect(await listTags(u.cookie, p.id, 's')).toEqual({});
  });

  it('refuses a body over the size limit (413) but not one at the app-wide JSON limit', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const tooBig = new Uint8Array(PDF_MAX_BYTES + 1);
    tooBig.set(pdfBytes());
    const res = await upload(u.cookie, p.id, 's', { body: tooBig });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedKeys(p.id)).toEqual([]);

    const overJsonLimit = new Uint8Array(300 * 1024);
    overJsonLimit.set(pdfBytes());
    const ok = await upload(u.cookie, p.id, 's', { body: overJsonLimit });
    expect(ok.status).toBe(201);
    expect(ok.json.size).toBe(300 * 1024);
  });

  it('makes the file name safe and validates the query', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const res = await upload(u.cookie, p.id, 's', { fileName: '../../etc/pass\u0000wd' });
    expect(res.status).toBe(201);
    expect(res.json.fileName).toBe('pass_wd.pdf');
    expect((await storedKeys(p.id))[0]).toBe(`projects/${p.id}/pdfs/${res.json.id}`);

    const badTag = await upload(u.cookie, p.id, 's', { tag: 'appendix' });
    expect(badTag.status).toBe(400);
    expect(badTag.json.error.code).toBe('VALIDATION_FAILED');
    const noName = await upload(u.cookie, p.id, 's', { fileName: '   ' });
    expect(noName.status).toBe(400);
  });

  it('needs a Content-Length: a streamed body of unknown length is refused', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(pdfBytes());
        controller.close();
      },
    });
    const res = await SELF.fetch(
      `http://corates.test/api/projects/${p.id}/studies/s/pdfs?fileName=streamed`,
      {
        method: 'POST',
        headers: {
          Cookie: u.cookie,
          [CLIENT_VERSION_HEADER]: '0.1.0',
          'Content-Type': 'application/pdf',
        },
        body,
      },
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('VALIDATION_FAILED');
    expect(await storedKeys(p.id)).toEqual([]);
  });

  it('a repeated upload with the same id answers the first PDF and stores one object', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const id = crypto.randomUUID();
    const first = await upload(u.cookie, p.id, 's', { id });
    const again = await upload(u.cookie, p.id, 's', { id, fileName: 'other name.pdf' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await storedKeys(p.id)).toHaveLength(1);
  });
});

describe('PDF roles', () => {
  it('viewers read but cannot upload, change or delete; non-members get 404', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const pdf = (await upload(owner.cookie, p.id, 's')).json;
    const viewer = await addMember(owner.cookie, p.id, 'viewer');
    const editor = await addMember(owner.cookie, p.id, 'editor');
    const stranger = await signUp('Stranger');

    expect((await upload(viewer.cookie, p.id, 's')).json.error.code).toBe('FORBIDDEN');
    expect((await upload(editor.cookie, p.id, 's')).status).toBe(201);
    const strangerUpload = await upload(stranger.cookie, p.id, 's');
    expect(strangerUpload.status).toBe(404);

    const path = `/api/projects/${p.id}/pdfs/${pdf.id}`;
    const read = await SELF.fetch(`http://corates.test${path}/content`, {
      headers: { Cookie: viewer.cookie, [CLIENT_VERSION_HEADER]: '0.1.0' },
    });
    expect(read.status).toBe(200);
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(pdfBytes());
    expect((await call('GET', `${path}/content`, { cookie: stranger.cookie })).status).toBe(404);
    expect(
      (await call('GET', `/api/projects/${p.id}/studies/s/pdfs`, { cookie: stranger.cookie }))
        .status,
    ).toBe(404);
    const rename = { cookie: viewer.cookie, body: { fileName: 'x' } };
    expect((await call('PATCH', path, rename)).status).toBe(403);
    expect((await call('DELETE', path, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call('DELETE', path, { cookie: stranger.cookie })).status).toBe(404);
    expect(await storedKeys(p.id)).toHaveLength(2);
  });

  it('needs a session', async () => {
    const res = await call('GET', '/api/projects/p/studies/s/pdfs');
    expect(res.status).toBe(401);
  });
});

describe('PDF tags, names and deletion', () => {
  it('keeps one primary per study: a new primary demotes the old one', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    await upload(u.cookie, p.id, 's', { fileName: 'first' });
    await upload(u.cookie, p.id, 's', { fileName: 'second' });
    await upload(u.cookie, p.id, 's', { fileName: 'protocol', tag: 'protocol' });
    await upload(u.cookie, p.id, 'other-study', { fileName: 'elsewhere' });
    expect(await listTags(u.cookie, p.id, 's')).toEqual({
      'first.pdf': 'primary',
      'second.pdf': 'secondary',
      'protocol.pdf': 'protocol',
    });

    const third = await upload(u.cookie, p.id, 's', { fileName: 'third', tag: 'primary' });
    expect(third.json.tag).toBe('primary');
    expect((await listTags(u.cookie, p.id, 's'))['first.pdf']).toBe('secondary');

    const list = await call('GET', `/api/projects/${p.id}/studies/s/pdfs`, { cookie: u.cookie });
    const second = list.json.pdfs.find((x: { fileName: string }) => x.fileName === 'second.pdf');
    const promoted = await call('PATCH', `/api/projects/${p.id}/pdfs/${second.id}`, {
      cookie: u.cookie,
      body: { tag: 'primary' },
    });
    expect(promoted.json).toMatchObject({ tag: 'primary', version: 2 });
    expect(await listTags(u.cookie, p.id, 's')).toEqual({
      'second.pdf': 'primary',
      'protocol.pdf': 'protocol',
      'first.pdf': 'secondary',
      'third.pdf': 'secondary',
    });
    // The other study's primary is untouched.
    expect(await listTags(u.cookie, p.id, 'other-study')).toEqual({ 'elsewhere.pdf': 'primary' });
  });

  it('concurrent primaries still leave exactly one', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => upload(u.cookie, p.id, 's', { fileName: `n${n}`, tag: 'primary' })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const tags = Object.values(await listTags(u.cookie, p.id, 's'));
    expect(tags.filter((t) => t === 'primary')).toHaveLength(1);
  });

  it('renames to a safe name', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const pdf = (await upload(u.cookie, p.id, 's')).json;
    const res = await call('PATCH', `/api/projects/${p.id}/pdfs/${pdf.id}`, {
      cookie: u.cookie,
      body: { fileName: 'folder/Final: v2' },
    });
    expect(res.status).toBe(200);
    expect(res.json.fileName).toBe('Final_ v2.pdf');
    const empty = await call('PATCH', `/api/projects/${p.id}/pdfs/${pdf.id}`, {
      cookie: u.cookie,
      body: {},
    });
    expect(empty.status).toBe(400);
  });

  it('delete removes the row and the R2 object', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const keep = (await upload(u.cookie, p.id, 's', { fileName: 'keep' })).json;
    const gone = (await upload(u.cookie, p.id, 's', { fileName: 'gone' })).json;
    const res = await call('DELETE', `/api/projects/${p.id}/pdfs/${gone.id}`, { cookie: u.cookie });
    expect(res.status).toBe(204);
    expect(await storedKeys(p.id)).toEqual([`projects/${p.id}/pdfs/${keep.id}`]);
    const content = await call('GET', `/api/projects/${p.id}/pdfs/${gone.id}/content`, {
      cookie: u.cookie,
    });
    expect(content.status).toBe(404);
  });

  it("deleting the project deletes its PDFs' objects", async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    await upload(u.cookie, p.id, 'a');
    await upload(u.cookie, p.id, 'b');
    expect(await storedKeys(p.id)).toHaveLength(2);
    expect((await call('DELETE', `/api/projects/${p.id}`, { cookie: u.cookie })).status).toBe(204);
    expect(await storedKeys(p.id)).toEqual([]);
  });
});

describe('PDF metadata in the sync feed', () => {
  async function pullPdfChanges(cookie: string, since = '0') {
    const res = await call('GET', `/api/sync/pull?since=${since}`, { cookie });
    expect(res.status).toBe(200);
    const changes = (res.json.changes as { entity: string }[]).filter((c) => c.entity === 'pdf');
    return { changes: changes as any[], checkpoint: res.json.checkpoint as string };
  }

  it('pull shows uploads, updates and deletes as tombstones, to members only', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const stranger = await signUp('Stranger');
    const start = (await pullPdfChanges(owner.cookie)).checkpoint;
    const pdf = (await upload(owner.cookie, p.id, 's')).json;
    const uploaded = await pullPdfChanges(owner.cookie, start);
    expect(uploaded.changes).toEqual([
      { entity: 'pdf', id: pdf.id, op: 'upsert', row: pdf, version: expect.any(Number) },
    ]);
    expect((await pullPdfChanges(stranger.cookie)).changes).toEqual([]);

    await call('PATCH', `/api/projects/${p.id}/pdfs/${pdf.id}`, {
      cookie: owner.cookie,
      body: { tag: 'protocol' },
    });
    const updated = await pullPdfChanges(owner.cookie, uploaded.checkpoint);
    expect(updated.changes[0].row).toMatchObject({ id: pdf.id, tag: 'protocol', version: 2 });

    await call('DELETE', `/api/projects/${p.id}/pdfs/${pdf.id}`, { cookie: owner.cookie });
    const deleted = await pullPdfChanges(owner.cookie, updated.checkpoint);
    expect(deleted.changes).toEqual([
      { entity: 'pdf', id: pdf.id, op: 'delete', version: expect.any(Number) },
    ]);
  });

  it('a member who joins later pulls the PDFs uploaded before', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const pdf = (await upload(owner.cookie, p.id, 's')).json;
    const late = await addMember(owner.cookie, p.id, 'viewer');
    const { changes } = await pullPdfChanges(late.cookie);
    expect(changes.map((c) => [c.id, c.op])).toEqual([[pdf.id, 'upsert']]);
  });
});

describe('PDF ops', () => {
  const sync = (cookie: string, ops: unknown[]) =>
    call('POST', '/api/sync/ops', { cookie, body: { ops } });

  it('pdf.update and pdf.delete run the same rules as the routes, each exactly once', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie);
    const a = (await upload(u.cookie, p.id, 's', { fileName: 'a' })).json;
    const b = (await upload(u.cookie, p.id, 's', { fileName: 'b' })).json;

    const promote = op('pdf.update', { projectId: p.id, id: b.id, patch: { tag: 'primary' } });
    const first = await sync(u.cookie, [promote]);
    expect(first.json.results[0]).toMatchObject({
      status: 'applied',
      row: { id: b.id, tag: 'primary', version: 2 },
    });
    const again = await sync(u.cookie, [promote]);
    expect(again.json.results[0]).toMatchObject({
      status: 'duplicate',
      row: first.json.results[0].row,
    });
    expect(await listTags(u.cookie, p.id, 's')).toEqual({
      'b.pdf': 'primary',
      'a.pdf': 'secondary',
    });

    const stale = await sync(u.cookie, [
      op('pdf.update', { projectId: p.id, id: a.id, patch: { tag: 'primary' }, ifVersion: 1 }),
    ]);
    expect(stale.json.results[0]).toMatchObject({
      status: 'conflict',
      code: 'CONFLICT',
      row: { id: a.id, tag: 'secondary', version: 2 },
    });
    // The stale write demoted nothing.
    expect((await listTags(u.cookie, p.id, 's'))['b.pdf']).toBe('primary');

    const remove = op('pdf.delete', { projectId: p.id, id: a.id });
    expect((await sync(u.cookie, [remove])).json.results[0].status).toBe('applied');
    expect((await sync(u.cookie, [remove])).json.results[0].status).toBe('duplicate');
    expect(await storedKeys(p.id)).toEqual([`projects/${p.id}/pdfs/${b.id}`]);
  });

  it('rejects a viewer’s op and a malformed payload', async () => {
    const owner = await signUp();
    const p = await createProject(owner.cookie);
    const pdf = (await upload(owner.cookie, p.id, 's')).json;
    const viewer = await addMember(owner.cookie, p.id, 'viewer');
    const res = await sync(viewer.cookie, [
      op('pdf.delete', { projectId: p.id, id: pdf.id }),
      op('pdf.update', { projectId: p.id, id: pdf.id, patch: { tag: 'appendix' } }),
    ]);
    expect(res.json.results.map((r: { code: string }) => r.code)).toEqual([
      'FORBIDDEN',
      'VALIDATION_FAILED',
    ]);
    expect(await storedKeys(p.id)).toHaveLength(1);
  });
});
