// `npm run audit:deps` tells "the advisory service could not be asked" apart from
// "high advisories found": the first must not pass for a clean audit, nor the second for an outage.
import { describe, expect, it } from 'vitest';
import { classifyAudit, EXIT } from '../../scripts/audit-deps';

const report = (counts: Record<string, number>, vulnerabilities: Record<string, { severity: string }> = {}) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });

describe('classifyAudit', () => {
  it('reads the 405 of a registry without the audit endpoint as an unreachable service', () => {
    // What npm printed on this machine (registry reachable, advisory endpoint refused).
    const out = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    expect(classifyAudit(out)).toMatchObject({ kind: 'serviceUnreachable', reason: expect.stringContaining('405') });
  });

  it('reads a DNS failure as an unreachable service', () => {
    const out = JSON.stringify({
      error: {
        code: 'ENOTFOUND',
        summary: 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
        detail: '',
      },
    });
    expect(classifyAudit(out).kind).toBe('serviceUnreachable');
  });

  it('names the packages with high or critical advisories', () => {
    const out = report({ moderate: 1, high: 1, critical: 1 }, { a: { severity: 'high' }, b: { severity: 'moderate' }, c: { severity: 'critical' } });
    expect(classifyAudit(out)).toEqual({
      kind: 'advisoriesFound',
      counts: expect.objectContaining({ high: 1, critical: 1 }),
      packages: ['a (high)', 'c (critical)'],
    });
  });

  it('passes a report with only moderate and low advisories', () => {
    expect(classifyAudit(report({ moderate: 2, low: 3 })).kind).toBe('clean');
  });

  it('reports anything else as a failure of npm, not as a clean audit', () => {
    expect(classifyAudit('npm ERR! something broke').kind).toBe('failed');
    expect(classifyAudit(JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } })).kind).toBe('failed');
  });

  it('gives each outcome its own exit code', () => {
    expect(new Set(Object.values(EXIT)).size).toBe(4);
    expect(EXIT.serviceUnreachable).not.toBe(EXIT.advisoriesFound);
  });
});
