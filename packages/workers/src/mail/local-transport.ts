import type { MailTransport } from './mail-transport.ts';

/**
 * Development: nothing leaves the machine. The message is logged and its link handed back, so
 * the app shows it to the sender, who passes it on.
 */
export function localTransport(log: (line: string) => void = console.log): MailTransport {
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
