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
  return (await peerFetchBytes(url, init, maxBytes)).answer;
}

/**
 * {@link peerFetch} that also answers the body's bytes (a PDF file, docs/federation.md "PDF files"),
 * with the same refusals of redirects, time and size.
 */
export async function peerFetchBytes(
  url: string,
  init: RequestInit,
  maxBytes: number,
): Promise<{ answer: PeerAnswer; bytes: Uint8Array }> {
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
  const bytes = await readBounded(res, maxBytes);
  if (bytes === undefined)
    throw new AppError('PEER_UNREACHABLE', `${new URL(url).origin} answered too much`, {
      status: res.status,
    });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    json = undefined;
  }
  return { answer: { status: res.status, json }, bytes };
}

/** The body's bytes, or undefined past `maxBytes` (reading stops there). */
async function readBounded(res: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array();
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
  return all;
}
