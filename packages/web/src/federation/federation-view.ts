import type { Share, Subscription } from '@corates/shared';

/** What a share covers, in words: the whole project, or its studies by title (unknown ids kept as ids). */
export function shareScopeText(
  share: Pick<Share, 'scope' | 'studyIds'>,
  titleOf: (studyId: string) => string | undefined,
): string {
  if (share.scope === 'project') return 'The whole project';
  const titles = share.studyIds.map((id) => titleOf(id) ?? id);
  const shown = titles.slice(0, 3).join('; ');
  const more = titles.length - 3;
  const count = `${titles.length} ${titles.length === 1 ? 'study' : 'studies'}`;
  return more > 0 ? `${count}: ${shown}; and ${more} more` : `${count}: ${shown}`;
}

/**
 * A lag in words, the same on both sides: a subscriber's on the owner's share (changes it has not
 * acknowledged) and a subscription's here (changes the publisher had at the last pull that this
 * server does not hold yet). Null — a subscription not pulled yet — is a dash, like an empty cell.
 */
export function lagText(lag: number | null): string {
  if (lag === null) return '—';
  if (lag <= 0) return 'Up to date';
  return `${lag} ${lag === 1 ? 'change' : 'changes'} behind`;
}

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

/** A subscription's state on the subscriber's page: paused and failing say why. */
export function subscriptionStatus(s: Pick<Subscription, 'state' | 'lastError' | 'lastPullAt'>): {
  tone: Tone;
  text: string;
} {
  if (s.state === 'paused') return { tone: 'error', text: 'Paused' };
  if (s.lastError) return { tone: 'warn', text: 'Failing' };
  if (!s.lastPullAt) return { tone: 'muted', text: 'Not pulled yet' };
  return { tone: 'ok', text: 'Active' };
}

/** A share's status as a badge. */
export function shareStatusText(status: Share['status']): { tone: Tone; text: string } {
  if (status === 'active') return { tone: 'ok', text: 'Active' };
  if (status === 'paused') return { tone: 'warn', text: 'Paused' };
  return { tone: 'muted', text: 'Revoked' };
}

/** "Expires in 72 hours" (rounded down; minutes in the last hour), "Expired". */
export function expiresText(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return 'Expired';
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `Expires in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  return `Expires in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The downloaded picture's file name. */
export function graphFileName(shareId: string): string {
  return `share-${shareId.replace(/[^\w-]+/g, '_')}.svg`;
}

/**
 * The create form's choice as the API's body: a project share names no studies; a studies share
 * needs at least one (the API would refuse an empty list anyway: said here, before asking).
 */
export function shareRequest(
  scope: 'project' | 'studies',
  chosen: ReadonlySet<string>,
): { ok: true; body: { mode: 'read'; studyIds?: string[] } } | { ok: false; message: string } {
  if (scope === 'project') return { ok: true, body: { mode: 'read' } };
  if (chosen.size === 0) return { ok: false, message: 'Choose at least one study to share.' };
  return { ok: true, body: { mode: 'read', studyIds: [...chosen] } };
}
