import { describe, expect, it } from 'vitest';
import { httpTransport } from './http-transport.ts';
import { invitationMail } from './invitation-mail.ts';
import { localTransport } from './local-transport.ts';
import { parseMailbox, plainTextMime } from './mime.ts';
import { selectTransport } from './select-transport.ts';

const mail = invitationMail({
  origin: 'https://corates.example',
  to: 'bob@example.org',
  token: 'T'.repeat(43),
  projectName: 'Statins',
  inviterName: 'Ada',
  role: 'editor',
  expiresAt: new Date('2026-12-14T00:00:00Z'),
});

describe('invitation mail', () => {
  it('carries the link to the invitation page and says who, what and until when', () => {
    expect(mail.link).toBe(`https://corates.example/invitations/${'T'.repeat(43)}`);
    expect(mail.subject).toBe('Ada invited you to “Statins” on CoRATES');
    expect(mail.text).toContain(mail.link);
    expect(mail.text).toContain('as an editor');
    expect(mail.text).toContain('bob@example.org');
  });
});

describe('transports', () => {
  it('local: sends nothing, logs the link and hands it back', async () => {
    const lines: string[] = [];
    const sent = await localTransport((l) => lines.push(l)).send(mail);
    expect(sent.shownLink).toBe(mail.link);
    expect(lines.join('\n')).toContain(mail.link);
  });

  it('http: posts {from, to, subject, text} with the bearer token; a non-2xx is an error', async () => {
    const seen: Request[] = [];
    const ok = httpTransport(
      'https://mail.example/emails',
      'secret',
      'CoRATES <i@x.org>',
      async (input, init) => {
        seen.push(new Request(input as string, init));
        return new Response('{}', { status: 200 });
      },
    );
    expect(await ok.send(mail)).toEqual({});
    expect(seen[0]!.headers.get('Authorization')).toBe('Bearer secret');
    expect(await seen[0]!.json()).toEqual({
      from: 'CoRATES <i@x.org>',
      to: ['bob@example.org'],
      subject: mail.subject,
      text: mail.text,
    });
    const failing = httpTransport(
      'https://mail.example/emails',
      's',
      'i@x.org',
      async () => new Response('no', { status: 422 }),
    );
    await expect(failing.send(mail)).rejects.toThrow('422');
  });

  it('selection: local by default; a transport without its settings is an error', () => {
    expect(selectTransport({}).name).toBe('local');
    expect(() => selectTransport({ MAIL_TRANSPORT: 'cloudflare' })).toThrow(/MAIL/);
    expect(() => selectTransport({ MAIL_TRANSPORT: 'http', MAIL_FROM: 'a@b.org' })).toThrow(
      /MAIL_HTTP_URL/,
    );
    expect(() => selectTransport({ MAIL_TRANSPORT: 'pigeon' })).toThrow(/unknown/);
    expect(
      selectTransport({
        MAIL_TRANSPORT: 'http',
        MAIL_FROM: 'a@b.org',
        MAIL_HTTP_URL: 'https://mail.example',
        MAIL_HTTP_TOKEN: 't',
      }).name,
    ).toBe('http');
  });
});

describe('MIME', () => {
  it('encodes what people typed, so a name cannot add a header', () => {
    const raw = plainTextMime({
      from: 'CoRATES <invites@corates.example>',
      to: 'bob@example.org',
      subject: 'Hi\r\nBcc: evil@example.org',
      text: 'Grüße\r\nBcc: x',
      date: new Date('2026-12-07T00:00:00Z'),
      messageId: 'm1',
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head!.split('\r\n').map((l) => l.split(':')[0])).toEqual([
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
    ]);
    expect(head).toContain('Message-ID: <m1@corates.example>');
    expect(atob(body!.replace(/\r\n/g, ''))).toBe(
      String.fromCharCode(...new TextEncoder().encode('Grüße\r\nBcc: x')),
    );
  });

  it('reads a mailbox with or without a name', () => {
    expect(parseMailbox('CoRATES <a@b.org>')).toEqual({ name: 'CoRATES', address: 'a@b.org' });
    expect(parseMailbox('a@b.org')).toEqual({ address: 'a@b.org' });
  });
});
