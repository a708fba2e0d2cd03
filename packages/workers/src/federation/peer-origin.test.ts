import { describe, expect, it } from 'vitest';
import { checkPeerOrigin } from './peer-origin.ts';

describe('checkPeerOrigin', () => {
  it('admits public https origins, normalized', () => {
    for (const [input, origin] of [
      ['https://corates.example.org', 'https://corates.example.org'],
      ['https://Corates.Example.org/', 'https://corates.example.org'],
      ['https://corates.example.org:8443', 'https://corates.example.org:8443'],
      ['https://93.184.216.34', 'https://93.184.216.34'],
      ['https://[2606:4700::1111]', 'https://[2606:4700::1111]'],
    ])
      expect(checkPeerOrigin(input!, false)).toEqual({ ok: true, origin });
  });

  it('refuses http, credentials, paths and what is not a URL', () => {
    for (const input of [
      'http://corates.example.org',
      'ftp://corates.example.org',
      'https://user:pw@corates.example.org',
      'https://corates.example.org/api',
      'https://corates.example.org/?q=1',
      'https://corates.example.org/#x',
      'corates.example.org',
    ])
      expect(checkPeerOrigin(input, false).ok, input).toBe(false);
  });

  it('refuses loopback, private, link-local, shared and reserved addresses in any spelling', () => {
    for (const input of [
      'https://127.0.0.1',
      'https://127.1',
      'https://0x7f000001',
      'https://2130706433',
      'https://0177.0.0.1',
      'https://10.1.2.3',
      'https://172.16.0.1',
      'https://172.31.255.255',
      'https://192.168.1.1',
      'https://169.254.169.254',
      'https://100.64.0.1',
      'https://0.0.0.0',
      'https://224.0.0.1',
      'https://255.255.255.255',
      'https://[::1]',
      'https://[::]',
      'https://[::ffff:127.0.0.1]',
      'https://[::ffff:169.254.169.254]',
      'https://[fd00::1]',
      'https://[fe80::1]',
      'https://[ff02::1]',
      'https://localhost',
      'https://api.localhost',
      'https://printer.local',
      'https://metadata.google.internal',
      'https://intranet',
    ]) {
      const check = checkPeerOrigin(input, false);
      expect(check.ok, input).toBe(false);
    }
  });

  it('does not mistake public neighbours of private ranges for private ones', () => {
    for (const input of [
      'https://172.15.0.1',
      'https://172.32.0.1',
      'https://100.63.0.1',
      'https://11.0.0.1',
    ])
      expect(checkPeerOrigin(input, false).ok, input).toBe(true);
  });

  it('with the local-development setting, admits http and loopback origins (still origins only)', () => {
    expect(checkPeerOrigin('http://127.0.0.1:8787', true)).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:8787',
    });
    expect(checkPeerOrigin('http://localhost:9000', true).ok).toBe(true);
    expect(checkPeerOrigin('http://127.0.0.1:8787/api', true).ok).toBe(false);
    expect(checkPeerOrigin('file:///etc/passwd', true).ok).toBe(false);
  });
});
