/** One plain-text message to one address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * The link the message exists to deliver. A transport that cannot deliver mail (the local one)
   * hands it back so the sender can pass it on by hand.
   */
  link: string;
}

export interface MailTransport {
  readonly name: 'local' | 'cloudflare' | 'http';
  /** Sends the message; `shownLink` is set only when the sender must pass the link on. */
  send(message: MailMessage): Promise<{ shownLink?: string }>;
}

/**
 * The settings mail reads (docs/deploy.md). None is in wrangler.jsonc: local development needs
 * none, and a deployment adds the ones of the transport it picks.
 */
export interface MailSettings {
  /** `local` (the default), `cloudflare` or `http`. */
  MAIL_TRANSPORT?: string;
  /** The sender address, `CoRATES <invites@example.org>` or a bare address. */
  MAIL_FROM?: string;
  /** Cloudflare Email Service's `send_email` binding (MAIL_TRANSPORT=cloudflare). */
  MAIL?: {
    send(message: {
      from: string | { email: string; name: string };
      to: string;
      subject: string;
      text: string;
    }): Promise<unknown>;
  };
  /** A JSON mail API taking `{from, to, subject, text}` with a bearer token (MAIL_TRANSPORT=http). */
  MAIL_HTTP_URL?: string;
  MAIL_HTTP_TOKEN?: string;
}
