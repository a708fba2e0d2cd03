import { createDatabase } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { runAlertCheck } from './check.ts';

/** The Worker's `scheduled` handler: the Cron Trigger in wrangler.jsonc runs the alert check. */
export const scheduled: ExportedHandlerScheduledHandler<Bindings> = async (event, env) => {
  await runAlertCheck(createDatabase(env.DB), env, new Date(event.scheduledTime));
};
