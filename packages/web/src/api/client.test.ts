import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import type { ApiError } from './api-error.ts';
import { createApiClient, dataOf } from './client.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function clientAnswering(answer: (request: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const tooOld: ApiError[] = [];
  const client = createApiClient({
    clientVersion: '1.2.3',
    baseUrl: 'http://corates.test',
    fetch: async (request) => {
      seen.push(request);
      return answer(request);
    },
    onClientTooOld: (error) => tooOld.push(error),
  });
  return { client, seen, tooOld };
}

describe('the API client', () => {
  it('sends X-Client-Version on every request and returns the data on 2xx', async () => {
    const meta = {
      apiVersion: '1.0.0',
      minSupportedClient: '1.0.0',
      cacheVersion: '1',
      features: [],
    };
    const { client, seen } = clientAnswering(() => json(200, meta));
    expect(dataOf(await client.GET('/api/metadata'))).toEqual(meta);
    expect(seen[0]?.headers.get(CLIENT_VERSION_HEADER)).toBe('1.2.3');
  });

  it('throws an ApiError for a non-2xx answer', async () => {
    const { client } = clientAnswering(() =>
      json(404, { error: { code: 'NOT_FOUND', message: 'no account with that email' } }),
    );
    const call = client.POST('/api/projects/{projectId}/members', {
      params: { path: { projectId: 'p1' } },
      body: { email: 'ada@example.org', role: 'viewer' },
    });
    await expect(call).rejects.toMatchObject({ name: 'ApiError', code: 'NOT_FOUND', status: 404 });
  });

  it('reports 426 to the version gate before throwing CLIENT_TOO_OLD', async () => {
    const { client, tooOld } = clientAnswering(() =>
      json(426, {
        error: {
          code: 'CLIENT_TOO_OLD',
          message: 'update',
          details: { minSupportedClient: '2.0.0' },
        },
      }),
    );
    await expect(client.GET('/api/projects')).rejects.toMatchObject({ code: 'CLIENT_TOO_OLD' });
    expect(tooOld.map((e) => e.details)).toEqual([{ minSupportedClient: '2.0.0' }]);
  });

  it('turns a failed fetch into NETWORK_ERROR with status 0', async () => {
    const { client } = clientAnswering(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.GET('/api/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
