// Password hashing with WebCrypto PBKDF2-SHA256. better-auth's default scrypt runs in pure JS,
// which costs hundreds of milliseconds of Worker CPU per sign-in; PBKDF2 runs natively in workerd.
// 100,000 iterations is the most the Workers runtime accepts.
import { fromHex, toHex } from '../lib/hex.ts';

const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;
const PREFIX = 'pbkdf2-sha256';

const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, ITERATIONS);
  return `${PREFIX}$${ITERATIONS}$${toHex(salt)}$${toHex(hash)}`;
}

/** Constant-time comparison of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [prefix, iterations, saltHex, hashHex] = stored.split('$');
  if (prefix !== PREFIX || !iterations || !saltHex || !hashHex) return false;
  const n = Number(iterations);
  if (!Number.isInteger(n) || n < 1 || n > ITERATIONS) return false;
  const expected = fromHex(hashHex);
  const actual = await derive(password, fromHex(saltHex), n);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
