import { describe, expect, it } from 'vitest';
import { httpTransport } from './http-transport.ts';
import { invitationMail } from './invitation-mail.ts';
import { localTransport } from './local-transport.ts';
import { passwordResetMail } from './password-reset-mail.ts';
import { cloudflareTransport, parseMailbox } from './cloudflare-transport.ts';
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

describe('password reset mail', () => {
  it('links to the reset page with the token and says until when it works', () => {
    const reset = passwordResetMail({
      origin: 'https://corates.example',
      to: 'ada@example.org',
      token: 'abc-DEF_123',
      expiresAt: new Date('2026-12-07T10:00:00Z'),
    });
    expect(reset.link).toBe('https://corates.example/reset-password?token=abc-DEF_123');
    expect(reset.text).toContain(reset.link);
    expect(reset.text).toContain('ada@example.org');
    expect(reset.text).toContain('Mon, 07 Dec 2026 10:00:00 GMT');
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

describe('the Cloudflare transport', () => {
  it('hands the binding the structured message, the sender parsed from MAIL_FROM', async () => {
    const sent: unknown[] = [];
    const binding = { send: async (m: unknown) => void sent.push(m) };
    expect(
      await cloudflareTransport(binding, 'CoRATES <invites@corates.example>').send(mail),
    ).toEqual({});
    expect(sent).toEqual([
      {
        from: { email: 'invites@corates.example', name: 'CoRATES' },
        to: 'bob@example.org',
        subject: mail.subject,
        text: mail.text,
      },
    ]);
  });

  it('reads a mailbox with or without a name', () => {
    expect(parseMailbox('CoRATES <a@b.org>')).toEqual({ name: 'CoRATES', email: 'a@b.org' });
    expect(parseMailbox(' a@b.org ')).toBe('a@b.org');
  });
});
