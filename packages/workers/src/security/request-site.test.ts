import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest, parseAllowedOrigins, type RequestSite } from './request-site.ts';

const own = 'https://corates.example';
const base: RequestSite = {
  method: 'POST',
  isUpgrade: false,
  origin: undefined,
  fetchSite: undefined,
  ownOrigin: own,
  allowedOrigins: [],
};

describe('isCrossSiteRequest', () => {
  it('allows a same-origin browser write', () => {
    expect(isCrossSiteRequest({ ...base, origin: own, fetchSite: 'same-origin' })).toBe(false);
  });

  it('refuses a write from another origin, a null origin, or another site by Sec-Fetch-Site', () => {
    expect(isCrossSiteRequest({ ...base, origin: 'https://evil.example' })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: 'null' })).toBe(true);
    expect(isCrossSiteRequest({ ...base, fetchSite: 'cross-site' })).toBe(true);
    expect(isCrossSiteRequest({ ...base, fetchSite: 'same-site' })).toBe(true);
    // Another port of the same host is another origin.
    expect(isCrossSiteRequest({ ...base, origin: 'https://corates.example:8443' })).toBe(true);
  });

  it('refuses a cross-site WebSocket upgrade although it is a GET', () => {
    const upgrade = { ...base, method: 'GET', isUpgrade: true };
    expect(isCrossSiteRequest({ ...upgrade, origin: 'https://evil.example' })).toBe(true);
    expect(isCrossSiteRequest({ ...upgrade, origin: own })).toBe(false);
  });

  it('lets cross-site reads through (they carry no effect; CORS keeps the answer from the page)', () => {
    expect(isCrossSiteRequest({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(
      false,
    );
  });

  it('judges a request with neither header (a non-browser client) by its credentials alone', () => {
    expect(isCrossSiteRequest(base)).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: 'GET', isUpgrade: true })).toBe(false);
  });

  it('trusts the origins a deployment lists, and only those', () => {
    const allowedOrigins = ['https://app.corates.example'];
    expect(
      isCrossSiteRequest({
        ...base,
        origin: 'https://app.corates.example',
        fetchSite: 'same-site',
        allowedOrigins,
      }),
    ).toBe(false);
    expect(
      isCrossSiteRequest({ ...base, origin: 'https://other.corates.example', allowedOrigins }),
    ).toBe(true);
  });
});

describe('parseAllowedOrigins', () => {
  it('normalizes entries to origins and drops what is not one', () => {
    expect(
      parseAllowedOrigins(' https://a.example/path , not a url,,http://b.example:8080 ,null'),
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });
});
