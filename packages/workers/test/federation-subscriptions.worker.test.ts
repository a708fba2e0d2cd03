import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_SCHEMA_VERSIONS, type InviteClaims } from '@corates/shared';
import { call, createProject, grantAdmin, signUp } from './api.ts';
import { signCompact } from '../src/federation/compact-token.ts';
import { importServerKey, type ServerKey } from '../src/federation/server-key.ts';
import { toBase64Url } from '../src/federation/base64url.ts';
import { newServerSeed } from './federation-keys.ts';

// The subscriber's side. What needs a second server (the publisher's identity, the signed redeem,
// the stored subscription) is tested with two real servers in test/two-servers.node-e2e.test.ts;
// here, everything refused before or without reaching one — and that a refusal stores nothing.

const SUBSCRIBE = '/api/federation/subscriptions';
type Account = Awaited<ReturnType<typeof signUp>>;
let admin: Account;
let user: Account;
/** Another server's key, signing invites as a publisher would. */
let other: ServerKey;

beforeAll(async () => {
  [admin, user] = await Promise.all([signUp('Admin'), signUp('User')]);
  await grantAdmin(admin.email);
  other = await importServerKey(newServerSeed());
});

function claims(overrides: Partial<InviteClaims> = {}): InviteClaims {
  return {
    typ: 'corates-federation-invite',
    iss: 'https://a.example.org',
    sid: other.serverId,
    share: 'share-1',
    schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
    exp: Math.floor(Date.now() / 1000) + 3600,
    jti: crypto.randomUUID(),
    ...overrides,
  };
}

async function subscribeWith(invite: string, cookie = admin.cookie) {
  return call('POST', SUBSCRIBE, { cookie, body: { invite } });
}

async function expectNothingStored() {
  const list = await call('GET', SUBSCRIBE, { cookie: admin.cookie });
  expect(list.status).toBe(200);
  expect(list.json).toEqual({ subscriptions: [] });
}

describe('POST /api/federation/subscriptions (refusals without a publisher)', () => {
  it('is for platform admins: others 403 FORBIDDEN, no session 401', async () => {
    const invite = await signCompact(other.privateKey, claims());
    const asUser = await subscribeWith(invite, user.cookie);
    expect([asUser.status, asUser.json.error.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await call('POST', SUBSCRIBE, { body: { invite } });
    expect(anonymous.status).toBe(401);
    const listAsUser = await call('GET', SUBSCRIBE, { cookie: user.cookie });
    expect([listAsUser.status, listAsUser.json.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('refuses what is not an invite (400), an expired one (410) and one from this server (400)', async () => {
    const notCompact = await subscribeWith('not-an-invite');
    expect([notCompact.status, notCompact.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const garbage = `${toBase64Url(new TextEncoder().encode('{"hello":1}'))}.${'A'.repeat(86)}`;
    const notClaims = await subscribeWith(garbage);
    expect([notClaims.status, notClaims.json.error.code]).toEqual([400, 'INVITE_INVALID']);

    const expired = await subscribeWith(
      await signCompact(other.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 1 })),
    );
    expect([expired.status, expired.json.error.code]).toEqual([410, 'INVITE_EXPIRED']);

    // A real invite of this server: subscribing to ourselves is refused before any call.
    const project = await createProject(admin.cookie, 'Own');
    const share = await call('POST', `/api/projects/${project.id}/shares`, {
      cookie: admin.cookie,
      body: { mode: 'read' },
    });
    const own = await call('POST', `/api/shares/${share.json.id}/invites`, {
      cookie: admin.cookie,
    });
    expect(own.status).toBe(201);
    const self = await subscribeWith(own.json.invite);
    expect([self.status, self.json.error.code]).toEqual([400, 'INVITE_INVALID']);
    expect(self.json.error.message).toMatch(/this server/);
    await expectNothingStored();
  });

  it('refuses publishers at http or private, loopback or link-local addresses (SSRF), calling none', async () => {
    for (const iss of [
      'http://a.example.org',
      'https://127.0.0.1:8787',
      'https://10.0.0.5',
      'https://169.254.169.254',
      'https://[::1]',
      'https://localhost',
    ]) {
      const res = await subscribeWith(await signCompact(other.privateKey, claims({ iss })));
      expect([iss, res.status, res.json.error.code]).toEqual([iss, 400, 'PEER_ORIGIN_REFUSED']);
    }
    await expectNothingStored();
  });

  it('answers 502 PEER_UNREACHABLE when the publisher cannot be reached, and stores nothing', async () => {
    // `.invalid` never resolves (RFC 6761): the fetch fails without leaving the machine.
    const res = await subscribeWith(
      await signCompact(other.privateKey, claims({ iss: 'https://corates-peer.invalid' })),
    );
    expect([res.status, res.json.error.code]).toEqual([502, 'PEER_UNREACHABLE']);
    await expectNothingStored();
  });
});
