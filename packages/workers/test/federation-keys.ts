import { toBase64Url } from '../src/federation/base64url.ts';

/** A fresh Ed25519 seed, base64url: the format of FEDERATION_PRIVATE_KEY (another server's key). */
export function newServerSeed(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
