import type { MailSettings, MailTransport } from './mail-transport.ts';
import { parseMailbox, plainTextMime } from './mime.ts';

/**
 * Cloudflare Email Routing's `send_email` binding. `cloudflare:email` is imported when a message
 * is sent, so the modules that select a transport load in Node too (OpenAPI generation, tests).
 */
export function cloudflareTransport(
  binding: NonNullable<MailSettings['MAIL']>,
  from: string,
): MailTransport {
  return {
    name: 'cloudflare',
    async send(message) {
      const { EmailMessage } = await import('cloudflare:email');
      const raw = plainTextMime({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        date: new Date(),
        messageId: crypto.randomUUID(),
      });
      await binding.send(new EmailMessage(parseMailbox(from).address, message.to, raw));
      return {};
    },
  };
}
