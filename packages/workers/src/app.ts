import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { createDatabase } from './db/client.ts';
import { onError, onNotFound } from './lib/error-handler.ts';
import { AppError } from './lib/app-error.ts';
import { clientVersionGate } from './middleware/client-version.ts';
import { clientVersionCensus } from './middleware/client-version-census.ts';
import { idempotencyKeys } from './idempotency/idempotency-middleware.ts';
import { sameOrigin } from './middleware/same-origin.ts';
import { forgetUpgradeSessionsOnAccountChange } from './auth/session.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { authRoutes } from './routes/auth.ts';
import { meRoutes } from './routes/me.ts';
import { accountRoutes } from './routes/account.ts';
import { sessionRoutes } from './routes/session.ts';
import { metadataRoutes } from './routes/metadata.ts';
import { projectRoutes } from './routes/projects.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { docRoutes } from './routes/doc.ts';
import { docUploadRoutes } from './routes/doc-upload.ts';
import { syncRoutes } from './routes/sync.ts';
import { telemetryRoutes } from './routes/telemetry.ts';
import { alertRoutes } from './routes/alerts.ts';
import { PDF_UPLOAD_PATH, pdfRoutes } from './routes/pdfs.ts';
import { exportRoutes } from './routes/export.ts';
import { federationRoutes } from './routes/federation.ts';

/** Largest JSON body any route accepts (the sync batch limit, the biggest of them). */
export const MAX_BODY_BYTES = 256 * 1024;

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'CoRATES API',
    version: '0.1.0',
    description:
      'Errors are `{"error":{"code","message","details"}}` with a stable code. Data routes read `X-Client-Version` and answer 426 CLIENT_TOO_OLD below `minSupportedClient`. REST mutations accept an `Idempotency-Key` header (1–255 visible ASCII characters, remembered 24 h per user): a repeat of the same request returns the first answer with `Idempotent-Replayed: true`; the key with a different request is 422 IDEMPOTENCY_MISMATCH; a repeat while the first runs is 409 CONFLICT.',
  },
} as const;

const withDatabase = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', createDatabase(c.env.DB));
  await next();
  // API answers are per-user and live: no shared or browser caching.
  // (A 101 WebSocket upgrade's headers are immutable, and nothing caches an upgrade anyway.)
  if (c.res.status !== 101 && !c.res.headers.has('Cache-Control'))
    c.res.headers.set('Cache-Control', 'no-store');
});

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', `request body over ${MAX_BODY_BYTES} bytes`);
    },
  });
  app.use(
    '/api/*',
    securityHeaders,
    // Before anything reads the session cookie or the body.
    sameOrigin,
    // PDF uploads stream to R2 and enforce their own, larger limit.
    (c, next) =>
      c.req.method === 'POST' && PDF_UPLOAD_PATH.test(c.req.path) ? next() : jsonBodyLimit(c, next),
    withDatabase,
    forgetUpgradeSessionsOnAccountChange,
    clientVersionCensus,
    clientVersionGate,
    idempotencyKeys,
  );
  app.route('/api/metadata', metadataRoutes);
  app.route('/api/auth', authRoutes);
  app.route('/api/me', meRoutes);
  app.route('/api/me', accountRoutes);
  app.route('/api', sessionRoutes);
  app.route('/api/projects', projectRoutes);
  app.route('/api/invitations', invitationRoutes);
  app.route('/api', docRoutes);
  app.route('/api', docUploadRoutes);
  app.route('/api/sync', syncRoutes);
  app.route('/api', telemetryRoutes);
  app.route('/api', alertRoutes);
  app.route('/api', pdfRoutes);
  app.route('/api', exportRoutes);
  app.route('/', federationRoutes);
  app.doc31('/api/openapi.json', OPENAPI_INFO);
  return app;
}
