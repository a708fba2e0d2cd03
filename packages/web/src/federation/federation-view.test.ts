import { describe, expect, it } from 'vitest';
import {
  expiresText,
  graphFileName,
  lagText,
  shareRequest,
  shareScopeText,
  shareStatusText,
  subscriptionStatus,
} from './federation-view.ts';

describe('federation view text', () => {
  it('names what a share covers', () => {
    const titles: Record<string, string> = { a: 'Trial A', b: 'Trial B', c: 'Trial C', d: 'D' };
    const titleOf = (id: string) => titles[id];
    expect(shareScopeText({ scope: 'project', studyIds: [] }, titleOf)).toBe('The whole project');
    expect(shareScopeText({ scope: 'studies', studyIds: ['a'] }, titleOf)).toBe('1 study: Trial A');
    expect(shareScopeText({ scope: 'studies', studyIds: ['a', 'gone'] }, titleOf)).toBe(
      '2 studies: Trial A; gone',
    );
    expect(shareScopeText({ scope: 'studies', studyIds: ['a', 'b', 'c', 'd'] }, titleOf)).toBe(
      '4 studies: Trial A; Trial B; Trial C; and 1 more',
    );
  });

  it('says a lag in changes, a dash before the first pull', () => {
    expect(lagText(0)).toBe('Up to date');
    expect(lagText(1)).toBe('1 change behind');
    expect(lagText(12)).toBe('12 changes behind');
    expect(lagText(null)).toBe('—');
  });

  it('tells paused, failing, new and active subscriptions apart', () => {
    const base = { state: 'active' as const, lastError: null, lastPullAt: '2026-12-07T10:00:00Z' };
    expect(subscriptionStatus(base)).toEqual({ tone: 'ok', text: 'Active' });
    expect(subscriptionStatus({ ...base, lastPullAt: null }).text).toBe('Not pulled yet');
    expect(subscriptionStatus({ ...base, lastError: 'pulling: 410 SHARE_REVOKED' }).text).toBe(
      'Failing',
    );
    expect(subscriptionStatus({ ...base, state: 'paused', lastError: 'x' })).toEqual({
      tone: 'error',
      text: 'Paused',
    });
  });

  it('badges a share by status', () => {
    expect(shareStatusText('active')).toEqual({ tone: 'ok', text: 'Active' });
    expect(shareStatusText('paused')).toEqual({ tone: 'warn', text: 'Paused' });
    expect(shareStatusText('revoked')).toEqual({ tone: 'muted', text: 'Revoked' });
  });

  it('counts down an invite', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(expiresText('2026-12-10T10:00:00Z', now)).toBe('Expires in 72 hours');
    expect(expiresText('2026-12-07T11:30:00Z', now)).toBe('Expires in 1 hour');
    expect(expiresText('2026-12-07T10:00:30Z', now)).toBe('Expires in 1 minute');
    expect(expiresText('2026-12-07T10:20:00Z', now)).toBe('Expires in 20 minutes');
    expect(expiresText('2026-12-07T09:00:00Z', now)).toBe('Expired');
  });

  it('names the SVG file after the share, safely', () => {
    expect(graphFileName('sh_abc-1')).toBe('share-sh_abc-1.svg');
    expect(graphFileName('a/b:c')).toBe('share-a_b_c.svg');
  });

  it('builds the create request, refusing a studies share with none chosen', () => {
    expect(shareRequest('project', new Set(['a']))).toEqual({ ok: true, body: { mode: 'read' } });
    expect(shareRequest('studies', new Set())).toEqual({
      ok: false,
      message: 'Choose at least one study to share.',
    });
    expect(shareRequest('studies', new Set(['a', 'b']))).toEqual({
      ok: true,
      body: { mode: 'read', studyIds: ['a', 'b'] },
    });
  });
});
