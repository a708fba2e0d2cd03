import { fromBase64, toBase64 } from '../lib/base64.ts';
import { signBytes, verifyBytes } from './server-key.ts';

/**
 * RFC 9421 HTTP Message Signatures with Ed25519, the subset federation uses: one signature,
 * labelled `corates`, covering the method, the target URI, `content-digest` (RFC 9530, sha-256)
 * and `date`, with `created`, `keyid`, `nonce` and `alg` parameters. Pure: no clock, no storage —
 * the caller passes `now` and remembers nonces (replay-store.ts). Verified against RFC 9421's own
 * Ed25519 example (Appendix B.2.6) in http-signature.worker.test.ts.
 */

export const SIGNATURE_LABEL = 'corates';
export const COVERED_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'date'] as const;
/** How far `created` and `date` may be from the verifier's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignableMessage {
  method: string;
  url: string;
  headers: Headers;
}

export interface SignatureParams {
  created: number;
  keyid: string;
  nonce?: string;
  alg?: string;
}

/** A derived component's or a header field's value (RFC 9421 §2.1, §2.2); undefined if absent. */
export function componentValue(message: SignableMessage, name: string): string | undefined {
  const url = new URL(message.url);
  switch (name) {
    case '@method':
      return message.method.toUpperCase();
    case '@target-uri':
      return url.href;
    case '@authority':
      return url.host.toLowerCase();
    case '@scheme':
      return url.protocol.slice(0, -1).toLowerCase();
    case '@path':
      return url.pathname;
    case '@query':
      return url.search || '?';
    default: {
      if (name.startsWith('@')) return undefined;
      const value = message.headers.get(name);
      // Header values are trimmed (§2.1); multiple lines are joined by ", " (Headers does that).
      return value === null ? undefined : value.trim();
    }
  }
}

/** The `@signature-params` value: the inner list of components with its parameters (§2.3). */
export function serializeSignatureParams(
  components: readonly string[],
  params: SignatureParams,
): string {
  let out = `(${components.map((c) => `"${c}"`).join(' ')});created=${params.created}`;
  out += `;keyid="${params.keyid}"`;
  if (params.nonce !== undefined) out += `;nonce="${params.nonce}"`;
  if (params.alg !== undefined) out += `;alg="${params.alg}"`;
  return out;
}

