/// <reference lib="dom" />
// (The Dexie cache it fills is browser code: it needs the IndexedDB types.)
import {
  CLIENT_VERSION_HEADER,
  type Member,
  type Project,
  type UserSettings,
} from '@corates/shared';
import type { SyncDb } from '../src/sync/offline/index.ts';
import type { Account } from './accounts.ts';
import { cachedRows } from './cache.ts';
import { type Mutation, restCallFor } from './mutation-script.ts';

/**
 * The naive peer: a client without the op-queue that sends each mutation as its own REST call
 * and waits for the answer before the next, the way a form-per-action app does. Same server,
 * same domain functions behind the routes.
 */
export interface RestReplay {
  totalMs: number;
  /** Per call, request sent → answer read. */
  latenciesMs: number[];
  /** Calls that did not answer 2xx (their first few, as `status path: body`). */
  failures: string[];
  failureCount: number;
}

export async function replayOverRest(
  base: string,
  account: Account,
  mutations: readonly Mutation[],
  clientVersion: string,
): Promise<RestReplay> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let failureCount = 0;
  const started = performance.now();
  for (const mutation of mutations) {
    const call = restCallFor(mutation);
    const t = performance.now();
    const res = await fetch(`${base}${call.path}`, {
      method: call.method,
      headers: {
        'Content-Type': 'application/json',
        [CLIENT_VERSION_HEADER]: clientVersion,
        Cookie: account.cookie,
      },
      body: JSON.stringify(call.body),
    });
    const text = await res.text();
    latenciesMs.push(performance.now() - t);
    if (!res.ok) {
      failureCount++;
      if (failures.length < 3) failures.push(`${res.status} ${call.path}: ${text.slice(0, 200)}`);
    }
  }
  return { totalMs: performance.now() - started, latenciesMs, failures, failureCount };
}

/** What a read-back fetched and stored. */
export interface ReadBack {
  totalMs: number;
  requests: number;
  /** Rows in the local cache afterwards. */
  rows: number;
}

/**
 * The naive peer's way to get current: no change feed, so it reads everything again — its
 * settings, its project list, then each project's members — and stores every answer in the
 * same Dexie tables the engine fills, one transaction per answer.
 */
export async function readBackOverRest(
  base: string,
  account: Account,
  db: SyncDb,
  clientVersion: string,
): Promise<ReadBack> {
  let requests = 0;
  const get = async <T>(path: string): Promise<T> => {
    requests++;
    const res = await fetch(`${base}${path}`, {
      headers: { [CLIENT_VERSION_HEADER]: clientVersion, Cookie: account.cookie },
    });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const started = performance.now();
  const settings = await get<UserSettings>('/api/me/settings');
  await db.settings.put({ key: 'user', value: settings });
  const { projects } = await get<{ projects: Project[] }>('/api/projects');
  await db.projects.bulkPut(projects);
  for (const project of projects) {
    const { members } = await get<{ members: Member[] }>(
      `/api/projects/${encodeURIComponent(project.id)}/members`,
    );
    await db.memberships.bulkPut(members.map((m) => ({ ...m, projectId: project.id })));
  }
  const totalMs = performance.now() - started;
  return { totalMs, requests, rows: await cachedRows(db) };
}
