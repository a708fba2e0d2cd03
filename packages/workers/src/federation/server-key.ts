import { toBase64Url, fromBase64Url } from './base64url.ts';

/**
 * A server's Ed25519 key pair (WebCrypto). The private key is configured as a 32-byte seed,
 * base64url (`FEDERATION_PRIVATE_KEY`: a Worker secret in deployment, written to `.dev.vars` on
 * first local start); WebCrypto imports a private Ed25519 key only as PKCS #8 (or JWK), so the seed
 * is wrapped in the fixed PKCS #8 prefix of RFC 8410.
 */
export interface ServerKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The raw 32-byte public key, base64url: what the well-known document publishes. */
  publicKeyB64: string;
  /** `srv_` + the first 16 bytes of SHA-256 over the raw public key, base64url. */
  serverId: string;
}

const PKCS8_ED25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const ED25519 = { name: 'Ed25519' } as const;

export async function importServerKey(seedB64: string): Promise<ServerKey> {
  const seed = fromBase64Url(seedB64.trim());
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  pkcs8.set(PKCS8_ED25519_PREFIX);
  pkcs8.set(seed, PKCS8_ED25519_PREFIX.length);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
  // The public half is in the private key's JWK (`x`): no second secret to configure.
  const { x } = (await crypto.subtle.exportKey('jwk', privateKey)) as JsonWebKey;
  if (!x) throw new Error('the runtime did not export the public key');
  return {
    privateKey,
    publicKey: await importPublicKey(x),
    publicKeyB64: x,
    serverId: await serverIdOf(x),
  };
}

/** A peer's public key as its well-known document (or a redeem request) gives it. */
export function importPublicKey(publicKeyB64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(publicKeyB64), ED25519, true, ['verify']);
}

export async function serverIdOf(publicKeyB64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64Url(publicKeyB64)));
  return `srv_${toBase64Url(digest.subarray(0, 16))}`;
}

export async function signBytes(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, key, data));
}

export function verifyBytes(key: CryptoKey, signature: Uint8Array, data: Uint8Array) {
  return crypto.subtle.verify(ED25519, key, signature, data);
}
