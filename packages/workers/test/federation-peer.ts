import { SELF } from 'cloudflare:test';
import { expect } from 'vitest';
import { SUPPORTED_SCHEMA_VERSIONS } from '@corates/shared';
import { call, createProject } from './api.ts';
import { signRequest } from '../src/federation/http-signature.ts';
import { importServerKey, type ServerKey } from '../src/federation/server-key.ts';
import { newServerSeed } from './federation-keys.ts';

/** A subscriber server's requests to this one (the publisher), signed as a real one signs them. */

export const ORIGIN = 'http://corates.test';

export interface Subscriber {
  key: ServerKey;
  token: string;
  shareId: string;
}

/**
 * A share of a project (a fresh one unless given; the whole project unless `studyIds`) and a
 * server subscribed to it (redeemed as the shares test does).
 */
export async function subscribedServer(
  ownerCookie: string,
  options: { projectId?: string; studyIds?: string[] } = {},
): Promise<Subscriber & { projectId: string }> {
  const projectId = options.projectId ?? (await createProject(ownerCookie, 'Pulled')).id;
  const share = await call('POST', `/api/projects/${projectId}/shares`, {
    cookie: ownerCookie,
    body: { mode: 'read', ...(options.studyIds ? { studyIds: options.studyIds } : {}) },
  });
  expect(share.status).toBe(201);
  const invite = await call('POST', `/api/shares/${share.json.id}/invites`, {
    cookie: ownerCookie,
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
  const token = ((await res.json()) as { token: string }).token;
  return { key, token, shareId: share.json.id, projectId };
}

export interface SignedOptions {
  key: ServerKey;
  /** The keyid to claim (default: the key's own server id). */
  keyid?: string;
  token?: string;
  now?: Date;
  body?: unknown;
  /** Where the request goes if not where it was signed for (a changed URI). */
  sendTo?: string;
}

export async function signedHeaders(method: string, path: string, options: SignedOptions) {
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

export async function signedFetch(method: string, path: string, options: SignedOptions) {
  const { headers, body } = await signedHeaders(method, path, options);
  return send(method, options.sendTo ?? path, headers, body);
}

export function send(method: string, path: string, headers: Headers, body: Uint8Array) {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body }),
  });
}
