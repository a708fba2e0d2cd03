import { describe, expect, it } from 'vitest';
import {
  createSignature,
  verifySignature,
  webcrypto,
  type RequestDescriptor,
} from 'http-message-sig';
import { fromBase64 } from '../src/lib/base64.ts';
import { contentDigest, signRequest, verifyRequest } from '../src/federation/http-signature.ts';
import { readCompactClaims, signCompact, verifyCompact } from '../src/federation/compact-token.ts';
import { importServerKey } from '../src/federation/server-key.ts';
import { newServerSeed } from './federation-keys.ts';
import { toBase64Url } from '../src/federation/base64url.ts';

/** RFC 9421 Appendix B.1.4 "test-key-ed25519" (PKCS #8) and Appendix B.2.6's message. */
const RFC_PRIVATE_PKCS8 = 'MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF';
const RFC_SIGNATURE =
  'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==';
const RFC_BASE = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@method": POST',
  '"@path": /foo',
  '"@authority": example.com',
  '"content-type": application/json',
  '"content-length": 18',
  '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join('\n');

describe('RFC 9421 Appendix B.2.6 (Ed25519)', () => {
  // http-message-sig builds the base and signs; federation's signatures are made the same way.
  const message: RequestDescriptor = {
    kind: 'request',
    method: 'POST',
    targetUri: 'https://example.com/foo?param=Value&Pet=dog',
    fields: [
      { name: 'Date', value: 'Tue, 20 Apr 2021 02:07:55 GMT' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Length', value: '18' },
    ],
  };
  const components = ['date', '@method', '@path', '@authority', 'content-type', 'content-length'];
  const parameters = { created: 1618884473, keyid: 'test-key-ed25519' };
  const RFC_INPUT =
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
  // The seed is the PKCS #8 document's last 32 bytes: importServerKey wraps it back.
  const rfcKey = () => importServerKey(toBase64Url(fromBase64(RFC_PRIVATE_PKCS8).subarray(16)));

  it('builds the signature base byte for byte, and its fields', async () => {
    const key = await rfcKey();
    const signer = webcrypto.signer(key.privateKey);
    let base = '';
    const fields = await createSignature(message, {
      label: 'sig-b26',
      components,
      parameters,
      signer: {
        algorithm: signer.algorithm,
        sign(data) {
          base = new TextDecoder().decode(data);
          return signer.sign(data);
        },
      },
    });
    expect(base).toBe(RFC_BASE);
    expect(fields).toEqual({ signatureInput: RFC_INPUT, signature: `sig-b26=:${RFC_SIGNATURE}:` });
  });

  it("verifies the RFC's signature under the RFC's public key, and not a changed message", async () => {
    const key = await rfcKey();
    const signed = (fields: RequestDescriptor['fields']): RequestDescriptor => ({
      ...message,
      fields: [
        ...fields,
        { name: 'Signature-Input', value: RFC_INPUT },
        { name: 'Signature', value: `sig-b26=:${RFC_SIGNATURE}:` },
      ],
    });
    const options = {
      label: 'sig-b26',
      policy: {
        algorithms: ['ed25519'],
        requiredComponents: components,
        requiredParameters: ['created', 'keyid'],
        now: parameters.created,
      },
      resolveVerifier: () => webcrypto.verifier(key.publicKey),
    };
    const verified = await verifySignature(signed(message.fields), options);
    expect(verified).toMatchObject({ label: 'sig-b26', algorithm: 'ed25519', parameters });
    const changed = signed([
      ...message.fields.slice(0, 2),
      { name: 'Content-Length', value: '19' },
    ]);
    await expect(verifySignature(changed, options)).rejects.toMatchObject({
      code: 'VerificationFailed',
    });
  });

  it("signs it to the RFC's signature with the RFC's key (Ed25519 is deterministic)", async () => {
    const key = await rfcKey();
    expect(key.publicKeyB64).toBe('JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs');
    const signature = new Uint8Array(
      await crypto.subtle.sign('Ed25519', key.privateKey, new TextEncoder().encode(RFC_BASE)),
    );
    expect(signature).toEqual(fromBase64(RFC_SIGNATURE));
    const verifies = await crypto.subtle.verify(
      'Ed25519',
      key.publicKey,
      fromBase64(RFC_SIGNATURE),
      new TextEncoder().encode(RFC_BASE),
    );
    expect(verifies).toBe(true);
  });
});

describe('RFC 9530 Content-Digest', () => {
  it('is sha-256 of the body as a byte sequence (RFC 9530 §2 example body)', async () => {
    const body = new TextEncoder().encode('{"hello": "world"}\n');
    expect(await contentDigest(body)).toBe(
      'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:',
    );
  });
});

describe('signRequest / verifyRequest', () => {
  const now = new Date('2026-12-07T11:00:00Z');
  const url = 'https://a.example/api/federation/v1/invites/redeem';

  async function signed(body = '{"x":1}', at = now) {
    const key = await importServerKey(newServerSeed());
    const headers = new Headers({ 'content-type': 'application/json' });
    const bytes = new TextEncoder().encode(body);
    await signRequest(
      { method: 'POST', url, headers, body: bytes },
      {
        key: key.privateKey,
        keyid: key.serverId,
        now: at,
      },
    );
    return { key, headers, bytes };
  }
  const verify = (
    headers: Headers,
    body: Uint8Array,
    key: CryptoKey | undefined,
    at = now,
    method = 'POST',
    target = url,
  ) => verifyRequest({ method, url: target, headers, body }, at, async () => key);

  it('covers method, target URI, content-digest and date with created, keyid, nonce, alg', async () => {
    const { key, headers, bytes } = await signed();
    expect(headers.get('signature-input')).toMatch(
      new RegExp(
        `^corates=\\("@method" "@target-uri" "content-digest" "date"\\);created=${now.getTime() / 1000};keyid="${key.serverId}";nonce="[0-9a-f-]{36}";alg="ed25519"$`,
      ),
    );
    const result = await verify(headers, bytes, key.publicKey);
    expect(result).toMatchObject({ ok: true, keyid: key.serverId, created: now.getTime() / 1000 });
  });

  it('refuses an unsigned request, another key, another body, method or URI', async () => {
    const { key, headers, bytes } = await signed();
    const other = await importServerKey(newServerSeed());
    expect(await verify(new Headers(), bytes, key.publicKey)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_MISSING',
    });
    expect(await verify(headers, bytes, other.publicKey)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    expect(await verify(headers, bytes, undefined)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    const broken = await verifyRequest({ method: 'POST', url, headers, body: bytes }, now, () =>
      Promise.reject(new Error('not a key')),
    );
    expect(broken).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID', reason: 'unknown key' });
    const tampered = new TextEncoder().encode('{"x":2}');
    expect(await verify(headers, tampered, key.publicKey)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: 'content-digest does not match the body',
    });
    // A body swapped along with a matching digest: the digest is covered, so the signature fails.
    const swapped = new Headers(headers);
    swapped.set('content-digest', await contentDigest(tampered));
    expect(await verify(swapped, tampered, key.publicKey)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: 'the signature does not verify',
    });
    // A signature of the wrong length is a signature that fails, not an error.
    const short = new Headers(headers);
    short.set('signature', 'corates=:AAAA:');
    expect(await verify(short, bytes, key.publicKey)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    expect(await verify(headers, bytes, key.publicKey, now, 'PUT')).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    expect(
      await verify(headers, bytes, key.publicKey, now, 'POST', `${url}?share=other`),
    ).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
  });

  it('judges only what is signed: headers added on the way, the URL as the server spells it', async () => {
    const { key, headers, bytes } = await signed();
    const proxied = new Headers(headers);
    // DEL: a byte the library refuses in any field it is shown.
    proxied.set('x-forwarded-by', 'a\x7fb');
    expect(await verify(proxied, bytes, key.publicKey)).toMatchObject({ ok: true });
    const bare = new Headers();
    await signRequest(
      { method: 'get', url: 'https://A.example', headers: bare, body: new Uint8Array() },
      { key: key.privateKey, keyid: key.serverId, now },
    );
    const asReceived = await verify(
      bare,
      new Uint8Array(),
      key.publicKey,
      now,
      'GET',
      'https://a.example/',
    );
    expect(asReceived).toMatchObject({ ok: true });
  });

  it('refuses a signature that does not cover a required component', async () => {
    const { key, headers, bytes } = await signed();
    const input = headers.get('signature-input')!.replace(' "date"', '');
    const fewer = new Headers(headers);
    fewer.set('signature-input', input);
    expect(await verify(fewer, bytes, key.publicKey)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: 'Required component "date" is absent',
    });
  });

  it('accepts within 5 minutes either way and refuses outside', async () => {
    const { key, headers, bytes } = await signed();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(await verify(headers, bytes, key.publicKey, at(299))).toMatchObject({ ok: true });
    expect(await verify(headers, bytes, key.publicKey, at(-299))).toMatchObject({ ok: true });
    expect(await verify(headers, bytes, key.publicKey, at(301))).toMatchObject({
      ok: false,
      code: 'SIGNATURE_OUT_OF_WINDOW',
    });
    expect(await verify(headers, bytes, key.publicKey, at(-301))).toMatchObject({
      ok: false,
      code: 'SIGNATURE_OUT_OF_WINDOW',
    });
  });
});

describe('compact signed tokens', () => {
  it('verify under the signing key only, and not after any change', async () => {
    const key = await importServerKey(newServerSeed());
    const other = await importServerKey(newServerSeed());
    const token = await signCompact(key.privateKey, { share: 's1', exp: 1 });
    expect(readCompactClaims(token)).toEqual({ share: 's1', exp: 1 });
    expect(await verifyCompact(key.publicKey, token)).toBe(true);
    expect(await verifyCompact(other.publicKey, token)).toBe(false);
    const [body, sig] = token.split('.') as [string, string];
    const altered = toBase64Url(new TextEncoder().encode(JSON.stringify({ share: 's2', exp: 1 })));
    expect(await verifyCompact(key.publicKey, `${altered}.${sig}`)).toBe(false);
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(await verifyCompact(key.publicKey, `${body}.${flipped}`)).toBe(false);
    expect(await verifyCompact(key.publicKey, body)).toBe(false);
  });
});
