import { createRouter } from '../lib/router.ts';
import { federationIdentityRoutes } from './federation-identity.ts';
import { federationShareRoutes } from './federation-shares.ts';
import { federationSubscriptionRoutes } from './federation-subscriptions.ts';
import { federationV1Routes } from './federation-v1.ts';

/** Federation (docs/federation.md), mounted at the root: its well-known document is outside /api. */
export const federationRoutes = createRouter();
federationRoutes.route('/', federationIdentityRoutes);
federationRoutes.route('/api', federationShareRoutes);
federationRoutes.route('/api', federationSubscriptionRoutes);
federationRoutes.route('/api/federation/v1', federationV1Routes);
