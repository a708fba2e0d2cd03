// Everything docs/endpoints.md is generated from, in one module so the generator
// (scripts/lib/endpoints-document.ts) can load it from another copy of `src` (its drift test does).
export { createApp, OPENAPI_INFO } from '../app.ts';
export { DOC_CLOSE_CODES, opPayloadSchemas } from '@corates/shared';
export { OP_ACCESS } from '../domain/mutations/op-access.ts';
export { takesIdempotencyKey } from '../idempotency/idempotency-rules.ts';
export { COMMON_ERRORS } from './responses.ts';
export { UNDOCUMENTED_ENDPOINTS } from './inventory.ts';
