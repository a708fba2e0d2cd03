// docs/endpoints.md as a pure function of the OpenAPI document (whose routes carry their
// `x-corates` inventory entry), the op registry and its access table. Refuses to render when a
// route or an op type has no entry, so nothing new goes unlisted.
import { z } from 'zod';
import {
  CALLERS,
  INVENTORY_EXTENSION,
  PRIMITIVES,
  type Caller,
  type InventoryEntry,
  type UndocumentedEndpoint,
} from '../../src/openapi/inventory.ts';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
}
type Content = Record<string, { schema?: Schema }>;
interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Content };
  responses?: Record<string, { description: string; content?: Content }>;
  [INVENTORY_EXTENSION]?: InventoryEntry;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
}

export interface InventoryInput {
  document: OpenApiDocument;
  /** Endpoints no route definition documents (a library's, Hono's own). */
  undocumented: readonly UndocumentedEndpoint[];
  /** The op registry: one payload schema per op type. */
  opPayloadSchemas: Record<string, z.ZodType>;
  /** Who may send each op type. */
  opAccess: Record<string, Caller>;
  /** The error codes every data route answers, shortened to "common" in the table. */
  commonErrors: readonly string[];
  /** Document socket close reasons and their codes. */
  socketCloses: Record<string, number>;
  /** Whether the `Idempotency-Key` middleware covers the request. */
  takesIdempotencyKey: (method: string, path: string) => boolean;
}

export class InventoryIncomplete extends Error {}

const GENERATED_BY =
  '<!-- Generated from the route definitions and the op registry by `pnpm openapi:generate` (packages/workers/scripts/generate-endpoints.ts). Do not edit: `npm test` fails when this file drifts. -->';
const ERROR_CODE = /^[A-Z][A-Z_]*$/;

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (text: string) => `\`${text}\``;
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
function table(head: string[], rows: string[][]): string[] {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)];
}

/** A schema as the reader needs it: a component's name, a bytes body, or an object's fields. */
function schemaLabel(schema: Schema | undefined, mediaType: string): string {
  const media = mediaType === 'application/json' ? '' : ` (${mediaType})`;
  if (!schema) return `body${media}`;
  if (schema.$ref) return `${code(schema.$ref.split('/').at(-1)!)}${media}`;
  if (schema.format === 'binary') return `bytes${media}`;
  if (schema.type === 'object' && schema.properties) {
    const fields = Object.entries(schema.properties).map(
      ([name, s]) => `${name}: ${s.$ref ? s.$ref.split('/').at(-1) : (s.type ?? 'value')}`,
    );
    return `${code(`{ ${fields.join(', ')} }`)}${media}`;
  }
  return `${schema.type ?? 'value'}${media}`;
}

function contentLabel(content: Content | undefined): string | undefined {
  if (!content) return undefined;
  return Object.entries(content)
    .map(([media, { schema }]) => schemaLabel(schema, media))
    .join(', ');
}

function requestLabel(op: Operation): string {
  const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const parts = [
    ...(query.length ? [code(`?${query.join('&')}`)] : []),
    ...(op.requestBody ? [contentLabel(op.requestBody.content) ?? 'body'] : []),
  ];
  return parts.join(' ') || '—';
}

function statuses(op: Operation, success: boolean) {
  return Object.entries(op.responses ?? {})
    .filter(([status]) => Number(status) < 400 === success)
    .sort(([a], [b]) => Number(a) - Number(b));
}

function responseLabel(op: Operation): string {
  return statuses(op, true)
    .map(([status, r]) => [status, contentLabel(r.content)].filter(Boolean).join(' '))
    .join('; ');
}

/** The error codes by status, the common set shortened; codes come from `errorResponses`. */
function errorLabel(op: Operation, common: readonly string[], primitive: string): string {
  const coded = statuses(op, false).flatMap(([status, r]) =>
    r.description.split(' | ').map((c) => ({ status, code: ERROR_CODE.test(c) ? c : '' })),
  );
  const hasCommon = common.length > 0 && common.every((c) => coded.some((e) => e.code === c));
  const rest = coded
    .filter((e) => !(hasCommon && common.includes(e.code)))
    .map((e) => (e.code ? `${e.status} ${e.code}` : e.status));
  const parts = [...(hasCommon ? ['common'] : []), ...new Set(rest)];
  if (primitive === 'yjs-socket') parts.push('socket closes below');
  return parts.join(', ') || '—';
}

function idempotencyLabel(
  method: string,
  path: string,
  entry: InventoryEntry,
  input: InventoryInput,
): string {
  if (entry.primitive === 'op') return 'per op: its `id`';
  const parts = [
    ...(input.takesIdempotencyKey(method, path) ? ['with `Idempotency-Key`'] : []),
    ...(entry.idempotent ? [entry.idempotent] : []),
  ];
  if (parts.length) return `yes: ${parts.join('; ')}`;
  return method === 'GET' ? 'yes (read-only)' : 'no';
}

