import { createMiddleware } from 'hono/factory';
import {
  CLIENT_VERSION_HEADER,
  DOC_CLIENT_VERSION_PARAM,
  DocCloseReason,
  docCloseCode,
  parseSemver,
  satisfiesMinimum,
} from '@corates/shared';
import { FIRST_DOC_V2_CLIENT } from '@corates/shared/doc';
import { AppError } from '../lib/app-error.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';
import type { AppContext, AppEnv } from '../env.ts';

/** Routes a too-old client must still reach: the version check itself, and signing in/out. */
export function isVersionExempt(path: string): boolean {
  return path === '/api/metadata' || path.startsWith('/api/auth/');
}

/** A document's socket endpoint: the project's, or (document model v2) a checklist's. */
export function isDocSocketPath(path: string): boolean {
  return /^\/api\/projects\/[^/]+\/(?:checklists\/[^/]+\/)?doc$/.test(path);
}

/**
 * Pure: the lowest client version `path` serves. `minSupportedClient`, and on a document's socket
 * endpoint never below the first build that reads document model v2 (`FIRST_DOC_V2_CLIENT`): an
 * older build whose socket is served a split project takes the split's deletions into its copy and
 * loses what it typed offline, so it is told to upgrade first, retired by the maintainer or not.
 * Its socket is the only way such a build receives the server's document; its chunked uploads of
 * a large backlog send nothing back and are refused whole by [R19].
 */
export function minimumClientFor(path: string, minSupportedClient: string): string {
  if (!isDocSocketPath(path) || satisfiesMinimum(minSupportedClient, FIRST_DOC_V2_CLIENT))
    return minSupportedClient;
  return FIRST_DOC_V2_CLIENT;
}

/** A WebSocket upgrade of a project's or a checklist's document. */
export function isDocSocketUpgrade(path: string, upgrade: string | undefined): boolean {
  return upgrade?.toLowerCase() === 'websocket' && isDocSocketPath(path);
}

/**
 * The client's version: `X-Client-Version`, or on a document socket's endpoint first its
 * `?clientVersion=` (a browser cannot set a header on a WebSocket).
 */
export function clientVersionOf(c: AppContext): string | undefined {
  const header = c.req.header(CLIENT_VERSION_HEADER);
  if (!isDocSocketPath(c.req.path)) return header;
  return c.req.query(DOC_CLIENT_VERSION_PARAM) ?? header;
}

/**
 * 426 CLIENT_TOO_OLD when the client's version is below `minSupportedClient` (on a document's
 * socket, `minimumClientFor`: never a build before document model v2). A request without
 * one (curl, scripts, server-to-server, a stock y-websocket client) is let through; a malformed
 * one is a 400. Installed before every route, so it runs before any session check: even a
 * signed-out old build learns it must upgrade (a 401 would send it to sign in instead, with its
 * queued work waiting on a build that can never send it).
 *
 * [R11] A document socket's upgrade from a retired build is refused with an accepted upgrade
 * closed at once with CLIENT_TOO_OLD (4426), not an HTTP 426: a browser reports a refused upgrade
 * only as a failed socket (no status), and a stock y-websocket provider retries a failed upgrade
 * for ever, while a 44xx close stops both and tells the app why (it shows its upgrade flow; unsent
 * edits stay in IndexedDB for the new build). The socket never reaches the Durable Object: nothing
 * of the document is sent, nothing applied.
 */
export const clientVersionGate = createMiddleware<AppEnv>(async (c, next) => {
  if (isVersionExempt(c.req.path)) return next();
  const version = clientVersionOf(c);
  if (version === undefined) return next();
  if (!parseSemver(version)) {
    throw new AppError(
      'CLIENT_VERSION_INVALID',
      `${CLIENT_VERSION_HEADER} (or ${DOC_CLIENT_VERSION_PARAM} on a document socket) must be a semver version`,
    );
  }
  const config = await readRuntimeConfig(c.var.db, c.env);
  const minSupportedClient = minimumClientFor(c.req.path, config.minSupportedClient);
  if (satisfiesMinimum(version, minSupportedClient)) return next();
  if (isDocSocketUpgrade(c.req.path, c.req.header('Upgrade')))
    return closedSocket(DocCloseReason.CLIENT_TOO_OLD);
  throw new AppError(
    'CLIENT_TOO_OLD',
    `this app version (${version}) is no longer supported; please update`,
    { clientVersion: version, minSupportedClient },
  );
});

/** A 101 whose socket is closed at once with a reason's code: a refusal every client reads. */
function closedSocket(reason: DocCloseReason): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  server.close(docCloseCode(reason), reason);
  return new Response(null, { status: 101, webSocket: client });
}
