/**
 * What docs/endpoints.md says of each way into the server, declared beside the route: every
 * route's `createRoute` (and every hand-registered path) spreads `inventory({...})`, which lands
 * in the OpenAPI document as the `x-corates` extension. The generator
 * (scripts/lib/endpoint-inventory.ts) refuses a route without it, so a new route cannot go
 * unlisted. Methods, paths, schemas and error codes come from the route definition itself.
 */

/** The OpenAPI extension the inventory entry travels in. */
export const INVENTORY_EXTENSION = 'x-corates';

/** How a client syncs through the endpoint. */
export const PRIMITIVES = {
  rest: 'REST',
  op: 'ops batch',
  pull: 'pull',
  'yjs-socket': 'Yjs socket',
  'http-fallback': 'HTTP fallback',
  upload: 'upload',
  federation: 'federation',
} as const;
export type Primitive = keyof typeof PRIMITIVES;

/** Who may call it; project roles name the lowest role that may (roles are ordered). */
export const CALLERS = {
  anonymous: 'anyone, no session',
  'signed-in': 'any signed-in user',
  viewer: 'project viewer, editor, owner',
  editor: 'project editor, owner',
  owner: 'project owner',
  'owner-or-self': 'project owner; any member for themselves',
  'invited-address': 'the signed-in user with the invited address',
  'platform-admin': 'platform admin',
  'peer-server': 'another CoRATES server, signed (RFC 9421)',
  'per-op': 'per op type (see below)',
} as const;
export type Caller = keyof typeof CALLERS;

export interface InventoryEntry {
  primitive: Primitive;
  caller: Caller;
  /**
   * Why repeating the request is safe when nothing else says so. Reads are safe, REST mutations
   * covered by the `Idempotency-Key` middleware and ops (their ids) need nothing here.
   */
  idempotent?: string;
}

/** The extension to spread into a route definition. */
export function inventory(entry: InventoryEntry): { 'x-corates': InventoryEntry } {
  return { [INVENTORY_EXTENSION]: entry };
}

/** An endpoint no route definition documents (served by a library or by Hono itself). */
export interface UndocumentedEndpoint extends InventoryEntry {
  method: string;
  path: string;
  summary: string;
}

export const UNDOCUMENTED_ENDPOINTS: UndocumentedEndpoint[] = [
  {
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API described as OpenAPI 3.1 (the committed packages/workers/openapi.json)',
    primitive: 'rest',
    caller: 'anonymous',
  },
  // better-auth's handler serves its whole API; the endpoints the app uses are documented routes.
  {
    method: 'GET',
    path: '/api/auth/*',
    summary: "better-auth's other reads (the session, …)",
    primitive: 'rest',
    caller: 'anonymous',
  },
  {
    method: 'POST',
    path: '/api/auth/*',
    summary: "better-auth's other actions (password change, …); answers in the error envelope",
    primitive: 'rest',
    caller: 'anonymous',
  },
];
