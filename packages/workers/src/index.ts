import { createApp } from './app.ts';
import { scheduled } from './alerts/scheduled.ts';

export { ProjectDoc } from './durable/project-doc.ts';
export { SubscriptionPuller } from './durable/subscription-puller.ts';

const app = createApp();

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
