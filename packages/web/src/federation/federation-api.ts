import type {
  CreateShare,
  InviteCreated,
  Share,
  ShareDetail,
  ShareGraph,
  Subscription,
  SubscriptionDeleted,
  SubscriptionPulled,
  UpdateShare,
} from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

// Federation (docs/federation.md): the owner's shares of a project (publisher side) and the
// platform admin's subscriptions to other servers' shares (subscriber side). Failures reject with
// ApiError (api/client.ts).

export const federationKeys = {
  shares: (projectId: string) => ['federation', 'shares', projectId] as const,
  share: (shareId: string) => ['federation', 'share', shareId] as const,
  graph: (shareId: string) => ['federation', 'share', shareId, 'graph'] as const,
  subscriptions: () => ['federation', 'subscriptions'] as const,
};

export async function listShares(projectId: string): Promise<Share[]> {
  return dataOf(
    await api.GET('/api/projects/{projectId}/shares', { params: { path: { projectId } } }),
  ).shares;
}

export async function createShare(projectId: string, body: CreateShare): Promise<Share> {
  return dataOf(
    await api.POST('/api/projects/{projectId}/shares', { params: { path: { projectId } }, body }),
  );
}

export async function createInvite(shareId: string): Promise<InviteCreated> {
  return dataOf(await api.POST('/api/shares/{shareId}/invites', { params: { path: { shareId } } }));
}

export async function revokeShare(shareId: string): Promise<Share> {
  return dataOf(await api.DELETE('/api/shares/{shareId}', { params: { path: { shareId } } }));
}

/** The share with its subscribers (lag, last pull, last error) and its log's position. */
export async function getShare(shareId: string): Promise<ShareDetail> {
  return dataOf(await api.GET('/api/shares/{shareId}', { params: { path: { shareId } } }));
}

export async function getShareGraph(shareId: string): Promise<ShareGraph> {
  return dataOf(await api.GET('/api/shares/{shareId}/graph', { params: { path: { shareId } } }));
}

/** Pause or resume. */
export async function setShareStatus(
  shareId: string,
  status: UpdateShare['status'],
): Promise<Share> {
  return dataOf(
    await api.PATCH('/api/shares/{shareId}', { params: { path: { shareId } }, body: { status } }),
  );
}

export async function listSubscriptions(): Promise<Subscription[]> {
  return dataOf(await api.GET('/api/federation/subscriptions')).subscriptions;
}

export async function subscribe(invite: string): Promise<Subscription> {
  return dataOf(await api.POST('/api/federation/subscriptions', { body: { invite } }));
}

/** "Pull now": the subscription as it stands after the pull (a refusal is in its lastError). */
export async function pullNow(id: string): Promise<SubscriptionPulled> {
  return dataOf(
    await api.POST('/api/federation/subscriptions/{id}/pull', { params: { path: { id } } }),
  );
}

/** Deletes the subscription and what it holds here (the mirror project too), telling the publisher. */
export async function unsubscribe(id: string): Promise<SubscriptionDeleted> {
  return dataOf(
    await api.DELETE('/api/federation/subscriptions/{id}', { params: { path: { id } } }),
  );
}
