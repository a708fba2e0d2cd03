import type { MailTransport } from './mail-transport.ts';

/**
 * A mail provider's HTTP API that takes `{from, to, subject, text}` as JSON with a bearer token
 * (Resend's `POST /emails` does; docs/deploy.md). Any answer but 2xx is an error.
 */
export function httpTransport(
  url: string,
  token: string,
  from: string,
  fetcher: typeof fetch = fetch,
): MailTransport {
  return {
    name: 'http',
    async send(message) {
      const res = await fetcher(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
        }),
      });
      if (!res.ok) throw new Error(`mail provider answered ${res.status}`);
      return {};
    },
  };
}
