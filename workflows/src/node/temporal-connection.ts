// How the API and the worker reach Temporal: plain gRPC (the dev server, or a
// cluster on a private network), mutual TLS (a self-hosted secured cluster),
// or an API key over TLS (Temporal Cloud). Read from the environment; both
// @temporalio/client's Connection and the worker's NativeConnection take the
// result as it is.
import { readFileSync } from 'node:fs';

export const TEMPORAL_CONNECTION_ENV_VARS = [
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CA_FILE',
  'TEMPORAL_TLS_CERT_FILE',
  'TEMPORAL_TLS_KEY_FILE',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
] as const;

export interface TemporalTls {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
}

export interface TemporalConnectionSecurity {
  tls?: TemporalTls | true;
  apiKey?: string;
  metadata?: Record<string, string>;
}

/**
 * The TLS / API-key part of a Temporal connection. Throws an Error naming the
 * variable when the settings contradict each other or a file cannot be read.
 */
export function temporalConnectionSecurity(env: NodeJS.ProcessEnv, namespace: string): TemporalConnectionSecurity {
  const value = (name: (typeof TEMPORAL_CONNECTION_ENV_VARS)[number]) => env[name]?.trim() || undefined;
  const file = (name: 'TEMPORAL_TLS_CA_FILE' | 'TEMPORAL_TLS_CERT_FILE' | 'TEMPORAL_TLS_KEY_FILE') => {
    const path = value(name);
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (err) {
      throw new Error(`${name}: cannot read "${path}" (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
    }
  };

  const tlsFlag = value('TEMPORAL_TLS')?.toLowerCase();
  if (tlsFlag !== undefined && !['true', 'false', '1', '0'].includes(tlsFlag)) {
    throw new Error(`TEMPORAL_TLS must be true or false, got "${env.TEMPORAL_TLS}"`);
  }
  const apiKey = value('TEMPORAL_API_KEY');
  const ca = file('TEMPORAL_TLS_CA_FILE');
  const crt = file('TEMPORAL_TLS_CERT_FILE');
  const key = file('TEMPORAL_TLS_KEY_FILE');
  const serverNameOverride = value('TEMPORAL_TLS_SERVER_NAME');
  if (!!crt !== !!key) {
    throw new Error(
      `${crt ? 'TEMPORAL_TLS_KEY_FILE' : 'TEMPORAL_TLS_CERT_FILE'} is not set: a client certificate needs both TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE`,
    );
  }
  const tlsDetails = ca || crt || serverNameOverride;
  const tlsWanted = tlsFlag === 'true' || tlsFlag === '1' || !!apiKey || !!tlsDetails;
  if (tlsFlag !== undefined && ['false', '0'].includes(tlsFlag) && tlsWanted) {
    throw new Error(`TEMPORAL_TLS is false, but ${apiKey ? 'TEMPORAL_API_KEY needs' : 'TLS files or a server name need'} TLS; remove one of them`);
  }
  if (!tlsWanted) return {};

  const tls: TemporalTls | true = tlsDetails
    ? {
        ...(serverNameOverride ? { serverNameOverride } : {}),
        ...(ca ? { serverRootCACertificate: ca } : {}),
        ...(crt && key ? { clientCertPair: { crt, key } } : {}),
      }
    : true;
  return {
    tls,
    // Temporal Cloud routes API-key calls by this header.
    ...(apiKey ? { apiKey, metadata: { 'temporal-namespace': namespace } } : {}),
  };
}
