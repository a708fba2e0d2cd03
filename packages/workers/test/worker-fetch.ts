import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../src/index.ts';

/**
 * Calls the Worker's fetch handler in this isolate with the real bindings, rather than through
 * SELF. vitest-pool-workers (0.23) wraps the entrypoint SELF reaches in a class whose every
 * construction nests one more Proxy around a shared prototype (cloudflare/workers-sdk#15092), so a
 * test file that sends a few thousand requests through SELF overflows the stack. Suites that send
 * that many (the route fuzz) use this; the request takes the same path through the app.
 */
export async function workerFetch(url: string, init: RequestInit): Promise<Response> {
  // A request built in-process lacks the Content-Length a client puts on the wire (routes that
  // stream a body, the PDF upload, require it): add it as fetch would.
  const asBuilt = new Request(url, init);
  const headers = new Headers(asBuilt.headers);
  let body: ArrayBuffer | undefined;
  if (asBuilt.body) {
    body = await asBuilt.arrayBuffer();
    headers.set('Content-Length', String(body.byteLength));
  }
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(url, { method: asBuilt.method, headers, body }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}
