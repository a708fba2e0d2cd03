import type { MailTransport } from './mail-transport.ts';

/**
 * Development: nothing leaves the machine. The message is logged and its link handed back, so
 * the app shows it to the sender, who passes it on (where the app may show it: a password reset's
 * link is only in this log). A warning, since `npm start` runs wrangler at `--log-level warn`.
 */
export function localTransport(log: (line: string) => void = console.warn): MailTransport {
  return {
    name: 'local',
    async send(message) {
      log(
        `[corates] mail not sent (local transport) to ${message.to}: ${message.subject} — ${message.link}`,
      );
      return { shownLink: message.link };
    },
  };
}