function checkEntry(where: string, entry: InventoryEntry | undefined, problems: string[]) {
  if (!entry) {
    problems.push(`${where} has no ${INVENTORY_EXTENSION} entry: spread inventory({...}) into it`);
    return;
  }
  if (!Object.hasOwn(PRIMITIVES, entry.primitive))
    problems.push(`${where}: unknown primitive ${entry.primitive}`);
  if (!Object.hasOwn(CALLERS, entry.caller))
    problems.push(`${where}: unknown caller ${entry.caller}`);
}

/** An op payload's fields, optional ones marked `?`. */
function payloadFields(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.keys(json.properties ?? {})
    .map((name) => code(required.has(name) ? name : `${name}?`))
    .join(', ');
}

/** The committed docs/endpoints.md. Throws InventoryIncomplete naming every missing entry. */
export function renderEndpointInventory(input: InventoryInput): string {
  const problems: string[] = [];
  const endpoints: string[][] = [];
  for (const [path, methods] of Object.entries(input.document.paths ?? {})) {
    for (const [lower, op] of Object.entries(methods)) {
      const method = lower.toUpperCase();
      const entry = op[INVENTORY_EXTENSION];
      checkEntry(`${method} ${path}`, entry, problems);
      if (!entry) continue;
      endpoints.push([
        method,
        code(path),
        PRIMITIVES[entry.primitive],
        op.summary ?? '',
        CALLERS[entry.caller],
        requestLabel(op),
        responseLabel(op),
        errorLabel(op, input.commonErrors, entry.primitive),
        idempotencyLabel(method, path, entry, input),
      ]);
    }
  }
  for (const e of input.undocumented) {
    checkEntry(`${e.method} ${e.path}`, e, problems);
    endpoints.push([
      e.method,
      code(e.path),
      PRIMITIVES[e.primitive],
      e.summary,
      CALLERS[e.caller],
      '—',
      '—',
      '—',
      idempotencyLabel(e.method, e.path, e, input),
    ]);
  }

  const ops: string[][] = [];
  for (const [type, schema] of Object.entries(input.opPayloadSchemas)) {
    const caller = input.opAccess[type];
    if (!caller || !Object.hasOwn(CALLERS, caller)) {
      problems.push(`op type ${type} has no entry in OP_ACCESS`);
      continue;
    }
    ops.push([code(type), CALLERS[caller], payloadFields(schema)]);
  }
  for (const type of Object.keys(input.opAccess)) {
    if (!Object.hasOwn(input.opPayloadSchemas, type))
      problems.push(`OP_ACCESS names ${type}, which is not an op type`);
  }
  if (problems.length) throw new InventoryIncomplete(problems.join('\n'));

  const closes = Object.entries(input.socketCloses)
    .sort(([, a], [, b]) => a - b)
    .map(([reason, n]) => [String(n), code(reason), n >= 4400 ? 'permanent' : 'temporary']);
  const lines = [
    '# Endpoints and sockets',
    '',
    GENERATED_BY,
    '',
    'Every way into the server: the REST routes, the op batch and the pull, the document socket, its HTTP fallback and uploads. Schema names are components of the OpenAPI document (`#/components/schemas/<Name>` in [packages/workers/openapi.json](../packages/workers/openapi.json), also served at `GET /api/openapi.json`). Errors are `status CODE` in the error envelope; "common" stands for ' +
      input.commonErrors.map(code).join(', ') +
      '. Project roles: a non-member gets 404, a member below the role 403 FORBIDDEN.',
    '',
    ...table(
      [
        'Method',
        'Path',
        'Primitive',
        'What',
        'Who may call',
        'Request',
        'Responses',
        'Errors',
        'Idempotent',
      ],
      endpoints,
    ),
    '',
    '## Document socket closes',
    '',
    'A permanent close (4400–4499) stops a stock y-websocket client from retrying; a temporary one lets it reconnect.',
    '',
    ...table(['Code', 'Reason', 'Kind'], closes),
    '',
    '## Op types (`POST /api/sync/ops`)',
    '',
    'Each op carries a client-chosen UUID `id`, its idempotency key: the same id again returns the first result as `duplicate` and changes nothing. A refused op is `rejected` with its error code while the rest of the batch applies. The payload schemas are `opPayloadSchemas` in packages/shared/src/sync/ops.ts.',
    '',
    ...table(['Op type', 'Who may send it', 'Payload fields'], ops),
    '',
  ];
  return lines.join('\n');
}
