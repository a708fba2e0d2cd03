import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_VERSION_HEADER,
  ERROR_STATUS,
  opPayloadSchemas,
  OP_TYPES,
  parseErrorEnvelope,
} from '@corates/shared';
import openapi from '../openapi.json';
import { addMember, createProject, signUp } from './api.ts';
import { workerFetch } from './worker-fetch.ts';
import { fuzzRuns } from './fuzz/runs.ts';
import {
  hostileString,
  hostileValue,
  invalidValue,
  refResolver,
  validValue,
  type JsonSchema,
} from './fuzz/schema-arbitrary.ts';

/**
 * Every route of the OpenAPI document, fuzzed from its own schemas (Schemathesis-style): valid,
 * invalid and hostile bodies, query strings, path ids, content types and headers, from every kind
 * of caller. Whatever is sent, the answer is never a 5xx, every 4xx is the error envelope with a
 * code of that status, and a refused request changes nothing.
 */
const OWN = 'http://corates.test';
const resolve = refResolver(openapi);

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  body?: { type: string; schema?: JsonSchema; required: boolean };
}

const operations: Operation[] = Object.entries(
  openapi.paths as Record<string, Record<string, Record<string, unknown>>>,
).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => {
    const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> })
      ?.content;
    const [type, media] = Object.entries(content ?? {})[0] ?? [];
    return {
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters as Operation['parameters'] | undefined) ?? [],
      body: type
        ? {
            type,
            schema: media?.schema,
            required: Boolean((op.requestBody as { required?: boolean }).required),
          }
        : undefined,
    };
  }),
);

interface Fixture {
  owner: Awaited<ReturnType<typeof signUp>>;
  viewer: Awaited<ReturnType<typeof signUp>>;
  outsider: Awaited<ReturnType<typeof signUp>>;
  projectId: string;
  pdfId: string;
}

type Caller = 'anonymous' | 'owner' | 'viewer' | 'outsider';

type Users = Pick<Fixture, 'owner' | 'viewer' | 'outsider'>;

async function newUsers(): Promise<Users> {
  return {
    owner: await signUp('Fuzz Owner'),
    viewer: await signUp('Fuzz Viewer'),
    outsider: await signUp('Fuzz Outsider'),
  };
}

/** A fresh project (with a viewer and a PDF) per operation: an operation may delete it. */
async function makeFixture({ owner, viewer, outsider }: Users): Promise<Fixture> {
  const project = await createProject(owner.cookie, 'Fuzzed');
  await addMember(owner.cookie, project.id, viewer.email, 'viewer');
  const upload = await workerFetch(
    `${OWN}/api/projects/${project.id}/studies/s1/pdfs?fileName=fuzz.pdf`,
    {
      method: 'POST',
      headers: {
        Cookie: owner.cookie,
        [CLIENT_VERSION_HEADER]: '0.1.0',
        'Content-Type': 'application/pdf',
      },
      body: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    },
  );
  expect(upload.status).toBe(201);
  const { id: pdfId } = (await upload.json()) as { id: string };
  return { owner, viewer, outsider, projectId: project.id, pdfId };
}

/** Path parameter values: the fixture's real ids, well-formed strangers, hostile strings. */
function pathValue(name: string, f: Fixture): fc.Arbitrary<string> {
  const real: Record<string, string[]> = {
    projectId: [f.projectId],
    userId: [f.viewer.id, f.owner.id, f.outsider.id],
    studyId: ['s1', 'study-2'],
    pdfId: [f.pdfId],
    uploadId: [crypto.randomUUID()],
    index: ['0', '1', '-1', '99999999'],
  };
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(real[name] ?? ['x'])) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileString },
  );
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as its raw UTF-8 bytes
  }
}

/** Valid sync ops of every type, from the shared Zod payload schemas. */
const validOp = fc.constantFrom(...OP_TYPES).chain((type) => {
  const schema = z.toJSONSchema(opPayloadSchemas[type], {
    unrepresentable: 'any',
    io: 'input',
  }) as JsonSchema;
  return fc.record({
    id: fc.uuid(),
    type: fc.constant(type),
    payload: validValue(schema, refResolver(schema)),
    clientVersion: fc.constant('0.1.0'),
    createdAt: fc.constant(new Date().toISOString()),
  });
});

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/pdf',
  'application/octet-stream',
  '',
];

