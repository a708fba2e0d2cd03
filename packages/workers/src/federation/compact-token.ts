import { fromBase64Url, toBase64Url } from './base64url.ts';
import { signBytes, verifyBytes } from './server-key.ts';

/**
 * A compact signed token: `base64url(JSON claims) "." base64url(Ed25519 signature over the first
 * part's ASCII)`. JWS-like without its header: the algorithm is fixed, so there is nothing for a
 * forger to choose ("alg": "none" and key confusion have no way in).
 */
export async function signCompact(key: CryptoKey, claims: unknown): Promise<string> {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  const signature = await signBytes(key, new TextEncoder().encode(body));
  return `${body}.${toBase64Url(signature)}`;
}

/** The claims, unverified: to learn who claims to have signed them (then `verifyCompact`). */
export function readCompactClaims(token: string): unknown {
  const [body] = token.split('.');
  try {
    return JSON.parse(
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64Url(body ?? '')),
    );
  } catch {
    return undefined;
  }
}

/** Whether the token's signature verifies under `key` (any change to either part fails it). */
export async function verifyCompact(key: CryptoKey, token: string): Promise<boolean> {
  const parts = token.split('.');
  if (parts.length !== 2) return false;
  const [body, signature] = parts as [string, string];
  try {
    return await verifyBytes(key, fromBase64Url(signature), new TextEncoder().encode(body));
  } catch {
    return false;
  }
}
