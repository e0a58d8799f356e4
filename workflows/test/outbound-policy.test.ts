// The outbound call policy's address classification and allowlist (pure).
import { describe, expect, it } from 'vitest';
import { internalAddressKind, isAllowed, literalUrlRefusal, outboundRefusal, parseOutboundAllow, PUBLIC_ONLY } from '../src/common/outbound-policy';

describe('internalAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['::1', 'loopback address'],
    ['10.1.2.3', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.1.1', 'private address'],
    ['fc00::1', 'private address (unique local, fc00::/7)'],
    ['fd12:3456::1', 'private address (unique local, fc00::/7)'],
    ['169.254.169.254', 'link-local address (cloud metadata service)'],
    ['169.254.1.1', 'link-local address'],
    ['fe80::1', 'link-local address'],
    ['0.0.0.0', 'unspecified address'],
    ['::', 'unspecified address'],
    ['100.64.0.1', 'carrier-grade NAT address (100.64.0.0/10)'],
    ['100.127.255.254', 'carrier-grade NAT address (100.64.0.0/10)'],
    ['224.0.0.1', 'multicast address'],
    ['ff02::1', 'multicast address'],
    ['255.255.255.255', 'broadcast address'],
    ['240.0.0.1', 'reserved address'],
    // IPv4-mapped IPv6 forms are judged as the IPv4 address they carry.
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['::ffff:169.254.169.254', 'link-local address (cloud metadata service)'],
    ['::ffff:10.0.0.1', 'private address'],
    ['64:ff9b::7f00:1', 'loopback address (127.0.0.1 by NAT64)'],
    ['2002:a00:1::', 'private address (10.0.0.1 by 6to4)'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is a %s', (ip, kind) => {
    expect(internalAddressKind(ip)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (ip) => {
    expect(internalAddressKind(ip)).toBeUndefined();
  });
});

describe('ALUR_OUTBOUND_ALLOW', () => {
  const policy = parseOutboundAllow('127.0.0.1:8080, 10.0.0.0/8,*.pemda.go.id, intranet.local:443, [::1]:9000, fd00::/8, ::ffff:192.168.0.0/112');

  it('allows an IP on its port only', () => {
    expect(isAllowed(policy, { host: '127.0.0.1', port: 8080, address: '127.0.0.1' })).toBe(true);
    expect(isAllowed(policy, { host: '127.0.0.1', port: 7233, address: '127.0.0.1' })).toBe(false);
    expect(isAllowed(policy, { host: '::ffff:127.0.0.1', port: 8080, address: '::ffff:127.0.0.1' })).toBe(true);
  });

  it('allows a CIDR on any port', () => {
    expect(isAllowed(policy, { host: 'x.internal', port: 1, address: '10.200.3.4' })).toBe(true);
    expect(isAllowed(policy, { host: 'x.internal', port: 1, address: '11.0.0.1' })).toBe(false);
    expect(isAllowed(policy, { host: 'x', port: 80, address: '192.168.5.5' })).toBe(true);
    expect(isAllowed(policy, { host: 'x', port: 80, address: '192.169.5.5' })).toBe(false);
  });

  it('allows subdomains of a wildcard and exact host names, whatever they resolve to', () => {
    expect(isAllowed(policy, { host: 'sipd.pemda.go.id', port: 80, address: '172.20.1.1' })).toBe(true);
    expect(isAllowed(policy, { host: 'a.b.pemda.go.id', port: 80, address: '172.20.1.1' })).toBe(true);
    expect(isAllowed(policy, { host: 'pemda.go.id', port: 80, address: '172.20.1.1' })).toBe(false);
    expect(isAllowed(policy, { host: 'evilpemda.go.id', port: 80, address: '172.20.1.1' })).toBe(false);
    expect(isAllowed(policy, { host: 'INTRANET.local', port: 443, address: '172.20.1.1' })).toBe(true);
    expect(isAllowed(policy, { host: 'intranet.local', port: 80, address: '172.20.1.1' })).toBe(false);
  });

  it('reads bracketed IPv6 with a port and bare IPv6 CIDRs', () => {
    expect(isAllowed(policy, { host: '::1', port: 9000, address: '::1' })).toBe(true);
    expect(isAllowed(policy, { host: '::1', port: 9001, address: '::1' })).toBe(false);
    expect(isAllowed(policy, { host: 'h', port: 1, address: 'fd00::5' })).toBe(true);
  });

  it('refuses an entry it cannot read, naming it', () => {
    for (const bad of ['10.0.0.0/33', 'host:99999', 'host:abc', 'a b', '[::1', '*.', 'http://x']) {
      expect(() => parseOutboundAllow(bad), bad).toThrow(`ALUR_OUTBOUND_ALLOW entry "${bad}"`);
    }
    expect(parseOutboundAllow(undefined).allow).toEqual([]);
    expect(parseOutboundAllow(' , ').allow).toEqual([]);
  });
});

describe('outboundRefusal', () => {
  it('lets public addresses through without any allowlist', () => {
    expect(outboundRefusal(PUBLIC_ONLY, { host: 'example.go.id', port: 443, address: '203.0.114.1' })).toBeUndefined();
  });

  it('refuses internal addresses unless allowed', () => {
    expect(outboundRefusal(PUBLIC_ONLY, { host: 'evil.example', port: 80, address: '127.0.0.1' })).toBe('loopback address');
    expect(outboundRefusal(parseOutboundAllow('127.0.0.1'), { host: 'evil.example', port: 80, address: '127.0.0.1' })).toBeUndefined();
  });
});

describe('literalUrlRefusal (deploy and registration time)', () => {
  it('refuses IP literals in internal ranges and localhost, with the address and the setting', () => {
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://169.254.169.254/latest/meta-data/')).toBe(
      'outbound call to 169.254.169.254:80 refused: link-local address (cloud metadata service); allow it with ALUR_OUTBOUND_ALLOW',
    );
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://127.0.0.1:7243/api/v1/namespaces')).toBe(
      'outbound call to 127.0.0.1:7243 refused: loopback address; allow it with ALUR_OUTBOUND_ALLOW',
    );
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://localhost:7243/')).toBe(
      'outbound call to localhost:7243 refused: loopback address (localhost); allow it with ALUR_OUTBOUND_ALLOW',
    );
    expect(literalUrlRefusal(PUBLIC_ONLY, 'https://[::ffff:10.0.0.1]/x')).toContain('private address');
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://2130706433/')).toContain('127.0.0.1:80 refused: loopback');
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://0x7f.1/')).toContain('127.0.0.1:80 refused: loopback');
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://[fe80::1]:8080/')).toContain('[fe80::1]:8080 refused: link-local');
  });

  it('lets names (checked at call time), public addresses and allowed ones through', () => {
    expect(literalUrlRefusal(PUBLIC_ONLY, 'https://sipd.pemda.go.id/hook')).toBeUndefined();
    expect(literalUrlRefusal(PUBLIC_ONLY, 'http://8.8.8.8/')).toBeUndefined();
    expect(literalUrlRefusal(parseOutboundAllow('127.0.0.1'), 'http://127.0.0.1:7243/')).toBeUndefined();
    expect(literalUrlRefusal(parseOutboundAllow('127.0.0.1'), 'http://localhost:7243/')).toBeUndefined();
    expect(literalUrlRefusal(parseOutboundAllow('127.0.0.1:8080'), 'http://127.0.0.1:7243/')).toContain('refused');
    expect(literalUrlRefusal(parseOutboundAllow('localhost'), 'http://localhost/')).toBeUndefined();
  });
});
