import { createMiddleware } from 'hono/factory';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyKeySchema,
} from '@corates/shared';
import { loadSessionUser } from '../auth/session.ts';
import type { AppContext, AppEnv } from '../env.ts';
import { AppError } from '../lib/app-error.ts';
import { validationError } from '../lib/error-handler.ts';
import { toHex } from '../lib/hex.ts';
import { PDF_UPLOAD_PATH } from '../routes/pdfs.ts';
import { decide, isReplayable, takesIdempotencyKey } from './idempotency-rules.ts';
import {
  claimKey,
  releaseKey,
  storeResponse,
  takeOverKey,
  type StoredResponse,
} from './idempotent-requests.ts';

/**
 * `Idempotency-Key` on REST mutations: the first request with a key runs, and a repeat of the same
 * request (same user, method, path and body) gets the first answer back, marked
 * `Idempotent-Replayed: true`, without running again. The key with a different request is 422
 * IDEMPOTENCY_MISMATCH; a repeat while the first still runs is 409 CONFLICT (retry shortly).
 */
export const idempotencyKeys = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (header === undefined || !takesIdempotencyKey(c.req.method, c.req.path)) return next();
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) throw validationError(parsed.error, `${IDEMPOTENCY_KEY_HEADER} header`);
  const user = await loadSessionUser(c);
  if (!user) return next(); // the route answers 401
  const key = parsed.data;
  const { db } = c.var;
  const fingerprint = await fingerprintRequest(c);

  const stored = await claimKey(db, user.id, key, fingerprint);
  if (stored !== 'claimed') {
    const decision = decide(stored, fingerprint, new Date());
    if (decision.action === 'replay' && stored.response) return replay(stored.response);
    if (decision.action === 'mismatch') {
      throw new AppError(
        'IDEMPOTENCY_MISMATCH',
        `this ${IDEMPOTENCY_KEY_HEADER} was used for a different request`,
      );
    }
    const tookOver =
      decision.action === 'take-over' && (await takeOverKey(db, user.id, key, stored, fingerprint));
    if (!tookOver) {
      throw new AppError(
        'CONFLICT',
        `a request with this ${IDEMPOTENCY_KEY_HEADER} is still running; retry in a moment`,
        { retryAfterSeconds: 1 },
      );
    }
  }

  await next();
  if (isReplayable(c.res.status)) {
    await storeResponse(db, user.id, key, {
      status: c.res.status,
      body: await c.res.clone().text(),
      contentType: c.res.headers.get('Content-Type'),
    });
  } else {
    await releaseKey(db, user.id, key);
  }
});

/**
 * SHA-256 over method, path, query and body. A PDF upload's body streams to R2 and is never held
 * whole, so it is represented by its declared type and length.
 */
async function fingerprintRequest(c: AppContext): Promise<string> {
  const url = new URL(c.req.url);
  const head = `${c.req.method} ${url.pathname}${url.search}\n`;
  const body =
    c.req.method === 'POST' && PDF_UPLOAD_PATH.test(c.req.path)
      ? new TextEncoder().encode(
          `${c.req.header('Content-Type') ?? ''} ${c.req.header('Content-Length') ?? ''}`,
        )
      : new Uint8Array(await c.req.arrayBuffer());
  const prefix = new TextEncoder().encode(head);
  const bytes = new Uint8Array(prefix.byteLength + body.byteLength);
  bytes.set(prefix);
  bytes.set(body, prefix.byteLength);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return toHex(new Uint8Array(digest));
}

function replay(response: StoredResponse): Response {
  const headers = new Headers({ [IDEMPOTENT_REPLAYED_HEADER]: 'true' });
  if (response.contentType) headers.set('Content-Type', response.contentType);
  // A 204 has no body, and a Response refuses one.
  return new Response(response.status === 204 ? null : response.body, {
    status: response.status,
    headers,
  });
}
