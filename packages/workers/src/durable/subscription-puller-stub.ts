import type { Bindings } from '../env.ts';
import type { SubscriptionPuller } from './subscription-puller.ts';

/** The puller of a subscription: one Durable Object per subscription id. */
export function subscriptionPuller(
  env: Bindings,
  subscriptionId: string,
): DurableObjectStub<SubscriptionPuller> {
  return env.SUBSCRIPTION_PULLER.get(env.SUBSCRIPTION_PULLER.idFromName(subscriptionId));
}
