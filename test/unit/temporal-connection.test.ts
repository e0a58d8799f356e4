import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporalConnectionSecurity } from '@alur/workflows';

const dir = mkdtempSync(join(tmpdir(), 'alur-tls-'));
const pem = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, `-----BEGIN ${name}-----\n`);
  return path;
};
const ca = pem('ca.pem');
const crt = pem('client.pem');
const key = pem('client.key');

describe('temporalConnectionSecurity', () => {
  it('is plain gRPC when nothing is set', () => {
    expect(temporalConnectionSecurity({}, 'default')).toEqual({});
    expect(temporalConnectionSecurity({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: '' }, 'default')).toEqual({});
  });

  it('turns TLS on with the system roots when only TEMPORAL_TLS is set', () => {
    expect(temporalConnectionSecurity({ TEMPORAL_TLS: 'true' }, 'default')).toEqual({ tls: true });
  });

  it('reads mutual-TLS files and the server name', () => {
    const result = temporalConnectionSecurity(
      { TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_CERT_FILE: crt, TEMPORAL_TLS_KEY_FILE: key, TEMPORAL_TLS_SERVER_NAME: 'temporal.pemda.go.id' },
      'default',
    );
    expect(result.tls).toEqual({
      serverNameOverride: 'temporal.pemda.go.id',
      serverRootCACertificate: Buffer.from('-----BEGIN ca.pem-----\n'),
      clientCertPair: { crt: Buffer.from('-----BEGIN client.pem-----\n'), key: Buffer.from('-----BEGIN client.key-----\n') },
    });
    expect(result.apiKey).toBeUndefined();
  });

  it('uses an API key over TLS with the namespace header, as Temporal Cloud wants', () => {
    expect(temporalConnectionSecurity({ TEMPORAL_API_KEY: 'secret-key' }, 'pemda.a1b2c')).toEqual({
      tls: true,
      apiKey: 'secret-key',
      metadata: { 'temporal-namespace': 'pemda.a1b2c' },
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS_CERT_FILE: crt }, 'default')).toThrow(/TEMPORAL_TLS_KEY_FILE is not set/);
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS_KEY_FILE: key }, 'default')).toThrow(/TEMPORAL_TLS_CERT_FILE is not set/);
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem') }, 'default')).toThrow(
      /TEMPORAL_TLS_CA_FILE: cannot read ".*missing\.pem" \(ENOENT\)/,
    );
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS: 'yes please' }, 'default')).toThrow(/TEMPORAL_TLS must be true or false/);
    expect(() => temporalConnectionSecurity({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }, 'default')).toThrow(
      /TEMPORAL_TLS is false, but TEMPORAL_API_KEY needs TLS/,
    );
  });
});
