import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_SCHEMA_VERSIONS, federatedShareSchema } from '@corates/shared';
import { call, signUp } from './api.ts';
import { importServerKey } from '../src/federation/server-key.ts';
import { newServerSeed } from './federation-keys.ts';
import { ORIGIN, send, signedFetch, signedHeaders, subscribedServer } from './federation-peer.ts';

// The publisher's check of a subscriber's requests for a share (requirePeer), through the first
// route behind it, GET /api/federation/v1/shares/<shareId>: one request that passes, and one that
// fails for each reason, each otherwise like the one that passes.

let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  owner = await signUp('Owner');
});

const sharePath = (shareId: string) => `/api/federation/v1/shares/${shareId}`;

async function refusal(res: Response) {
  return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
}

describe('requirePeer: a subscriber reading its share', () => {
  it('lets in a request signed by the subscribed server with its token', async () => {
    const sub = await subscribedServer(owner.cookie);
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
    const sub = await subscribedServer(owner.cookie);
    const res = await SELF.fetch(`${ORIGIN}${sharePath(sub.shareId)}`, {
      headers: { authorization: `Bearer ${sub.token}` },
    });
    expect(await refusal(res)).toEqual([401, 'SIGNATURE_MISSING']);
  });

  it('refuses a bad signature: another key, or a request sent elsewhere than signed for (401 SIGNATURE_INVALID)', async () => {
    const sub = await subscribedServer(owner.cookie);
    const other = await subscribedServer(owner.cookie);
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
    const sub = await subscribedServer(owner.cookie);
    const stranger = await importServerKey(newServerSeed());
    const res = await signedFetch('GET', sharePath(sub.shareId), {
      key: stranger,
      token: sub.token,
    });
    expect(await refusal(res)).toEqual([401, 'SIGNATURE_INVALID']);
  });

  it('refuses a replayed request (401 SIGNATURE_REPLAYED): the same signature works once', async () => {
    const sub = await subscribedServer(owner.cookie);
    const path = sharePath(sub.shareId);
    const { headers, body } = await signedHeaders('GET', path, { key: sub.key, token: sub.token });
    expect((await send('GET', path, headers, body)).status).toBe(200);
    expect(await refusal(await send('GET', path, headers, body))).toEqual([
      401,
      'SIGNATURE_REPLAYED',
    ]);
  });

  it('refuses a request signed more than 5 minutes ago or ahead (401 SIGNATURE_OUT_OF_WINDOW)', async () => {
    const sub = await subscribedServer(owner.cookie);
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
    const sub = await subscribedServer(owner.cookie);
    const other = await subscribedServer(owner.cookie);
    for (const token of [undefined, 'A'.repeat(43), other.token]) {
      const res = await signedFetch('GET', sharePath(sub.shareId), { key: sub.key, token });
      expect(await refusal(res)).toEqual([401, 'FEDERATION_TOKEN_INVALID']);
    }
  });

  it('refuses a subscriber asking for another share (403 FORBIDDEN)', async () => {
    const sub = await subscribedServer(owner.cookie);
    const other = await subscribedServer(owner.cookie);
    for (const shareId of [other.shareId, 'no-such-share']) {
      const res = await signedFetch('GET', sharePath(shareId), { key: sub.key, token: sub.token });
      expect(await refusal(res)).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('refuses a revoked share (410 SHARE_REVOKED)', async () => {
    const sub = await subscribedServer(owner.cookie);
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
    const sub = await subscribedServer(owner.cookie);
    const unsigned = await SELF.fetch(`${ORIGIN}${sharePath(sub.shareId)}/changes?since=0`);
    expect(await refusal(unsigned)).toEqual([401, 'SIGNATURE_MISSING']);
  });
});
