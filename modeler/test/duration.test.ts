import { describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../src/i18n';
import { plainDuration } from '../src/duration';

const t = (key: string, named: Record<string, unknown>, plural: number) => i18n.global.t(key, named, plural);

describe('SLA in plain words', () => {
  it('reads ISO-8601 durations in the current language and leaves words as written', () => {
    setLocale('id');
    expect(plainDuration('P3D', t)).toBe('3 hari');
    expect(plainDuration('P1W', t)).toBe('7 hari');
    expect(plainDuration('PT4H', t)).toBe('4 jam');
    expect(plainDuration('3 hari kerja', t)).toBe('3 hari kerja');
    expect(plainDuration('=if kategori = "berat" then "P14D" else "P2D"', t)).toBe('tergantung jenis permohonan');
    setLocale('en');
    expect(plainDuration('P1D', t)).toBe('1 day');
    expect(plainDuration('P2DT1H', t)).toBe('2 days 1 hour');
    setLocale('id');
  });
});