interface Case {
  caller: Caller;
  /** The email a sign-up body names: a refused sign-up must not create that account. */
  email?: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyInit;
  label: string;
}

function caseFor(op: Operation, f: Fixture): fc.Arbitrary<Case> {
  const params = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc
    .tuple(...params.map((p) => pathValue(p.name, f)))
    .map((values) =>
      params.reduce(
        (path, p, i) => path.replace(`{${p.name}}`, encodeSegment(values[i]!)),
        op.path,
      ),
    );
  const queryArb = fc
    .tuple(
      ...query.map((p) =>
        fc.option(
          fc.oneof(
            { weight: 3, arbitrary: validValue(p.schema, resolve) },
            { weight: 1, arbitrary: hostileValue },
          ),
          { freq: 4 },
        ),
      ),
    )
    .map((values) => {
      const search = new URLSearchParams();
      query.forEach((p, i) => {
        const v = values[i];
        if (v !== null && v !== undefined)
          search.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
      });
      const s = search.toString();
      return s ? `?${s}` : '';
    });
  const bodyArb: fc.Arbitrary<{ body?: string | Uint8Array; type?: string; label: string }> =
    !op.body
      ? fc.oneof(
          fc.constant({ label: 'no body' }),
          fc.constant({
            body: '{"unexpected":true}',
            type: 'application/json',
            label: 'stray body',
          }),
        )
      : op.body.type === 'application/json'
        ? fc
            .oneof(
              {
                weight: 5,
                arbitrary: (op.path === '/api/sync/ops'
                  ? fc.record({ ops: fc.array(validOp, { minLength: 1, maxLength: 5 }) })
                  : validValue(op.body.schema ?? {}, resolve)
                ).map((v) => ({ body: JSON.stringify(v), label: 'valid JSON' })),
              },
              {
                weight: 4,
                arbitrary: invalidValue(op.body.schema ?? {}, resolve).map((v) => ({
                  body: JSON.stringify(v) ?? 'undefined',
                  label: 'invalid JSON',
                })),
              },
              {
                weight: 2,
                arbitrary: fc
                  .constantFrom(
                    '{',
                    '',
                    'null',
                    '{"a":',
                    '\u0000',
                    `{"x":"${'y'.repeat(300_000)}"}`,
                    '[]',
                  )
                  .map((b) => ({ body: b, label: 'malformed' })),
              },
            )
            .chain((b) =>
              fc
                .oneof(
                  { weight: 5, arbitrary: fc.constantFrom(...JSON_TYPES) },
                  { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) },
                )
                .map((type) => ({ ...b, type })),
            )
        : fc
            .tuple(
              fc.oneof(
                fc.constant(new TextEncoder().encode('%PDF-1.4\n%%EOF\n')),
                fc.uint8Array({ maxLength: 64 }),
              ),
              fc.oneof(fc.constant(op.body.type), fc.constantFrom(...OTHER_TYPES)),
            )
            .map(([bytes, type]) => ({ body: bytes, type, label: 'bytes' }));
  const headerArb = fc.record({
    version: fc.oneof(
      { weight: 6, arbitrary: fc.constant('0.1.0') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('', 'latest', '0.0.1', '99.0.0', `0.0.0-${'x'.repeat(500)}`),
      },
    ),
    origin: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom(OWN, 'https://evil.example', 'null') },
    ),
    fetchSite: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none') },
    ),
    idempotencyKey: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.oneof(fc.uuid(), hostileString) },
    ),
  });
  return fc
    .tuple(
      fc.constantFrom<Caller>('anonymous', 'owner', 'viewer', 'outsider'),
      pathArb,
      queryArb,
      bodyArb,
      headerArb,
    )
    .map(([caller, path, search, body, h]) => {
      // A new address per request: the per-IP limits of the auth routes are not what is tested
      // here (and shrinking would otherwise replay one address into 429s).
      const headers: Record<string, string> = { 'CF-Connecting-IP': nextAddress() };
      if (caller !== 'anonymous') headers.Cookie = f[caller].cookie;
      if (h.version) headers[CLIENT_VERSION_HEADER] = h.version;
      if (h.origin) headers.Origin = h.origin;
      if (h.fetchSite) headers['Sec-Fetch-Site'] = h.fetchSite;
      if (h.idempotencyKey) headers['Idempotency-Key'] = safeHeader(h.idempotencyKey);
      if (body.type) headers['Content-Type'] = body.type;
      return {
        caller,
        email: emailIn(body.body),
        path: `${path}${search}`,
        headers,
        // A Blob without a type: fetch then sends no Content-Type of its own.
        body: body.body === undefined ? undefined : body.type ? body.body : new Blob([body.body]),
        label: `${caller} ${body.label} type=${body.type ?? '-'}`,
      };
    });
}

