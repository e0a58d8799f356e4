// The outbound call policy: which addresses Alur may send HTTP requests to
// (webhook service tasks, messages sent through a service, deviation webhooks).
// Public addresses are allowed; internal ones (loopback, private, link-local
// with the cloud metadata service, CGNAT, multicast, unspecified, reserved, and
// the IPv4-mapped / NAT64 / 6to4 IPv6 forms of these) are refused unless
// ALUR_OUTBOUND_ALLOW names them. Pure: no I/O. The worker checks every
// connection's resolved address with it (worker/src/outbound/); the API checks
// literal URLs with it at deploy and webhook registration.
import ipaddr from 'ipaddr.js';

export const OUTBOUND_ALLOW_ENV = 'ALUR_OUTBOUND_ALLOW';

/** One ALUR_OUTBOUND_ALLOW entry: an address range or a host name (`*.` for its subdomains), optionally one port. */
export type OutboundAllowRule =
  | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number; text: string }
  | { kind: 'host'; host: string; wildcard: boolean; port?: number; text: string };

export interface OutboundPolicy {
  allow: OutboundAllowRule[];
}

/** No allowlist: public addresses only. */
export const PUBLIC_ONLY: OutboundPolicy = { allow: [] };

/**
 * Parses ALUR_OUTBOUND_ALLOW: comma-separated `host`, `*.domain`, IP address or
 * CIDR, each optionally with `:port` (IPv6 with a port in brackets:
 * `[::1]:8080`, `[fd00::/8]:443`). Throws naming the entry it cannot read.
 */
export function parseOutboundAllow(text: string | undefined, name = OUTBOUND_ALLOW_ENV): OutboundPolicy {
  const allow: OutboundAllowRule[] = [];
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const rule = parseRule(entry);
    if (!rule) {
      throw new Error(
        `${name} entry "${entry}" is not a host name (example.go.id, *.pemda.go.id), IP address or CIDR (10.0.0.0/8), each optionally with :port ([::1]:8080 for IPv6)`,
      );
    }
    allow.push(rule);
  }
  return { allow };
}

function parseRule(entry: string): OutboundAllowRule | undefined {
  let target = entry;
  let portText: string | undefined;
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    if (close < 0) return undefined;
    target = entry.slice(1, close);
    const rest = entry.slice(close + 1);
    if (rest) {
      if (!rest.startsWith(':')) return undefined;
      portText = rest.slice(1);
    }
  } else if (entry.split(':').length === 2) {
    [target, portText] = entry.split(':') as [string, string];
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) return undefined;
  }
  const withPort = port === undefined ? {} : { port };
  if (target.includes('/')) {
    if (!ipaddr.isValidCIDR(target)) return undefined;
    const [address, bits] = ipaddr.parseCIDR(target);
    // ::ffff:10.0.0.0/104 is 10.0.0.0/8: addresses are compared unmapped.
    const range: [ipaddr.IPv4 | ipaddr.IPv6, number] = isMapped(address) && bits >= 96 ? [unmapped(address), bits - 96] : [address, bits];
    return { kind: 'range', range, ...withPort, text: entry };
  }
  if (isIpLiteral(target)) {
    const address = unmapped(ipaddr.parse(target));
    return { kind: 'range', range: [address, address.kind() === 'ipv4' ? 32 : 128], ...withPort, text: entry };
  }
  const host = target.toLowerCase();
  const wildcard = host.startsWith('*.');
  const name = wildcard ? host.slice(2) : host;
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(name)) return undefined;
  return { kind: 'host', host: name.replace(/\.$/, ''), wildcard, ...withPort, text: entry };
}

