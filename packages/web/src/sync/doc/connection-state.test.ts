import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason } from '@corates/shared';
import {
  combinedConnection,
  docConnection,
  nextPending,
  serverCloseAction,
  socketOnNetworkChange,
} from './connection-state.ts';

const base = {
  revoked: false,
  socket: 'connected' as const,
  synced: true,
  browserOnline: true,
  unreachable: false,
};

describe('docConnection', () => {
  it.each([
    [{}, 'online'],
    [{ synced: false }, 'syncing'],
    [{ socket: 'connecting' as const, synced: false }, 'connecting'],
    [{ socket: 'disconnected' as const }, 'offline'],
    [{ browserOnline: false }, 'offline'],
    [{ revoked: true, browserOnline: false }, 'revoked'],
    // Retrying after a failed attempt, whatever navigator.onLine claims.
    [{ socket: 'connecting' as const, synced: false, unreachable: true }, 'offline'],
    [{ socket: 'connected' as const, unreachable: true }, 'online'],
    // Synced over the socket, but an offline backlog is still uploading over HTTP (issue 14).
    [{ uploading: true }, 'syncing'],
  ])('%j → %s', (facts, expected) => {
    expect(docConnection({ ...base, ...facts })).toBe(expected);
  });
});

describe('nextPending', () => {
  it('counts edits made while not synced and clears on sync', () => {
    let n = 0;
    n = nextPending(n, 'local-edit', false);
    n = nextPending(n, 'local-edit', false);
    expect(n).toBe(2);
    n = nextPending(n, 'local-edit', true); // sent at once while synced
    expect(n).toBe(2);
    expect(nextPending(n, 'synced', true)).toBe(0);
  });
});

describe('socketOnNetworkChange', () => {
  it('closes the socket offline, reconnects online, and stays closed once revoked', () => {
    expect(socketOnNetworkChange(false, false)).toBe('disconnect');
    expect(socketOnNetworkChange(true, false)).toBe('connect');
    expect(socketOnNetworkChange(true, true)).toBe('leave');
    expect(socketOnNetworkChange(false, true)).toBe('leave');
  });
});

describe('serverCloseAction', () => {
  it('reconnects after temporary closes and network drops', () => {
    expect(serverCloseAction(DOC_CLOSE_CODES.MALFORMED_FRAME, DocCloseReason.MALFORMED_FRAME)).toBe(
      'reconnect',
    );
    expect(serverCloseAction(1006, '')).toBe('reconnect');
    expect(serverCloseAction(1000, '')).toBe('reconnect');
    // A permanent reason with a temporary code (an older server) is not a reason to stop.
    expect(serverCloseAction(4000, DocCloseReason.MEMBERSHIP_REVOKED)).toBe('reconnect');
  });

  it('never reconnects after a permanent refusal, and says why', () => {
    const action = (reason: DocCloseReason) => serverCloseAction(DOC_CLOSE_CODES[reason], reason);
    expect(action(DocCloseReason.MEMBERSHIP_REVOKED)).toBe('revoked');
    expect(action(DocCloseReason.PROJECT_DELETED)).toBe('revoked');
    expect(action(DocCloseReason.CLIENT_TOO_OLD)).toBe('upgrade');
    expect(action(DocCloseReason.MESSAGE_TOO_LARGE)).toBe('too-large');
    // A blinded checklist: asking again would be refused again (4412 is permanent).
    expect(action(DocCloseReason.CHECKLIST_WITHHELD)).toBe('withheld');
    expect(serverCloseAction(4499, 'SOMETHING_NEW')).toBe('stop');
  });
});

describe('combinedConnection', () => {
  it('shows the document furthest from the server', () => {
    expect(combinedConnection('online', 'online')).toBe('online');
    expect(combinedConnection('online', 'syncing')).toBe('syncing');
    expect(combinedConnection('connecting', 'online')).toBe('connecting');
    expect(combinedConnection('syncing', 'offline')).toBe('offline');
    expect(combinedConnection('revoked', 'offline')).toBe('revoked');
    expect(combinedConnection('online')).toBe('online');
  });
});
