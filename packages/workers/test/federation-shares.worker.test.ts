import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  federationIdentitySchema,
  inviteClaimsSchema,
  SUPPORTED_SCHEMA_VERSIONS,
  type InviteClaims,
  type SchemaVersionRange,
} from '@corates/shared';
import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';
import { syncOver } from './v2-project.ts';
import { signRequest } from '../src/federation/http-signature.ts';
import { readCompactClaims, signCompact } from '../src/federation/compact-token.ts';
import { importServerKey, type ServerKey } from '../src/federation/server-key.ts';
import { newServerSeed } from './federation-keys.ts';
import { toBase64Url } from '../src/federation/base64url.ts';

const ORIGIN = 'http://corates.test';
const REDEEM = '/api/federation/v1/invites/redeem';

type Account = Awaited<ReturnType<typeof signUp>>;
let owner: Account;
let editor: Account;
let outsider: Account;
/** This (publisher) server's own key, as the Worker has it. */
let publisher: ServerKey;

beforeAll(async () => {
  [owner, editor, outsider] = await Promise.all([signUp('O'), signUp('E'), signUp('X')]);
  publisher = await importServerKey(
    (env as unknown as { FEDERATION_PRIVATE_KEY: string }).FEDERATION_PRIVATE_KEY,
  );
});

/** A project with an editor and two studies, s1 and s2, in its (v2) document. */
async function projectWithEditor() {
  const project = await createProject(owner.cookie, 'Shared');
  await addMember(owner.cookie, project.id, editor.email, 'editor');
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', 2);
    for (const id of ['s1', 's2']) {
      const study = new Y.Map<unknown>();
      doc.getMap(DocRoot.studies).set(id, study);
      for (const [k, v] of Object.entries({
        id,
        title: `Trial ${id}`,
        authors: '',
        year: 2020,
        journal: '',
        doi: '',
        createdAt: '2026-12-01T00:00:00.000Z',
        createdBy: owner.id,
        reviewer1: null,
        reviewer2: null,
      }))
        study.set(k, v);
    }
  });
  await syncOver(`/api/reconcile/doc/${project.id}`, owner.cookie, doc);
  return project.id;
}

async function newShare(body: unknown = { mode: 'read' }) {
  const projectId = await projectWithEditor();
  const res = await call('POST', `/api/projects/${projectId}/shares`, {
    cookie: owner.cookie,
    body,
  });
  expect(res.status).toBe(201);
  return { projectId, share: res.json };
}

async function newInvite(shareId: string): Promise<string> {
  const res = await call('POST', `/api/shares/${shareId}/invites`, { cookie: owner.cookie });
  expect(res.status).toBe(201);
  return res.json.invite;
}

/** A subscriber server: its own key, signing its requests as B would. */
async function subscriberServer(
  schemaVersions: SchemaVersionRange = { ...SUPPORTED_SCHEMA_VERSIONS },
) {
  const key = await importServerKey(newServerSeed());
  const identity = {
    origin: 'https://b.example',
    serverId: key.serverId,
    publicKey: key.publicKeyB64,
    schemaVersions,
  };
  return { key, identity };
}

/** The redeem request, signed with `signer` (by default the subscriber's own key). */
async function signedRedeem(
  sub: Awaited<ReturnType<typeof subscriberServer>>,
  invite: string,
  options: { signer?: ServerKey; now?: Date; unsigned?: boolean } = {},
) {
  const body = new TextEncoder().encode(JSON.stringify({ invite, subscriber: sub.identity }));
  const headers = new Headers({ 'content-type': 'application/json' });
  if (!options.unsigned) {
    const signer = options.signer ?? sub.key;
    await signRequest(
      { method: 'POST', url: `${ORIGIN}${REDEEM}`, headers, body },
      { key: signer.privateKey, keyid: sub.key.serverId, now: options.now ?? new Date() },
    );
  }
  return { headers, body };
}

