// Dependency audit of what ships (production dependencies), at level high:
//
//   npm run audit:deps
//
// Exit codes: 0 no high or critical advisory; 1 high/critical advisories found;
// 3 the advisory service could not be asked (offline, or a registry mirror
// without the audit endpoint answers e.g. 405), so nothing is known; 2 npm
// failed in some other way. Not part of `npm test`: it needs the network.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const EXIT = { clean: 0, advisoriesFound: 1, failed: 2, serviceUnreachable: 3 } as const;

export type AuditOutcome =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'advisoriesFound'; counts: Record<string, number>; packages: string[] }
  | { kind: 'serviceUnreachable'; reason: string }
  | { kind: 'failed'; reason: string };

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Reads `npm audit --json` output: a report, or the error npm printed instead of one. */
export function classifyAudit(stdout: string): AuditOutcome {
  let parsed: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { kind: 'failed', reason: `npm audit printed no JSON: ${stdout.trim().slice(0, 200) || '(nothing)'}` };
  }
  const counts = parsed.metadata?.vulnerabilities as Record<string, number> | undefined;
  if (counts) {
    const packages = Object.entries((parsed.vulnerabilities ?? {}) as Record<string, { severity: string }>)
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity})`);
    return (counts.high ?? 0) + (counts.critical ?? 0) > 0 ? { kind: 'advisoriesFound', counts, packages } : { kind: 'clean', counts };
  }
  const error = (parsed.error ?? {}) as { code?: string; summary?: string };
  const message = String(parsed.message ?? error.summary ?? '');
  const status = Number(parsed.statusCode);
  if (/advisories|audit/i.test(String(parsed.uri ?? message)) && status >= 400) return { kind: 'serviceUnreachable', reason: message };
  if ((error.code && NETWORK_CODES.has(error.code)) || NETWORK_CODES.has(String(parsed.code))) {
    return { kind: 'serviceUnreachable', reason: message || String(error.code ?? parsed.code) };
  }
  return { kind: 'failed', reason: message || stdout.trim().slice(0, 200) };
}

function main(): number {
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const outcome = npm.error ? { kind: 'failed' as const, reason: npm.error.message } : classifyAudit(npm.stdout);
  switch (outcome.kind) {
    case 'clean':
      console.log(`audit:deps: no high or critical advisories in production dependencies (${formatCounts(outcome.counts)})`);
      break;
    case 'advisoriesFound':
      console.error(`audit:deps: HIGH ADVISORIES FOUND (${formatCounts(outcome.counts)}): ${outcome.packages.join(', ')}`);
      console.error('audit:deps: `npm audit --omit=dev` shows the advisories and fixes');
      break;
    case 'serviceUnreachable':
      console.error(`audit:deps: ADVISORY SERVICE UNREACHABLE, nothing was checked: ${outcome.reason}`);
      console.error("audit:deps: run it again where the npm registry's audit endpoint answers");
      break;
    case 'failed':
      console.error(`audit:deps: npm audit failed: ${outcome.reason}`);
      break;
  }
  return EXIT[outcome.kind];
}

const formatCounts = (counts: Record<string, number>) => ['critical', 'high', 'moderate', 'low'].map((level) => `${level} ${counts[level] ?? 0}`).join(', ');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());
