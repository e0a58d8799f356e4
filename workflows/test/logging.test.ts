// The second line of defence for logs: personal data with a recognisable shape is masked.
import { describe, expect, it } from 'vitest';
import { logLevelFromEnv, redactPii, redactPiiDeep } from '../src/node/logging';

describe('redactPii', () => {
  it.each([
    ['NIK 3171234567890001 terdaftar', 'NIK [NIK] terdaftar'],
    ['kirim ke warga.satu+aduan@example.co.id segera', 'kirim ke [email] segera'],
    ['telepon +6281234567890.', 'telepon [phone].'],
    ['hp 0812-9876-5432 atau 62 812 3456 7890', 'hp [phone] atau [phone]'],
  ])('masks %j', (text, masked) => {
    expect(redactPii(text)).toBe(masked);
  });

  it('leaves ids, times and durations alone', () => {
    const text = 'case 0f8fad5b-d9cb-469f-a165-70867728950e at 2026-11-23T08:12:34.123Z took 1732350000123 ns=1732350000123456789 worker 4242@host port 7233';
    expect(redactPii(text)).toBe(text);
  });

  it('masks every string inside log data, errors included', () => {
    const err = new Error('insert failed for 3171234567890001');
    const out = redactPiiDeep({ workflowId: 'abc', meta: [{ email: 'warga@example.id' }], error: err }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.workflowId).toBe('abc');
    expect(out.meta[0].email).toBe('[email]');
    expect(out.error.message).toBe('insert failed for [NIK]');
    expect(out.error.stack).not.toContain('3171234567890001');
  });
});

describe('logLevelFromEnv', () => {
  it('defaults to info and refuses an unknown level, naming the variable', () => {
    expect(logLevelFromEnv({})).toBe('info');
    expect(logLevelFromEnv({ ALUR_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => logLevelFromEnv({ ALUR_LOG_LEVEL: 'verbose' })).toThrow(/ALUR_LOG_LEVEL/);
  });
});
