import { parseErrorEnvelope, type SubscriptionDeleted } from '@corates/shared';
import { checkPeerOrigin } from './peer-origin.ts';
import { deleteMirrorProject } from './mirror-project.ts';
import { loadSubscription, type PullContext } from './pull.ts';
import { signedPeerCall, toSubscription } from './subscribe.ts';

/** The publisher's route a subscriber leaves a share by (routes/federation-v1.ts). */
export const unsubscribePath = (shareId: string) =>
  `/api/federation/v1/shares/${encodeURIComponent(shareId)}/subscription`;

/**
 * Unsubscribing (docs/federation.md "Scheduling and unsubscribing"): `stopPuller` first, so no pull
 * runs or is due after; then the publisher is told (signed, with the token, so it drops our
 * subscriber row and its lag stops counting), then the mirror project is deleted
 * (mirror-project.ts), then the subscription and its records in one D1 batch. A publisher that
 * cannot be told does not keep the subscription here: the answer says so, and the token it gave
 * goes unused.
 */
export async function unsubscribe(
  ctx: PullContext,
  id: string,
  stopPuller: () => Promise<void>,
): Promise<SubscriptionDeleted> {
  const { row, origin } = await loadSubscription(ctx.db, id);
  await stopPuller();
  const error = await tellPublisher(ctx, origin, row.shareId, row.token);
  // The mirror project goes first: it is found by the subscription row deleted below.
  await deleteMirrorProject(ctx.env, ctx.db, id);
  await ctx.d1.batch([
    ctx.d1.prepare('DELETE FROM received_records WHERE subscription_id = ?').bind(id),
    ctx.d1.prepare('DELETE FROM subscriptions WHERE id = ?').bind(id),
  ]);
  return {
    subscription: toSubscription(row, origin),
    publisher: { notified: error === null, error },
  };
}

/** Null when the publisher dropped our subscriber row (or had none), else why not. */
async function tellPublisher(
  ctx: PullContext,
  origin: string,
  shareId: string,
  token: string,
): Promise<string | null> {
  const admitted = checkPeerOrigin(origin, ctx.allowLocal);
  if (!admitted.ok) return `not calling ${origin}: ${admitted.reason}`;
  try {
    const answer = await signedPeerCall(
      ctx,
      'DELETE',
      `${admitted.origin}${unsubscribePath(shareId)}`,
      undefined,
      token,
    );
    if (answer.status === 204) return null;
    const code = parseErrorEnvelope(answer.json)?.error.code;
    return `${answer.status}${code ? ` ${code}` : ''}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
