// The API's request log (Fastify's pino logger) without personal data or
// secrets: a request is logged as method, path and status only (never its body
// or headers; credentials are redacted should a header ever be logged), and
// every string in a log line passes through redactPii (workflows/src/node/logging.ts).
import type { FastifyServerOptions } from 'fastify';
import { redactPii, type LogLevel } from '@alur/workflows';

interface LoggedRequest {
  method: string;
  url?: string;
  routeOptions?: { url?: string };
}

export function apiLoggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        'req.body',
        'body',
        '*.password',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, url: redactPii(decodedUrl(req.url ?? '')), route: req.routeOptions?.url }),
      // A value logged under `err` is not always an Error.
      err: (err: unknown) =>
        err instanceof Error
          ? { type: err.name, message: redactPii(err.message), stack: redactPii(err.stack ?? '') }
          : { type: typeof err, message: redactPii(String(err)), stack: '' },
    },
    hooks: {
      logMethod(args, method) {
        // Messages only: objects (Fastify's request and reply, errors) go through the serializers above.
        return method.apply(this, args.map((a) => (typeof a === 'string' ? redactPii(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

/** Personal data in a URL is often percent-encoded (warga%40example.id); redact what it decodes to. */
function decodedUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