/** The signature base (§2.5); undefined when a covered component is missing from the message. */
export function signatureBase(
  message: SignableMessage,
  components: readonly string[],
  serializedParams: string,
): string | undefined {
  const lines: string[] = [];
  for (const name of components) {
    const value = componentValue(message, name);
    if (value === undefined || /[\r\n]/.test(value)) return undefined;
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${serializedParams}`);
  return lines.join('\n');
}

/** `Content-Digest` (RFC 9530) of a body: `sha-256=:<base64>:`. */
export async function contentDigest(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return `sha-256=:${toBase64(digest)}:`;
}

/**
 * Signs a request: sets `content-digest`, `date`, `signature-input` and `signature` on `headers`
 * (a fresh random nonce unless one is given).
 */
export async function signRequest(
  message: SignableMessage & { body: Uint8Array },
  signer: { key: CryptoKey; keyid: string; now: Date; nonce?: string },
): Promise<void> {
  const { headers } = message;
  headers.set('content-digest', await contentDigest(message.body));
  headers.set('date', signer.now.toUTCString());
  const params: SignatureParams = {
    created: Math.floor(signer.now.getTime() / 1000),
    keyid: signer.keyid,
    nonce: signer.nonce ?? crypto.randomUUID(),
    alg: 'ed25519',
  };
  const serialized = serializeSignatureParams(COVERED_COMPONENTS, params);
  const base = signatureBase(message, COVERED_COMPONENTS, serialized);
  if (base === undefined) throw new Error('a covered component is missing');
  const signature = await signBytes(signer.key, new TextEncoder().encode(base));
  headers.set('signature-input', `${SIGNATURE_LABEL}=${serialized}`);
  headers.set('signature', `${SIGNATURE_LABEL}=:${toBase64(signature)}:`);
}

export interface ParsedSignature {
  components: string[];
  params: SignatureParams;
  /** The inner list exactly as received: the signature base's last line. */
  serializedParams: string;
  signature: Uint8Array;
}

const TOKEN = String.raw`[a-z*][a-z0-9_.*-]*`;
const PARAM = String.raw`;${TOKEN}=(?:"[\x20-\x21\x23-\x5b\x5d-\x7e]*"|-?\d{1,15})`;
const INNER_LIST = String.raw`\((?:"[^"\\\s]+"(?: "[^"\\\s]+")*)?\)(?:${PARAM})*`;

/**
 * Our labelled signature out of `Signature-Input` and `Signature` (§4.1, §4.2), strictly: the
 * parameters we know, string and integer values, no component parameters. Undefined when absent
 * or malformed (other labels in the same fields are ignored).
 */
export function parseSignature(headers: Headers): ParsedSignature | undefined {
  const input = headers.get('signature-input');
  const sig = headers.get('signature');
  if (input === null || sig === null) return undefined;
  const inputMatch = new RegExp(`(?:^|,\\s*)${SIGNATURE_LABEL}=(${INNER_LIST})\\s*(?:,|$)`).exec(
    input,
  );
  const sigMatch = new RegExp(
    `(?:^|,\\s*)${SIGNATURE_LABEL}=:([A-Za-z0-9+/]+={0,2}):\\s*(?:,|$)`,
  ).exec(sig);
  if (!inputMatch?.[1] || !sigMatch?.[1]) return undefined;
  const serializedParams = inputMatch[1];
  const close = serializedParams.indexOf(')');
  const components = [...serializedParams.slice(0, close).matchAll(/"([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const raw = new Map<string, string>();
  for (const m of serializedParams.slice(close + 1).matchAll(/;([^=]+)=("([^"]*)"|-?\d+)/g)) {
    const [, name, value, quoted] = m as unknown as [string, string, string, string | undefined];
    if (raw.has(name)) return undefined;
    raw.set(name, quoted ?? value);
  }
  const created = Number(raw.get('created'));
  const keyid = raw.get('keyid');
  if (!Number.isSafeInteger(created) || keyid === undefined) return undefined;
  let signature: Uint8Array;
  try {
    signature = fromBase64(sigMatch[1]);
  } catch {
    return undefined;
  }
  return {
    components,
    params: { created, keyid, nonce: raw.get('nonce'), alg: raw.get('alg') },
    serializedParams,
    signature,
  };
}

export type VerifyFailure = 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'SIGNATURE_OUT_OF_WINDOW';

export type VerifyResult =
  | { ok: true; keyid: string; nonce: string; created: number }
  | { ok: false; code: VerifyFailure; reason: string };

/**
 * Verifies a request signed as `signRequest` signs: our label present, every required component
 * covered, a nonce, `alg` absent or ed25519, `created` and `date` within the window of `now`, the
 * body's digest equal to `content-digest`, and the signature valid under the key `keyFor` gives
 * for the `keyid` (undefined: unknown key). Replays are the caller's to refuse (by keyid + nonce).
 */
export async function verifyRequest(
  message: SignableMessage & { body: Uint8Array },
  now: Date,
  keyFor: (keyid: string) => Promise<CryptoKey | undefined>,
): Promise<VerifyResult> {
  const fail = (code: VerifyFailure, reason: string): VerifyResult => ({ ok: false, code, reason });
  const parsed = parseSignature(message.headers);
  if (!parsed) return fail('SIGNATURE_MISSING', 'no valid corates signature in the request');
  const { params, components } = parsed;
  const missing = COVERED_COMPONENTS.filter((c) => !components.includes(c));
  if (missing.length > 0) return fail('SIGNATURE_INVALID', `not covered: ${missing.join(', ')}`);
  if (params.nonce === undefined || params.nonce.length < 16 || params.nonce.length > 128)
    return fail('SIGNATURE_INVALID', 'the signature needs a nonce of 16–128 characters');
  if (params.alg !== undefined && params.alg !== 'ed25519')
    return fail('SIGNATURE_INVALID', `unsupported alg ${params.alg}`);
  const nowSeconds = now.getTime() / 1000;
  const date = Date.parse(message.headers.get('date') ?? '');
  if (Number.isNaN(date)) return fail('SIGNATURE_MISSING', 'the request has no valid date');
  if (
    Math.abs(nowSeconds - params.created) > SIGNATURE_WINDOW_SECONDS ||
    Math.abs(nowSeconds - date / 1000) > SIGNATURE_WINDOW_SECONDS
  )
    return fail('SIGNATURE_OUT_OF_WINDOW', 'signed more than 5 minutes from our clock');
  const digest = message.headers.get('content-digest');
  if (digest === null) return fail('SIGNATURE_MISSING', 'the request has no content-digest');
  const expected = await contentDigest(message.body);
  if (!digest.split(/\s*,\s*/).includes(expected))
    return fail('SIGNATURE_INVALID', 'content-digest does not match the body');
  const base = signatureBase(message, components, parsed.serializedParams);
  if (base === undefined) return fail('SIGNATURE_INVALID', 'a covered component is missing');
  // A key that cannot be had (unknown, or one that will not import) is a signature that fails.
  const key = await keyFor(params.keyid).catch(() => undefined);
  if (!key) return fail('SIGNATURE_INVALID', 'unknown key');
  const valid = await verifyBytes(key, parsed.signature, new TextEncoder().encode(base)).catch(
    () => false,
  );
  if (!valid) return fail('SIGNATURE_INVALID', 'the signature does not verify');
  return { ok: true, keyid: params.keyid, nonce: params.nonce, created: params.created };
}