function emailIn(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const email = (JSON.parse(body) as { email?: unknown }).email;
    return typeof email === 'string' ? email : undefined;
  } catch {
    return undefined;
  }
}

let addresses = 0;
function nextAddress(): string {
  const n = ++addresses;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Header values must be ByteStrings; a hostile key is sent as its escaped form. */
function safeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '?'));
}

/**
 * What a refused request must not have changed: the change feed (every write to projects,
 * memberships, PDFs and settings appends to it, by trigger), the accounts, and for the routes
 * that can touch them the stored files and the document.
 */
async function stateOf(f: Fixture, op: Operation, c: Case): Promise<string> {
  // Scoped to this fixture (other test files may write meanwhile); both lookups are indexed.
  const row = await env.DB.prepare(
    `SELECT (SELECT coalesce(max(seq), 0) FROM change_log WHERE project_id = ?1) AS projectFeed,
            (SELECT coalesce(max(seq), 0) FROM change_log WHERE user_id IN (?2, ?3, ?4)) AS userFeed,
            (SELECT count(*) FROM user WHERE email = lower(?5)) AS account`,
  )
    .bind(f.projectId, f.owner.id, f.viewer.id, f.outsider.id, c.email ?? '')
    .first();
  let files = 0;
  if (op.path.includes('/pdfs')) {
    files = (await env.PDFS.list({ prefix: `projects/${f.projectId}/` })).objects.length;
  }
  let doc = '';
  if (op.path.includes('/doc')) {
    // Reading the document wakes its Durable Object: only where a request could change it.
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(f.projectId));
    doc = Array.from(await stub.encodeState()).join(',');
  }
  return JSON.stringify({ row, files, doc });
}

describe('route fuzz (from the OpenAPI document and the shared Zod schemas)', () => {
  const stats = { cases: 0, byStatus: new Map<number, number>() };

  let users: Users;
  beforeAll(async () => {
    expect(operations.length).toBeGreaterThan(20);
    users = await newUsers();
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      // Signing out ends the callers' sessions: that operation gets users of its own.
      const f = await makeFixture(op.path.endsWith('/sign-out') ? await newUsers() : users);
      await fc.assert(
        fc.asyncProperty(caseFor(op, f), async (c) => {
          const before = await stateOf(f, op, c);
          const res = await workerFetch(`${OWN}${c.path}`, {
            method: op.method,
            headers: c.headers,
            body: op.method === 'GET' || op.method === 'DELETE' ? undefined : c.body,
          });
          const text = await res.text();
          stats.cases++;
          stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
          const where = `${op.method} ${c.path.slice(0, 200)} (${c.label})`;
          expect(res.status, `${where} answered ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = text;
            }
            const envelope = parseErrorEnvelope(json);
            expect(
              envelope,
              `${where}: ${res.status} is not the envelope: ${text.slice(0, 300)}`,
            ).toBeDefined();
            expect(ERROR_STATUS[envelope!.error.code], `${where}: code vs status`).toBe(res.status);
            expect(
              await stateOf(f, op, c),
              `${where}: refused with ${res.status} but changed state`,
            ).toBe(before);
          }
        }),
        { numRuns: fuzzRuns(20) },
      );
    }, 300_000);
  }

  it('reports its size', () => {
    console.log(
      `route fuzz: ${stats.cases} cases over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries(stats.byStatus))}`,
    );
    expect(stats.cases).toBeGreaterThanOrEqual(operations.length * fuzzRuns(20));
  });
});
