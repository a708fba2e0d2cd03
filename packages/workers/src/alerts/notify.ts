import { eq } from 'drizzle-orm';
import type { Alert } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { user } from '../db/schema.ts';
import type { MailSettings } from '../mail/mail-transport.ts';
import { selectTransport } from '../mail/select-transport.ts';
import { alertMessage } from './alert-message.ts';

/** Optional settings (docs/runbooks/alerts.md); like the mail settings, none is in wrangler.jsonc. */
export interface AlertSettings extends MailSettings {
  /** Receives `POST {text, opened, resolved}` as JSON for every check that changed something. */
  ALERT_WEBHOOK_URL?: string;
  /** The app's address, for the link to the Operations page in the message. */
  APP_URL?: string;
}

/**
 * Sends what a check changed to every platform admin through the app's mail transport and to the
 * webhook. A failed send is logged and never undoes the recorded alert: the Operations page
 * still shows it.
 */
export async function notifyAlerts(
  db: Database,
  settings: AlertSettings,
  changes: { opened: Alert[]; resolved: Alert[] },
  fetcher: typeof fetch = fetch,
): Promise<{ mailed: number; webhook: boolean }> {
  if (changes.opened.length === 0 && changes.resolved.length === 0)
    return { mailed: 0, webhook: false };
  const link = `${settings.APP_URL?.replace(/\/$/, '') ?? ''}/admin`;
  const message = alertMessage(changes, link);
  let mailed = 0;
  try {
    const transport = selectTransport(settings);
    const admins = await db
      .select({ email: user.email })
      .from(user)
      .where(eq(user.platformRole, 'admin'));
    for (const a of admins) {
      await transport.send({ to: a.email, ...message, link });
      mailed++;
    }
  } catch (e) {
    console.error('alert mail not sent', e);
  }
  let webhook = false;
  if (settings.ALERT_WEBHOOK_URL) {
    try {
      const res = await fetcher(settings.ALERT_WEBHOOK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${message.subject}\n${message.text}`, ...changes }),
      });
      webhook = res.ok;
      if (!res.ok) console.error('alert webhook answered', res.status);
    } catch (e) {
      console.error('alert webhook not reached', e);
    }
  }
  return { mailed, webhook };
}
