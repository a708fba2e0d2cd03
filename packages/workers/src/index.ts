import { createApp } from './app.ts';

export { ProjectDoc } from './durable/project-doc.ts';

const app = createApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