/** A plain IPv4 (four decimal parts) or IPv6 address, as found in a URL or a DNS answer. */
export function isIpLiteral(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function isMapped(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
}

/** `::ffff:a.b.c.d` as the IPv4 address it is; any other address unchanged. */
function unmapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return isMapped(address) ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

const IPV4_LABELS: Record<string, string> = {
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT address (100.64.0.0/10)',
  private: 'private address',
  reserved: 'reserved address',
};
const IPV6_LABELS: Record<string, string> = {
  unspecified: 'unspecified address',
  multicast: 'multicast address',
  linkLocal: 'link-local address',
  loopback: 'loopback address',
  uniqueLocal: 'private address (unique local, fc00::/7)',
  deprecatedSiteLocal: 'private address (site-local, fec0::/10)',
  teredo: 'Teredo tunnel address',
  rfc6145: 'IPv4-translated address',
  reserved: 'reserved address',
};

/**
 * What kind of internal address `ip` is ("loopback address", "private
 * address", ...), or undefined for a public (global unicast) address. IPv6
 * forms that carry an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64
 * 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address.
 */
export function internalAddressKind(ip: string): string | undefined {
  if (!ipaddr.isValid(ip)) return 'not an IP address';
  const address = unmapped(ipaddr.parse(ip.replace(/%.*$/, '')));
  if (address.kind() === 'ipv4') {
    const v4 = address as ipaddr.IPv4;
    const range = v4.range();
    if (range === 'unicast') return undefined;
    if (range === 'linkLocal' && v4.toString() === '169.254.169.254') return 'link-local address (cloud metadata service)';
    return IPV4_LABELS[range] ?? `special-purpose address (${range})`;
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'unicast') return undefined;
  const embedded = embeddedIPv4(v6, range);
  if (embedded) {
    const kind = internalAddressKind(embedded);
    return kind && `${kind} (${embedded}${range === 'rfc6052' ? ' by NAT64' : ' by 6to4'})`;
  }
  return IPV6_LABELS[range] ?? `special-purpose address (${range})`;
}

function embeddedIPv4(v6: ipaddr.IPv6, range: string): string | undefined {
  const bytes = v6.toByteArray();
  if (range === 'rfc6052') return bytes.slice(12, 16).join('.'); // 64:ff9b::a.b.c.d
  if (range === '6to4') return bytes.slice(2, 6).join('.'); // 2002:AABB:CCDD::
  return undefined;
}

/** The host as found in a URL's hostname: lower case, without IPv6 brackets or a trailing dot. */
export function normalHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Whether an allowlist entry lets a call to `host` (as written in the URL) on `port`, connecting to `address`, through. */
export function isAllowed(policy: OutboundPolicy, target: { host: string; port: number; address?: string }): boolean {
  const host = normalHost(target.host);
  const address = target.address && ipaddr.isValid(target.address) ? unmapped(ipaddr.parse(target.address.replace(/%.*$/, ''))) : undefined;
  return policy.allow.some((rule) => {
    if (rule.port !== undefined && rule.port !== target.port) return false;
    if (rule.kind === 'host') return rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host;
    return address !== undefined && address.kind() === rule.range[0].kind() && address.match(rule.range);
  });
}

/**
 * Why a call to `host` on `port` connecting to `address` is refused, or
 * undefined when it may go: a public address, or one the allowlist names.
 */
export function outboundRefusal(policy: OutboundPolicy, target: { host: string; port: number; address: string }): string | undefined {
  const kind = internalAddressKind(target.address);
  if (!kind || isAllowed(policy, target)) return undefined;
  return kind;
}

/** "host:port" ([v6]:port), and the address it resolved to when that differs from the host. */
export function describeTarget(target: { host: string; port: number; address?: string }): string {
  const host = normalHost(target.host);
  const shown = host.includes(':') ? `[${host}]:${target.port}` : `${host}:${target.port}`;
  return target.address && normalHost(target.address) !== host ? `${shown} (${target.address})` : shown;
}

/** The sentence a refused call fails with. */
export function refusedMessage(target: { host: string; port: number; address?: string }, reason: string): string {
  return `outbound call to ${describeTarget(target)} refused: ${reason}; allow it with ${OUTBOUND_ALLOW_ENV}`;
}

/** The port a URL connects to. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

const LOCALHOST_ADDRESSES = ['127.0.0.1', '::1'];

/**
 * Deploy / registration-time check of a fixed URL, without DNS: refused when
 * its host is `localhost` (or a name under .localhost) or an IP literal in an
 * internal range, unless allowed. Names that merely resolve inwards are caught
 * when the call is made. Returns the refusal message, or undefined.
 */
export function literalUrlRefusal(policy: OutboundPolicy, urlText: string): string | undefined {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return undefined; // not a URL at all: the caller's own check says so
  }
  const host = normalHost(url.hostname);
  const port = portOf(url);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    if (isAllowed(policy, { host, port }) || LOCALHOST_ADDRESSES.some((address) => isAllowed(policy, { host, port, address }))) return undefined;
    return refusedMessage({ host, port }, 'loopback address (localhost)');
  }
  if (!isIpLiteral(host)) return undefined;
  const reason = outboundRefusal(policy, { host, port, address: host });
  return reason && refusedMessage({ host, port }, reason);
}