async function send(request: { headers: Headers; body: Uint8Array }) {
  const res = await SELF.fetch(`${ORIGIN}${REDEEM}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('GET /.well-known/corates-federation', () => {
  it("publishes this server's origin, id, public key and schema versions, without auth", async () => {
    const res = await SELF.fetch(`${ORIGIN}/.well-known/corates-federation`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(federationIdentitySchema.parse(body)).toEqual({
      origin: ORIGIN,
      serverId: publisher.serverId,
      publicKey: publisher.publicKeyB64,
      schemaVersions: SUPPORTED_SCHEMA_VERSIONS,
      federationVersion: 1,
    });
    expect(Object.keys(body as object).sort()).toEqual(
      ['federationVersion', 'origin', 'publicKey', 'schemaVersions', 'serverId'].sort(),
    );
  });
});

describe('shares (owners)', () => {
  it('creates a whole-project share and a study share, lists and revokes them', async () => {
    const projectId = await projectWithEditor();
    const whole = await call('POST', `/api/projects/${projectId}/shares`, {
      cookie: owner.cookie,
      body: { mode: 'read' },
    });
    expect(whole.status).toBe(201);
    expect(whole.json).toMatchObject({
      projectId,
      mode: 'read',
      scope: 'project',
      studyIds: [],
      status: 'active',
      createdBy: owner.id,
      revokedAt: null,
    });
    const some = await call('POST', `/api/projects/${projectId}/shares`, {
      cookie: owner.cookie,
      body: { mode: 'read', studyIds: ['s2', 's1'] },
    });
    expect(some.status).toBe(201);
    expect(some.json).toMatchObject({ scope: 'studies', studyIds: ['s2', 's1'] });

    const list = await call('GET', `/api/projects/${projectId}/shares`, { cookie: owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.shares.map((s: { id: string }) => s.id)).toEqual([
      whole.json.id,
      some.json.id,
    ]);
    expect(list.json.shares[1].studyIds).toEqual(['s1', 's2']);

    const revoked = await call('DELETE', `/api/shares/${some.json.id}`, { cookie: owner.cookie });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({
      id: some.json.id,
      status: 'revoked',
      studyIds: ['s1', 's2'],
    });
    const again = await call('DELETE', `/api/shares/${some.json.id}`, { cookie: owner.cookie });
    expect(again.json.revokedAt).toBe(revoked.json.revokedAt);
    const after = await call('GET', `/api/projects/${projectId}/shares`, { cookie: owner.cookie });
    expect(after.json.shares.map((s: { status: string }) => s.status)).toEqual([
      'active',
      'revoked',
    ]);
    const invite = await call('POST', `/api/shares/${some.json.id}/invites`, {
      cookie: owner.cookie,
    });
    expect(invite.status).toBe(410);
    expect(invite.json.error.code).toBe('SHARE_REVOKED');
  });

  it('refuses bodies outside the schema', async () => {
    const projectId = await projectWithEditor();
    for (const body of [
      {},
      { mode: 'write' },
      { mode: 'read', studyIds: [] },
      { mode: 'read', studyIds: ['a', 'a'] },
      { mode: 'read', extra: 1 },
    ]) {
      const res = await call('POST', `/api/projects/${projectId}/shares`, {
        cookie: owner.cookie,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses studies the project does not have, naming each at its path, and creates nothing', async () => {
    const projectId = await projectWithEditor();
    const res = await call('POST', `/api/projects/${projectId}/shares`, {
      cookie: owner.cookie,
      body: { mode: 'read', studyIds: ['s1', 'nope', 's2', 'gone'] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.details.map((i: { path: string[] }) => i.path)).toEqual([
      ['studyIds', '1'],
      ['studyIds', '3'],
    ]);
    const list = await call('GET', `/api/projects/${projectId}/shares`, { cookie: owner.cookie });
    expect(list.json.shares).toEqual([]);
  });

  it('answers other members 403, non-members 404 and anonymous callers 401', async () => {
    const { projectId, share } = await newShare();
    const routes: [string, string][] = [
      ['POST', `/api/projects/${projectId}/shares`],
      ['GET', `/api/projects/${projectId}/shares`],
      ['POST', `/api/shares/${share.id}/invites`],
      ['DELETE', `/api/shares/${share.id}`],
    ];
    for (const [method, path] of routes) {
      const body = method === 'POST' && path.endsWith('/shares') ? { mode: 'read' } : undefined;
      const asEditor = await call(method, path, { cookie: editor.cookie, body });
      expect([path, asEditor.status, asEditor.json.error.code]).toEqual([path, 403, 'FORBIDDEN']);
      const asOutsider = await call(method, path, { cookie: outsider.cookie, body });
      expect([path, asOutsider.status, asOutsider.json.error.code]).toEqual([
        path,
        404,
        'NOT_FOUND',
      ]);
      const anonymous = await call(method, path, { body });
      expect([path, anonymous.status]).toEqual([path, 401]);
    }
    const list = await call('GET', `/api/projects/${projectId}/shares`, { cookie: owner.cookie });
    expect(list.json.shares).toHaveLength(1);
    expect(list.json.shares[0].status).toBe('active');
  });
});

describe('invites', () => {
  it("are compact tokens signed with this server's key, carrying origin, share, versions, expiry, a single-use id", async () => {
    const { share } = await newShare();
    const res = await call('POST', `/api/shares/${share.id}/invites`, { cookie: owner.cookie });
    expect(res.status).toBe(201);
    const claims = inviteClaimsSchema.parse(readCompactClaims(res.json.invite));
    expect(claims).toMatchObject({
      iss: ORIGIN,
      sid: publisher.serverId,
      share: share.id,
      schemaVersions: SUPPORTED_SCHEMA_VERSIONS,
    });
    expect(new Date(claims.exp * 1000).toISOString()).toBe(res.json.expiresAt);
    const hours = (claims.exp * 1000 - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71);
    expect(hours).toBeLessThanOrEqual(72);
    const second = await call('POST', `/api/shares/${share.id}/invites`, { cookie: owner.cookie });
    expect(readCompactClaims(second.json.invite)).not.toMatchObject({ jti: claims.jti });
  });
});

describe('POST /api/federation/v1/invites/redeem', () => {
  it('redeems once: the subscriber gets a bearer token and our identity; the second time is INVITE_USED', async () => {
    const { share } = await newShare({ mode: 'read', studyIds: ['s1'] });
    const invite = await newInvite(share.id);
    const sub = await subscriberServer();
    const first = await send(await signedRedeem(sub, invite));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      shareId: share.id,
      schemaVersion: SUPPORTED_SCHEMA_VERSIONS.max,
      publisher: {
        origin: ORIGIN,
        serverId: publisher.serverId,
        publicKey: publisher.publicKeyB64,
      },
    });
    expect(first.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await env.DB.prepare(
      'select s.server_id, s.acked_seq, v.origin from share_subscribers s join servers v on v.id = s.server_id where s.share_id = ?',
    )
      .bind(share.id)
      .all();
    expect(rows.results).toEqual([
      { server_id: sub.key.serverId, acked_seq: 0, origin: 'https://b.example' },
    ]);

    const reused = await send(await signedRedeem(sub, invite));
    expect([reused.status, reused.json.error.code]).toEqual([409, 'INVITE_USED']);
    const other = await send(await signedRedeem(await subscriberServer(), invite));
    expect([other.status, other.json.error.code]).toEqual([409, 'INVITE_USED']);
  });

  it('two servers redeeming one invite at once: one subscribes, the other gets INVITE_USED', async () => {
    const { share } = await newShare();
    const invite = await newInvite(share.id);
    const [a, b] = await Promise.all([subscriberServer(), subscriberServer()]);
    const answers = await Promise.all([
      send(await signedRedeem(a, invite)),
      send(await signedRedeem(b, invite)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)?.json.error.code).toBe('INVITE_USED');
    const rows = await env.DB.prepare(
      'select count(*) as n from share_subscribers where share_id = ?',
    )
      .bind(share.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('refuses a forged, tampered, expired or unknown invite', async () => {
    const { share } = await newShare();
    const invite = await newInvite(share.id);
    const claims = inviteClaimsSchema.parse(readCompactClaims(invite));
    const sub = await subscriberServer();
    const forger = await importServerKey(newServerSeed());
    const cases: [string, string, number, string][] = [
      ['forged', await signCompact(forger.privateKey, claims), 400, 'INVITE_INVALID'],
      [
        'tampered',
        `${toBase64Url(new TextEncoder().encode(JSON.stringify({ ...claims, share: 'other' })))}.${invite.split('.')[1]}`,
        400,
        'INVITE_INVALID',
      ],
      [
        'expired',
        await signCompact(publisher.privateKey, {
          ...claims,
          exp: Math.floor(Date.now() / 1000) - 1,
        } satisfies InviteClaims),
        410,
        'INVITE_EXPIRED',
      ],
      [
        'unknown id',
        await signCompact(publisher.privateKey, { ...claims, jti: crypto.randomUUID() }),
        400,
        'INVITE_INVALID',
      ],
      [
        'another server',
        await signCompact(publisher.privateKey, { ...claims, iss: 'https://c.example' }),
        400,
        'INVITE_INVALID',
      ],
      ['not a token', 'abc.def', 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, token, status, code] of cases) {
      const res = await send(await signedRedeem(sub, token));
      expect([name, res.status, res.json.error.code]).toEqual([name, status, code]);
    }
    // None of them used the real invite up.
    const real = await send(await signedRedeem(sub, invite));
    expect(real.status).toBe(200);
  });

  it('refuses a revoked share and non-overlapping schema versions', async () => {
    const { share } = await newShare();
    const invite = await newInvite(share.id);
    const ahead = await subscriberServer({ min: 99, max: 100 });
    const mismatch = await send(await signedRedeem(ahead, invite));
    expect(mismatch.status).toBe(409);
    expect(mismatch.json.error).toMatchObject({
      code: 'SCHEMA_MISMATCH',
      details: { supported: SUPPORTED_SCHEMA_VERSIONS },
    });
    await call('DELETE', `/api/shares/${share.id}`, { cookie: owner.cookie });
    const revoked = await send(await signedRedeem(await subscriberServer(), invite));
    expect([revoked.status, revoked.json.error.code]).toEqual([410, 'SHARE_REVOKED']);
  });

  it('refuses an unsigned, wrongly signed, replayed or out-of-window request', async () => {
    const { share } = await newShare();
    const invite = await newInvite(share.id);
    const sub = await subscriberServer();
    const impostor = await importServerKey(newServerSeed());
    const unsigned = await send(await signedRedeem(sub, invite, { unsigned: true }));
    expect([unsigned.status, unsigned.json.error.code]).toEqual([401, 'SIGNATURE_MISSING']);
    const wrong = await send(await signedRedeem(sub, invite, { signer: impostor }));
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'SIGNATURE_INVALID']);
    const late = await send(
      await signedRedeem(sub, invite, { now: new Date(Date.now() - 6 * 60 * 1000) }),
    );
    expect([late.status, late.json.error.code]).toEqual([401, 'SIGNATURE_OUT_OF_WINDOW']);
    const early = await send(
      await signedRedeem(sub, invite, { now: new Date(Date.now() + 6 * 60 * 1000) }),
    );
    expect([early.status, early.json.error.code]).toEqual([401, 'SIGNATURE_OUT_OF_WINDOW']);
    // A body changed in transit: its digest no longer matches.
    const signed = await signedRedeem(sub, invite);
    const altered = JSON.parse(new TextDecoder().decode(signed.body));
    altered.subscriber.origin = 'https://evil.example';
    const changed = await send({
      headers: signed.headers,
      body: new TextEncoder().encode(JSON.stringify(altered)),
    });
    expect([changed.status, changed.json.error.code]).toEqual([401, 'SIGNATURE_INVALID']);
    // None of the refusals used the invite; the signed request works once, its replay does not.
    expect((await send(signed)).status).toBe(200);
    const replayed = await send(signed);
    expect([replayed.status, replayed.json.error.code]).toEqual([401, 'SIGNATURE_REPLAYED']);
  });
});
