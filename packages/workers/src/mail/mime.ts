/** A mailbox of `From:`: `Name <address>` or a bare address. */
export function parseMailbox(value: string): { name?: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { name: match[1] || undefined, address: match[2]! };
  return { address: value.trim() };
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** RFC 2047 encoded-word: any text as a header value, with no way to inject a header. */
function encodedWord(text: string): string {
  return `=?UTF-8?B?${base64Utf8(text)}?=`;
}

/**
 * A plain-text UTF-8 message in MIME (RFC 5322), as Cloudflare's `send_email` binding takes it.
 * Addresses come from the validated email schema and configuration; everything a person typed
 * (subject, names, body) is encoded, so it cannot add or break headers.
 */
export function plainTextMime(input: {
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
}): string {
  const from = parseMailbox(input.from);
  const fromHeader = from.name ? `${encodedWord(from.name)} <${from.address}>` : from.address;
  const body = base64Utf8(input.text).replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${fromHeader}`,
    `To: <${input.to}>`,
    `Subject: ${encodedWord(input.subject)}`,
    `Date: ${input.date.toUTCString()}`,
    `Message-ID: <${input.messageId}@${from.address.split('@')[1] ?? 'corates'}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}
