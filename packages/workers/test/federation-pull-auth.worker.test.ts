import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_SCHEMA_VERSIONS, federatedShareSchema } from '@corates/shared';
import { call, createProject, signUp } from './api.ts';
import { signRequest } from '../src/federation/http-signature.ts';
import { importServerKey, type ServerKey } from '../src/federation/server-key.ts';
import { newServerSeed } from './federation-keys.ts';

// The publisher's check of a subscriber's requests for a share (requirePeer), through the first
// route behind it, GET /api/federation/v1/shares/<shareId>: one request that passes, and one that
// fails for each reason, each otherwise like the one that passes.

const ORIGIN = 'http://corates.test';
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  owner = await signUp('Owner');
});

interface Subscriber {
  key: ServerKey;
  token: string;
  shareId: string;
}

/** A share of a fresh project and a server subscribed to it (redeemed as the shares test does). */
async function subscribedServer(): Promise<Subscriber> {
  const project = await createProject(owner.cookie, 'Pulled');
  const share = await call('POST', `/api/projects/${project.id}/shares`, {
    cookie: owner.cookie,
    body: { mode: 'read' },
  });
  const invite = await call('POST', `/api/shares/${share.json.id}/invites`, {
    cookie: owner.cookie,
  });
  const key = await importServerKey(newServerSeed());
  const body = {
    invite: invite.json.invite,
    subscriber: {
      origin: 'https://b.example',
      serverId: key.serverId,
      publicKey: key.publicKeyB64,
      schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
    },
  };
  const res = await signedFetch('POST', '/api/federation/v1/invites/redeem', { key, body });
  expect(res.status).toBe(200);
  return { key, token: ((await res.json()) as { token: string }).token, shareId: share.json.id };
}

interface SignedOptions {
  key: ServerKey;
  /** The keyid to claim (default: the key's own server id). */
  keyid?: string;
  token?: string;
  now?: Date;
  body?: unknown;
  /** Where the request goes if not where it was signed for (a changed URI). */
  sendTo?: string;
}

async function signedHeaders(method: string, path: string, options: SignedOptions) {
  const body =
    options.body === undefined
      ? new Uint8Array()
      : new TextEncoder().encode(JSON.stringify(options.body));
  const headers = new Headers();
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  await signRequest(
    { method, url: `${ORIGIN}${path}`, headers, body },
    {
      key: options.key.privateKey,
      keyid: options.keyid ?? options.key.serverId,
      now: options.now ?? new Date(),
    },
  );
  return { headers, body };
}

async function signedFetch(method: string, path: string, options: SignedOptions) {
  const { headers, body } = await signedHeaders(method, path, options);
  return send(method, options.sendTo ?? path, headers, body);
}

function send(method: string, path: string, headers: Headers, body: Uint8Array) {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body }),
  });
}

const sharePath = (shareId: string) => `/api/federation/v1/shares/${shareId}`;

async function refusal(res: Response) {
  return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
}

