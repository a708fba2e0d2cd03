import { cloudflareTransport } from './cloudflare-transport.ts';
import { httpTransport } from './http-transport.ts';
import { localTransport } from './local-transport.ts';
import type { MailSettings, MailTransport } from './mail-transport.ts';

/**
 * The one transport every message goes through, chosen by MAIL_TRANSPORT. A deployment that asks
 * for a transport without its settings fails loudly rather than dropping mail.
 */
export function selectTransport(settings: MailSettings): MailTransport {
  const kind = settings.MAIL_TRANSPORT?.trim() || 'local';
  const from = settings.MAIL_FROM?.trim();
  switch (kind) {
    case 'local':
      return localTransport();
    case 'cloudflare':
      if (!settings.MAIL || !from)
        throw new Error(
          'MAIL_TRANSPORT=cloudflare needs the MAIL send_email binding and MAIL_FROM',
        );
      return cloudflareTransport(settings.MAIL, from);
    case 'http':
      if (!settings.MAIL_HTTP_URL || !settings.MAIL_HTTP_TOKEN || !from)
        throw new Error('MAIL_TRANSPORT=http needs MAIL_HTTP_URL, MAIL_HTTP_TOKEN and MAIL_FROM');
      return httpTransport(settings.MAIL_HTTP_URL, settings.MAIL_HTTP_TOKEN, from);
    default:
      throw new Error(`unknown MAIL_TRANSPORT ${kind} (local, cloudflare or http)`);
  }
}
