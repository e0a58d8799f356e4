// The one way Alur's worker sends HTTP requests to other systems (webhook
// service tasks, messages sent through a service, deviation webhooks), under
// the outbound call policy (workflows/src/common/outbound-policy.ts):
// - every connection's address is checked when it is made: the host name is
//   resolved here and the socket connects to the address that was checked, so
//   DNS cannot answer one address to the check and another to the connect
//   (rebinding); loopback, private, link-local (the metadata service
//   169.254.169.254 too), CGNAT, multicast, unspecified and reserved addresses
//   are refused unless ALUR_OUTBOUND_ALLOW names them;
// - redirects are NOT followed: a 3xx answer fails the call, naming where it
//   pointed (the designer puts the final address in the diagram);
// - answers are read up to ALUR_OUTBOUND_MAX_RESPONSE_BYTES (1 MB), and every
//   request has a timeout.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { outboundRefusal, parseOutboundAllow, PUBLIC_ONLY, refusedMessage, type OutboundPolicy } from '@alur/workflows/outbound-policy';

export const DEFAULT_OUTBOUND_MAX_RESPONSE_BYTES = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;

export interface OutboundOptions {
  /** Internal addresses that may be called (ALUR_OUTBOUND_ALLOW); none when omitted. */
  policy?: OutboundPolicy;
  /** Largest answer read (ALUR_OUTBOUND_MAX_RESPONSE_BYTES); 1 MB when omitted. */
  maxResponseBytes?: number;
}

/** Every variable outboundOptionsFromEnv reads. */
export const OUTBOUND_ENV_VARS = ['ALUR_OUTBOUND_ALLOW', 'ALUR_OUTBOUND_MAX_RESPONSE_BYTES'] as const;

export function outboundOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Required<OutboundOptions> {
  const raw = env.ALUR_OUTBOUND_MAX_RESPONSE_BYTES?.trim();
  const maxResponseBytes = raw ? Number(raw) : DEFAULT_OUTBOUND_MAX_RESPONSE_BYTES;
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw new Error(`ALUR_OUTBOUND_MAX_RESPONSE_BYTES must be a whole number of at least 1, got "${raw}"`);
  return { policy: parseOutboundAllow(env.ALUR_OUTBOUND_ALLOW), maxResponseBytes };
}

/** The policy refused the call (an internal address, a redirect): sending it again cannot help. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

/** The answer was larger than the cap; the request itself did reach the receiver. */
export class OutboundResponseTooLarge extends Error {
  override name = 'OutboundResponseTooLarge';
}

export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Read and return the answer's text (default); false: only the status matters. */
  readBody?: boolean;
}

export interface OutboundResponse {
  status: number;
  contentType: string;
  /** The answer's text ('' when readBody is false). */
  text: string;
}

export interface OutboundClient {
  /** Sends one request. Rejects with OutboundRefused, OutboundResponseTooLarge, or a network / timeout error. */
  send(url: string, req: OutboundRequest): Promise<OutboundResponse>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createOutboundClient(opts: OutboundOptions = {}): OutboundClient {
  const policy = opts.policy ?? PUBLIC_ONLY;
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_OUTBOUND_MAX_RESPONSE_BYTES;
  const connector = buildConnector({ timeout: CONNECT_TIMEOUT_MS });
  const agent = new Agent({
    // Every new connection: resolve, check, then connect to exactly that address.
    // `host` (the URL's host) still names the server for TLS (SNI and certificate).
    connect: (options, callback) => {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      checkedAddress(policy, options.hostname, port).then(
        (address) => connector({ ...options, hostname: address }, callback),
        (err: Error) => callback(err, null),
      );
    },
    maxResponseSize: maxResponseBytes,
  });

  return {
    async send(urlText, req) {
      const url = new URL(urlText);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(`outbound call to ${urlText} refused: not an http(s) address`);
      try {
        const res = await request(url, {
          dispatcher: agent,
          method: req.method as 'POST',
          headers: req.headers,
          body: req.body,
          signal: AbortSignal.timeout(req.timeoutMs),
        });
        if (REDIRECTS.has(res.statusCode)) {
          await res.body.dump();
          const location = res.headers.location;
          throw new OutboundRefused(
            `${req.method} ${urlText} answered ${res.statusCode} redirecting to ${typeof location === 'string' ? location : '(no Location)'}; outbound calls do not follow redirects: call the final address instead`,
          );
        }
        const contentType = String(res.headers['content-type'] ?? '');
        if (req.readBody === false) {
          await res.body.dump();
          return { status: res.statusCode, contentType, text: '' };
        }
        return { status: res.statusCode, contentType, text: await res.body.text() };
      } catch (err) {
        if ((err as { code?: string }).code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
          throw new OutboundResponseTooLarge(
            `${req.method} ${urlText} answered more than ${maxResponseBytes} bytes; outbound answers are limited by ALUR_OUTBOUND_MAX_RESPONSE_BYTES`,
          );
        }
        throw err;
      }
    },
    close: () => agent.close(),
  };
}

/**
 * The address to connect to for `host`: the host itself when it is an IP
 * address, else the first address DNS gives that the policy lets through.
 * Refused (OutboundRefused) when none does.
 */
async function checkedAddress(policy: OutboundPolicy, host: string, port: number): Promise<string> {
  const candidates = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  let refusal: string | undefined;
  for (const address of candidates) {
    const reason = outboundRefusal(policy, { host, port, address });
    if (!reason) return address;
    refusal ??= refusedMessage({ host, port, address }, reason);
  }
  throw new OutboundRefused(refusal ?? `outbound call to ${host}:${port} refused: the name has no address`);
}
