import { z } from 'zod';
import { semverSchema } from '@corates/shared';

const CHANNEL = 'corates-version';

/** What tabs tell each other about builds; anything else on the channel is ignored. */
export const versionMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('upgrade-required'), minSupportedClient: semverSchema.optional() }),
]);
export type VersionMessage = z.infer<typeof versionMessageSchema>;

/**
 * Tab-to-tab news about builds. The service worker tells every tab when the new build takes over
 * (controllerchange); this channel tells them, before that, that the running one was refused.
 */
export function openVersionChannel(onMessage: (message: VersionMessage) => void) {
  if (typeof BroadcastChannel === 'undefined') return { post: () => {}, close: () => {} };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const parsed = versionMessageSchema.safeParse(event.data);
    if (parsed.success) onMessage(parsed.data);
  };
  return {
    post: (message: VersionMessage) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
