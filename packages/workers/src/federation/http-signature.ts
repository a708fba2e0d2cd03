import {
  createSignature,
  isSignatureError,
  SignatureErrorCode,
  verifySignature,
  webcrypto,
  type RequestDescriptor,
  type SignatureParameters,
  type VerifiedSignature,
} from 'http-message-sig';
import { toBase64 } from '../lib/base64.ts';

/**
 * RFC 9421 HTTP Message Signatures with Ed25519, as federation uses them: one signature, labelled
 * `corates`, covering the method, the target URI, `content-digest` (RFC 9530, sha-256) and
 * `date`, with `created`, `keyid`, `nonce` and `alg` parameters. Parsing, the signature base and
 * the Ed25519 signature itself are `http-message-sig`'s (WebCrypto, checked against RFC 9421's
 * Appendix B.2.6 in federation-signature.worker.test.ts); this module holds our policy on top:
 * the digest of the body, the 5-minute window on `created` and `date`, the nonce. Pure: no clock,
 * no storage — the caller passes `now` and remembers nonces (replay-store.ts).
 */

const SIGNATURE_LABEL = 'corates';
const COVERED_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'date'] as const;
/**
 * The fields the library is shown: the covered ones and the signature's own. A signature covering
 * any other field is refused (missing): our peers sign exactly COVERED_COMPONENTS.
 */
const FIELDS = new Set<string>([
  ...COVERED_COMPONENTS.filter((c) => !c.startsWith('@')),
  'signature',
  'signature-input',
]);
/** How far `created` and `date` may be from the verifier's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignableMessage {
  method: string;
  url: string;
  headers: Headers;
}

/**
 * The message as the library reads it. The URL is normalised (`URL.href`) on both sides: the
 * signer may hold `https://a.example` while the verifier sees the request's `https://a.example/`.
 * Only FIELDS go in: the library refuses a message with any non-ASCII field, and a request is
 * judged on what it signs, not on headers a proxy added.
 */
function descriptor(message: SignableMessage): RequestDescriptor {
  const fields: { name: string; value: string }[] = [];
  message.headers.forEach((value, name) => {
    if (FIELDS.has(name)) fields.push({ name, value });
  });
  return {
    kind: 'request',
    method: message.method.toUpperCase(),
    targetUri: new URL(message.url).href,
    fields,
  };
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
  const fields = await createSignature(descriptor(message), {
    label: SIGNATURE_LABEL,
    components: COVERED_COMPONENTS,
    parameters: {
      created: Math.floor(signer.now.getTime() / 1000),
      keyid: signer.keyid,
      nonce: signer.nonce ?? crypto.randomUUID(),
      alg: 'ed25519',
    },
    signer: webcrypto.signer(signer.key),
  });
  headers.set('signature-input', fields.signatureInput);
  headers.set('signature', fields.signature);
}

export type VerifyFailure = 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'SIGNATURE_OUT_OF_WINDOW';

export type VerifyResult =
  | { ok: true; keyid: string; nonce: string; created: number }
  | { ok: false; code: VerifyFailure; reason: string };

/**
 * The library's refusals that mean "no usable `corates` signature here": the fields or a covered
 * field absent, malformed, or signed under other labels only. Every other refusal (a component not
 * covered, a parameter missing, another alg, an unknown key, a signature that does not verify) is
 * SIGNATURE_INVALID.
 */
const MISSING = new Set<string>([
  SignatureErrorCode.MissingField,
  SignatureErrorCode.MalformedField,
  SignatureErrorCode.LabelMismatch,
  SignatureErrorCode.LabelRequired,
  SignatureErrorCode.DuplicateLabel,
]);

/**
 * Verifies a request signed as `signRequest` signs: our label present, every required component
 * covered, `created`, `keyid` and a nonce, `alg` absent or ed25519, the signature valid under the
 * key `keyFor` gives for the `keyid` (undefined or a rejection: unknown key), then — on the
 * verified parameters — `created` and `date` within the window of `now` and the body's digest
 * equal to `content-digest`. Replays are the caller's to refuse (by keyid + nonce).
 */
export async function verifyRequest(
  message: SignableMessage & { body: Uint8Array },
  now: Date,
  keyFor: (keyid: string) => Promise<CryptoKey | undefined>,
): Promise<VerifyResult> {
  const fail = (code: VerifyFailure, reason: string): VerifyResult => ({ ok: false, code, reason });
  const nowSeconds = now.getTime() / 1000;
  let verified: VerifiedSignature;
  try {
    verified = await verifySignature(descriptor(message), {
      label: SIGNATURE_LABEL,
      policy: {
        algorithms: ['ed25519'],
        requiredComponents: COVERED_COMPONENTS,
        requiredParameters: ['created', 'keyid', 'nonce'],
        now: nowSeconds,
        // The window is ours (below, on the verified values): it covers `date` too and answers
        // SIGNATURE_OUT_OF_WINDOW, where the library's own would be a bare PolicyViolation
        // thrown before verification. An unbounded skew switches the library's off (its
        // `expires` check too: a parameter our signers do not send).
        clockSkew: Number.MAX_SAFE_INTEGER,
      },
      async resolveVerifier({ parameters }) {
        // requiredParameters ran first: keyid is a string. A key that cannot be had (unknown, or
        // one that will not import) fails the signature.
        const key = await keyFor(parameters.keyid as string);
        if (!key) throw new Error('unknown key');
        const verifier = webcrypto.verifier(key);
        return {
          algorithm: verifier.algorithm,
          // workerd throws (OperationError) on a signature that is not 64 bytes: that is a
          // signature that fails, not a server error.
          verify: (data, signature) =>
            Promise.resolve(verifier.verify(data, signature)).catch(() => false),
        };
      },
    });
  } catch (error) {
    if (!isSignatureError(error)) throw error;
    if (MISSING.has(error.code))
      return fail('SIGNATURE_MISSING', `no valid corates signature: ${error.message}`);
    if (error.code === SignatureErrorCode.ResolverFailed)
      return fail('SIGNATURE_INVALID', 'unknown key');
    if (error.code === SignatureErrorCode.VerificationFailed)
      return fail('SIGNATURE_INVALID', 'the signature does not verify');
    return fail('SIGNATURE_INVALID', error.message);
  }
  // requiredParameters made these present, and the library checked their types.
  const { created, keyid, nonce } = verified.parameters as Required<SignatureParameters>;
  if (nonce.length < 16 || nonce.length > 128)
    return fail('SIGNATURE_INVALID', 'the signature needs a nonce of 16–128 characters');
  const date = Date.parse(message.headers.get('date') ?? '');
  if (Number.isNaN(date)) return fail('SIGNATURE_MISSING', 'the request has no valid date');
  if (
    Math.abs(nowSeconds - created) > SIGNATURE_WINDOW_SECONDS ||
    Math.abs(nowSeconds - date / 1000) > SIGNATURE_WINDOW_SECONDS
  )
    return fail('SIGNATURE_OUT_OF_WINDOW', 'signed more than 5 minutes from our clock');
  // `content-digest` is covered, so it is the signer's; the body must be the one it digests.
  const digest = message.headers.get('content-digest') ?? '';
  if (!digest.split(/\s*,\s*/).includes(await contentDigest(message.body)))
    return fail('SIGNATURE_INVALID', 'content-digest does not match the body');
  return { ok: true, keyid, nonce, created };
}
