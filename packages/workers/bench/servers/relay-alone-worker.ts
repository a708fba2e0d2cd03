/**
 * Experiment (issue 18's lead): the relay's ProjectDoc Durable Object in a Worker of its own, the
 * app (Hono, better-auth, the routes) left out of the bundle and the isolate. Every upgrade goes
 * straight to the object with the identity headers the app's route would set after its session
 * and membership check, for one fixed owner: what remains is the relay's own cost on this runtime.
 */
import { DOC_INTERNAL_HEADERS } from '../../src/durable/internal-headers.ts';

export { ProjectDoc } from '../../src/durable/project-doc.ts';

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('relay alone');
    }
    // ws://host/<project id>/doc, as y-websocket appends the room to the server URL.
    const projectId = new URL(request.url).pathname.split('/')[1] ?? '';
    const headers = new Headers(request.headers);
    headers.set(DOC_INTERNAL_HEADERS.userId, 'bench-owner');
    headers.set(DOC_INTERNAL_HEADERS.userName, 'Bench%20Owner');
    headers.set(DOC_INTERNAL_HEADERS.projectId, projectId);
    headers.set(DOC_INTERNAL_HEADERS.canWrite, '1');
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
    return stub.fetch(new Request(request.url, { headers }));
  },
};
