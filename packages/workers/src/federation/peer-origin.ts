/**
 * Which origins this server calls for federation (SSRF): only one an invite names, and only when
 * it is a public https origin — no path, query, fragment or credentials; no loopback, private,
 * link-local, shared, multicast or reserved address literal; no `localhost`, `.local` or
 * `.internal` name, and no single-label name (an intranet host). `allowLocal` (the local-
 * development setting, docs/federation.md) admits http and those addresses, so two `wrangler dev`
 * servers on 127.0.0.1 can talk. Pure: a Worker cannot resolve a name before it fetches, so a
 * public name that resolves to a private address is not caught here; deployed Workers cannot
 * reach private networks, and redirects are refused where the fetch is made (peer-fetch.ts).
 */

export type PeerOriginCheck = { ok: true; origin: string } | { ok: false; reason: string };

export function checkPeerOrigin(input: string, allowLocal: boolean): PeerOriginCheck {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return { ok: false, reason: 'not an origin (it has a path, query or fragment)' };
  if (url.protocol !== 'https:' && !(allowLocal && url.protocol === 'http:'))
    return { ok: false, reason: `${url.protocol} is not allowed (https only)` };
  if (!allowLocal) {
    const why = localHostReason(url.hostname);
    if (why) return { ok: false, reason: why };
  }
  return { ok: true, origin: url.origin };
}

/** Why a host (as `URL.hostname` normalizes it) is not a public one; undefined if it is. */
function localHostReason(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return ipv6Reason(host.slice(1, -1));
  const v4 = parseIpv4(host);
  if (v4) return ipv4Reason(v4);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback name';
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.home.arpa'))
    return 'a local network name';
  if (!host.includes('.')) return 'a single-label (intranet) name';
  return undefined;
}

/** Dotted quad as WHATWG URL normalizes any IPv4 spelling (hex, octal, short forms) to. */
function parseIpv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

function ipv4Reason([a, b, c]: number[]): string | undefined {
  const [x = 0, y = 0, z = 0] = [a, b, c];
  if (x === 127) return 'a loopback address';
  if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168))
    return 'a private address';
  if (x === 169 && y === 254) return 'a link-local address';
  if (x === 100 && y >= 64 && y <= 127) return 'a shared (carrier-grade NAT) address';
  if (x === 0 || x >= 224) return 'a reserved or multicast address';
  if ((x === 192 && y === 0 && (z === 0 || z === 2)) || (x === 198 && (y === 18 || y === 19)))
    return 'a reserved address';
  if ((x === 198 && y === 51 && z === 100) || (x === 203 && y === 0 && z === 113))
    return 'a documentation address';
  return undefined;
}

function ipv6Reason(host: string): string | undefined {
  // WHATWG URL writes IPv6 compressed and lowercase; an IPv4-mapped one as ::ffff:hhhh:hhhh.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return ipv4Reason([hi >> 8, hi & 255, lo >> 8, lo & 255]) ?? 'an IPv4-mapped address';
  }
  if (host === '::1' || host === '::') return 'a loopback or unspecified address';
  const first = parseInt(host.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return 'a private (unique local) address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  if (host.startsWith('64:ff9b:') || host.startsWith('2001:db8:'))
    return 'a translated or documentation address';
  return undefined;
}
