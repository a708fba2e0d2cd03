import type { MailSettings, MailTransport } from './mail-transport.ts';

/** `CoRATES <invites@example.org>` → `{ email, name }`; a bare address stays a string. */
export function parseMailbox(value: string): string | { email: string; name: string } {
  const match = /^\s*(.+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  return match ? { email: match[2]!, name: match[1]! } : value.trim();
}

/**
 * Cloudflare Email Service through the Worker's `send_email` binding, with its structured message
 * (the binding builds the MIME and signs it; what people typed cannot add headers).
 */
export function cloudflareTransport(
  binding: NonNullable<MailSettings['MAIL']>,
  from: string,
): MailTransport {
  return {
    name: 'cloudflare',
    async send(message) {
      await binding.send({
        from: parseMailbox(from),
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
      return {};
    },
  };
}
