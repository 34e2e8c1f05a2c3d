/**
 * Which endpoint URLs a sender delivers to. By default: `https` only, no
 * credentials in the URL, and no host that names this machine or a private
 * network (loopback, RFC 1918, link-local, carrier-grade NAT, unique-local
 * IPv6), so a subscriber cannot aim the server at its own inside. Host
 * names are checked as written: one that resolves to a private address
 * passes, so a server that must rule that out too sets `hosts` or sends
 * through an egress proxy (docs/webhooks.md).
 */
export interface WebhookUrlPolicy {
  /** Allow `http:` URLs (the body and its signature then travel in the clear). Default false. */
  readonly allowHttp?: boolean;
  /** Allow loopback and private-network hosts (tests, a receiver on the same network). Default false. */
  readonly allowPrivate?: boolean;
  /** When given, only these hosts (exact, or `*.example.com` for its subdomains). */
  readonly hosts?: readonly string[];
}

/** `url` parsed, or a `TypeError` saying which rule of `policy` refuses it. */
export function checkWebhookUrl(url: string, policy: WebhookUrlPolicy = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse(url, 'it is not an absolute URL');
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && policy.allowHttp === true))
    throw refuse(url, 'it is not https (allow http with `urls: { allowHttp: true }`)');
  if (parsed.username !== '' || parsed.password !== '')
    throw refuse(url, 'it carries credentials: give the receiver a secret instead');
  const host = parsed.hostname.toLowerCase();
  if (policy.hosts !== undefined && !policy.hosts.some((allowed) => hostMatches(host, allowed)))
    throw refuse(url, 'its host is not in `urls.hosts`');
  if (policy.allowPrivate !== true && isPrivateHost(host))
    throw refuse(
      url,
      'its host is this machine or a private network (allow with `urls: { allowPrivate: true }`)',
    );
  return parsed;
}

function refuse(url: string, why: string): TypeError {
  return new TypeError(`contract-gen: the webhook URL ${url} is refused: ${why}.`);
}

function hostMatches(host: string, allowed: string): boolean {
  const pattern = allowed.toLowerCase();
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

/** Whether `host` (a URL's normalised hostname) names this machine or a private network. */
export function isPrivateHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '') return true;
  if (host.startsWith('[')) return isPrivateIpv6(host.slice(1, -1));
  const v4 = ipv4(host);
  return v4 !== undefined && isPrivateIpv4(v4);
}

function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  return parts.map(Number);
}

function isPrivateIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a >= 224
  );
}

function isPrivateIpv6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  // IPv4-mapped (`::ffff:127.0.0.1`, normalised by URL to `::ffff:7f00:1`): the IPv4 address decides.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped !== null) {
    const high = Number.parseInt(mapped[1] as string, 16);
    return isPrivateIpv4([high >> 8, high & 255]);
  }
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}
