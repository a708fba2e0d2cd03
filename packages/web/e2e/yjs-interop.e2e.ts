// Interop: stock y-websocket WebsocketProviders (the reference client, unmodified) sync through
// the running app's ProjectDoc relay, as the design contract promises.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { apiJson, joinProject, sessionCookie } from './support/api.ts';
import { baseUrl, uniqueEmail } from './support/browser.ts';
import { type DocClient, connectDoc, until } from './support/doc-client.ts';

const clients: DocClient[] = [];
after(() => {
  for (const c of clients) c.close();
});

function connect(projectId: string, cookie: string) {
  const client = connectDoc(projectId, cookie);
  clients.push(client);
  return client;
}

test('two stock y-websocket providers converge through the relay', async () => {
  const ownerCookie = await sessionCookie(
    'Interop Owner',
    uniqueEmail('interop-owner'),
    'interop-password',
  );
  const editorEmail = uniqueEmail('interop-editor');
  const editorCookie = await sessionCookie('Interop Editor', editorEmail, 'interop-password');
  const project = await apiJson<{ id: string }>('POST', '/api/projects', ownerCookie, {
    name: 'Interop',
  });
  await joinProject(
    ownerCookie,
    project.id,
    { email: editorEmail, cookie: editorCookie },
    'editor',
  );

  const a = connect(project.id, ownerCookie);
  const b = connect(project.id, editorCookie);
  await until(() => a.provider.synced && b.provider.synced, 'both synced');

  a.doc.getMap('answers').set('q1', 'yes');
  b.doc.getMap('answers').set('q2', 'partial-yes');
  a.doc.getText('note').insert(0, 'from A. ');
  b.doc.getText('note').insert(0, 'from B. ');
  await until(
    () =>
      a.doc.getText('note').length === 16 &&
      b.doc.getText('note').length === 16 &&
      b.doc.getMap('answers').size === 2 &&
      a.doc.getMap('answers').size === 2,
    'convergence',
  );
  assert.deepEqual(a.doc.getMap('answers').toJSON(), { q1: 'yes', q2: 'partial-yes' });
  assert.equal(a.doc.getText('note').toString(), b.doc.getText('note').toString());

  // A third provider joining later gets the whole document from the server.
  const c = connect(project.id, ownerCookie);
  await until(() => c.provider.synced && c.doc.getText('note').length === 16, 'late joiner synced');
  assert.deepEqual(Y.encodeStateVector(c.doc), Y.encodeStateVector(a.doc));

  // Presence travels as awareness.
  a.provider.awareness.setLocalStateField('user', { name: 'Interop Owner' });
  await until(
    () =>
      [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Interop Owner'),
    'presence',
  );
});

test('a non-member cannot open the document', async () => {
  const ownerCookie = await sessionCookie(
    'Owner',
    uniqueEmail('interop-owner2'),
    'interop-password',
  );
  const strangerCookie = await sessionCookie(
    'Stranger',
    uniqueEmail('interop-stranger'),
    'interop-password',
  );
  const project = await apiJson<{ id: string }>('POST', '/api/projects', ownerCookie, {
    name: 'Private',
  });
  const status = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${baseUrl().replace(/^http/, 'ws')}/api/projects/${project.id}/doc`, {
      headers: { Cookie: strangerCookie },
    });
    ws.on('error', () => undefined); // the refusal also surfaces as an error event
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
      req.destroy();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
  });
  assert.equal(status, 404);
});
