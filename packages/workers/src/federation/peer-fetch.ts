import { AppError } from '../lib/app-error.ts';

/** How long a call to another server may take before it counts as unreachable. */
export const PEER_TIMEOUT_MS = 10_000;
/** The largest answer read from another server by default (identity and redeem answers are < 2 kB). */
const MAX_ANSWER_BYTES = 64 * 1024;
/** The largest page of a share's changes read (a page of checklists with their content). */
export const MAX_CHANGES_PAGE_BYTES = 8 * 1024 * 1024;

export interface PeerAnswer {
  status: number;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/**
 * One call to another server, whose origin `checkPeerOrigin` admitted: redirects are refused (a
 * redirect could send us to an address the check would refuse), the answer is bounded in time and
 * size. No answer at all is 502 PEER_UNREACHABLE; any status is returned for the caller to judge.
 */
export async function peerFetch(
  url: string,
  init: RequestInit = {},
  maxBytes = MAX_ANSWER_BYTES,
): Promise<PeerAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
    });
  } catch (err) {
    throw new AppError('PEER_UNREACHABLE', `${new URL(url).origin} did not answer`, {
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  const text = await readBounded(res, maxBytes);
  if (text === undefined)
    throw new AppError('PEER_UNREACHABLE', `${new URL(url).origin} answered too much`, {
      status: res.status,
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

/** The body as text, or undefined past `maxBytes` (reading stops there). */
async function readBounded(res: Response, maxBytes: number): Promise<string | undefined> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.byteLength;
  }
  return new TextDecoder().decode(all);
}