describe('requirePeer: a subscriber reading its share', () => {
  it('lets in a request signed by the subscribed server with its token', async () => {
    const sub = await subscribedServer();
    const res = await signedFetch('GET', sharePath(sub.shareId), {
      key: sub.key,
      token: sub.token,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(federatedShareSchema.parse(await res.json())).toEqual({
      shareId: sub.shareId,
      mode: 'read',
      scope: 'project',
      studyIds: [],
      schemaVersion: SUPPORTED_SCHEMA_VERSIONS.max,
    });
  });

  it('refuses an unsigned request (401 SIGNATURE_MISSING)', async () => {
    const sub = await subscribedServer();
    const res = await SELF.fetch(`${ORIGIN}${sharePath(sub.shareId)}`, {
      headers: { authorization: `Bearer ${sub.token}` },
    });
    expect(await refusal(res)).toEqual([401, 'SIGNATURE_MISSING']);
  });

  it('refuses a bad signature: another key, or a request sent elsewhere than signed for (401 SIGNATURE_INVALID)', async () => {
    const sub = await subscribedServer();
    const other = await subscribedServer();
    const forged = await signedFetch('GET', sharePath(sub.shareId), {
      key: other.key,
      keyid: sub.key.serverId,
      token: sub.token,
    });
    expect(await refusal(forged)).toEqual([401, 'SIGNATURE_INVALID']);
    const moved = await signedFetch('GET', sharePath(other.shareId), {
      key: sub.key,
      token: sub.token,
      sendTo: sharePath(sub.shareId) + '?x=1',
    });
    expect(await refusal(moved)).toEqual([401, 'SIGNATURE_INVALID']);
  });

  it('refuses a server it does not know, however well it signs (401 SIGNATURE_INVALID)', async () => {
    const sub = await subscribedServer();
    const stranger = await importServerKey(newServerSeed());
    const res = await signedFetch('GET', sharePath(sub.shareId), {
      key: stranger,
      token: sub.token,
    });
    expect(await refusal(res)).toEqual([401, 'SIGNATURE_INVALID']);
  });

  it('refuses a replayed request (401 SIGNATURE_REPLAYED): the same signature works once', async () => {
    const sub = await subscribedServer();
    const path = sharePath(sub.shareId);
    const { headers, body } = await signedHeaders('GET', path, { key: sub.key, token: sub.token });
    expect((await send('GET', path, headers, body)).status).toBe(200);
    expect(await refusal(await send('GET', path, headers, body))).toEqual([
      401,
      'SIGNATURE_REPLAYED',
    ]);
  });

  it('refuses a request signed more than 5 minutes ago or ahead (401 SIGNATURE_OUT_OF_WINDOW)', async () => {
    const sub = await subscribedServer();
    for (const skew of [-6, 6]) {
      const res = await signedFetch('GET', sharePath(sub.shareId), {
        key: sub.key,
        token: sub.token,
        now: new Date(Date.now() + skew * 60 * 1000),
      });
      expect(await refusal(res)).toEqual([401, 'SIGNATURE_OUT_OF_WINDOW']);
    }
  });

  it("refuses no token, an unknown one and another server's (401 FEDERATION_TOKEN_INVALID)", async () => {
    const sub = await subscribedServer();
    const other = await subscribedServer();
    for (const token of [undefined, 'A'.repeat(43), other.token]) {
      const res = await signedFetch('GET', sharePath(sub.shareId), { key: sub.key, token });
      expect(await refusal(res)).toEqual([401, 'FEDERATION_TOKEN_INVALID']);
    }
  });

  it('refuses a subscriber asking for another share (403 FORBIDDEN)', async () => {
    const sub = await subscribedServer();
    const other = await subscribedServer();
    for (const shareId of [other.shareId, 'no-such-share']) {
      const res = await signedFetch('GET', sharePath(shareId), { key: sub.key, token: sub.token });
      expect(await refusal(res)).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('refuses a revoked share (410 SHARE_REVOKED)', async () => {
    const sub = await subscribedServer();
    const before = await signedFetch('GET', sharePath(sub.shareId), {
      key: sub.key,
      token: sub.token,
    });
    expect(before.status).toBe(200);
    const revoked = await call('DELETE', `/api/shares/${sub.shareId}`, { cookie: owner.cookie });
    expect(revoked.status).toBe(200);
    const after = await signedFetch('GET', sharePath(sub.shareId), {
      key: sub.key,
      token: sub.token,
    });
    expect(await refusal(after)).toEqual([410, 'SHARE_REVOKED']);
  });

  it('guards every route under the share, including ones that do not exist yet', async () => {
    const sub = await subscribedServer();
    const unsigned = await SELF.fetch(`${ORIGIN}${sharePath(sub.shareId)}/changes?since=0`);
    expect(await refusal(unsigned)).toEqual([401, 'SIGNATURE_MISSING']);
  });
});
