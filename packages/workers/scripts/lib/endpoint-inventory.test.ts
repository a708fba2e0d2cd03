import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  InventoryIncomplete,
  renderEndpointInventory,
  type InventoryInput,
  type OpenApiDocument,
} from './endpoint-inventory.ts';

const envelope = { content: { 'application/json': { schema: { $ref: '#/c/ErrorEnvelope' } } } };
const json = (name: string) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
});

const document: OpenApiDocument = {
  paths: {
    '/api/things': {
      get: {
        summary: 'List | filter things',
        parameters: [{ name: 'since', in: 'query' }],
        responses: {
          200: { description: 'ok', ...json('ThingList') },
          400: { description: 'VALIDATION_FAILED', ...envelope },
          401: { description: 'UNAUTHENTICATED', ...envelope },
        },
        'x-corates': { primitive: 'pull', caller: 'signed-in' },
      },
      post: {
        summary: 'Make a thing',
        requestBody: json('NewThing'),
        responses: {
          201: { description: 'made', ...json('Thing') },
          400: { description: 'VALIDATION_FAILED', ...envelope },
          401: { description: 'UNAUTHENTICATED', ...envelope },
          403: { description: 'FORBIDDEN', ...envelope },
          409: { description: 'CONFLICT | LAST_OWNER', ...envelope },
        },
        'x-corates': { primitive: 'rest', caller: 'editor', idempotent: 'the same id answers it' },
      },
    },
    '/api/things/{id}/bytes': {
      put: {
        summary: 'Store bytes',
        requestBody: {
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        responses: { 204: { description: 'stored' } },
        'x-corates': { primitive: 'upload', caller: 'owner' },
      },
    },
    '/api/batch': {
      post: {
        summary: 'Ops',
        responses: { 200: { description: 'ok', ...json('Results') } },
        'x-corates': { primitive: 'op', caller: 'per-op' },
      },
    },
  },
};

function input(overrides: Partial<InventoryInput> = {}): InventoryInput {
  return {
    document,
    undocumented: [
      {
        method: 'GET',
        path: '/api/spec',
        summary: 'The spec',
        primitive: 'rest',
        caller: 'anonymous',
      },
    ],
    opPayloadSchemas: {
      'thing.make': z.strictObject({ id: z.string(), note: z.string().optional() }),
    },
    opAccess: { 'thing.make': 'editor' },
    commonErrors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'],
    socketCloses: { TOO_OLD: 4426, GARBLED: 4000 },
    takesIdempotencyKey: (method, path) => method !== 'GET' && path.startsWith('/api/things'),
    ...overrides,
  };
}

/** The table row of an endpoint, as its cells. */
function rowOf(md: string, method: string, path: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${method} | \`${path}\` |`));
  expect(line, `${method} ${path}`).toBeDefined();
  return line!
    .slice(2, -2)
    .split(/ (?<!\\)\| /)
    .map((c) => c.trim());
}

describe('the endpoint inventory', () => {
  it('lists each route with its primitive, callers, schemas, errors and idempotency', () => {
    const md = renderEndpointInventory(input());
    expect(rowOf(md, 'POST', '/api/things')).toEqual([
      'POST',
      '`/api/things`',
      'REST',
      'Make a thing',
      'project editor, owner',
      '`NewThing`',
      '201 `Thing`',
      'common, 403 FORBIDDEN, 409 CONFLICT, 409 LAST_OWNER',
      'yes: with `Idempotency-Key`; the same id answers it',
    ]);
    expect(rowOf(md, 'GET', '/api/things')).toEqual([
      'GET',
      '`/api/things`',
      'pull',
      'List \\| filter things',
      'any signed-in user',
      '`?since`',
      '200 `ThingList`',
      'common',
      'yes (read-only)',
    ]);
  });

  it('names bytes bodies by media type, and says a mutation without a key or a reason is not idempotent', () => {
    const row = rowOf(renderEndpointInventory(input()), 'PUT', '/api/things/{id}/bytes');
    expect(row.slice(5)).toEqual([
      'bytes (application/octet-stream)',
      '204',
      '—',
      'yes: with `Idempotency-Key`',
    ]);
    const noKey = renderEndpointInventory(input({ takesIdempotencyKey: () => false }));
    expect(rowOf(noKey, 'PUT', '/api/things/{id}/bytes').at(-1)).toBe('no');
    expect(rowOf(noKey, 'POST', '/api/batch').at(-1)).toBe('per op: its `id`');
  });

  it('lists endpoints no route documents, socket closes by code, and each op type with who may send it', () => {
    const md = renderEndpointInventory(input());
    expect(rowOf(md, 'GET', '/api/spec').slice(2, 5)).toEqual([
      'REST',
      'The spec',
      'anyone, no session',
    ]);
    expect(md).toContain('| 4000 | `GARBLED` | temporary |\n| 4426 | `TOO_OLD` | permanent |');
    expect(md).toContain('| `thing.make` | project editor, owner | `id`, `note?` |');
  });

  it('refuses a route without an inventory entry, naming it', () => {
    const bare = structuredClone(document);
    delete bare.paths!['/api/things']!.get!['x-corates'];
    expect(() => renderEndpointInventory(input({ document: bare }))).toThrow(
      new InventoryIncomplete(
        'GET /api/things has no x-corates entry: spread inventory({...}) into it',
      ),
    );
  });

  it('refuses an op type without an access entry, and an access entry without an op type', () => {
    const render = () =>
      renderEndpointInventory(
        input({
          opPayloadSchemas: { 'thing.make': z.object({}), 'thing.drop': z.object({}) },
          opAccess: { 'thing.make': 'editor', 'thing.gone': 'owner' },
        }),
      );
    expect(render).toThrow(
      new InventoryIncomplete(
        'op type thing.drop has no entry in OP_ACCESS\nOP_ACCESS names thing.gone, which is not an op type',
      ),
    );
  });
});
