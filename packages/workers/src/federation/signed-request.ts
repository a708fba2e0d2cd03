import type { AppContext } from '../env.ts';
import { AppError } from '../lib/app-error.ts';
import { verifyRequest } from './http-signature.ts';
import { rememberSignature } from './replay-store.ts';

/**
 * Verifies the RFC 9421 signature of the server-to-server request in `c` and remembers it, so the
 * same signature is refused a second time: 401 SIGNATURE_MISSING, SIGNATURE_INVALID,
 * SIGNATURE_OUT_OF_WINDOW or SIGNATURE_REPLAYED. Reads the body as bytes (Hono caches them, so the
 * route's JSON validation reads the same bytes after). Returns the verified keyid.
 */
export async function requireSignedRequest(
  c: AppContext,
  keyFor: (keyid: string) => Promise<CryptoKey | undefined>,
  now = new Date(),
): Promise<string> {
  const body = new Uint8Array(await c.req.arrayBuffer());
  const result = await verifyRequest(
    { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body },
    now,
    keyFor,
  );
  if (!result.ok) throw new AppError(result.code, result.reason);
  if (!(await rememberSignature(c.var.db, result.keyid, result.nonce, now))) {
    throw new AppError('SIGNATURE_REPLAYED', 'this signed request was already received');
  }
  return result.keyid;
}
