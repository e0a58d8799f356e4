import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, formatInZone, zoneLabel } from '../src/time-zone';

describe('times in the case zone', () => {
  it('shows 09.00 WIB as 09.00 WIB whatever the browser zone is', () => {
    expect(formatInZone('2026-11-23T02:00:00Z', 'id', 'Asia/Jakarta')).toMatch(/09[.:]00 WIB$/);
    expect(formatInZone('2026-11-23T02:00:00Z', 'en', 'Asia/Jakarta')).toMatch(/09:00 WIB$/);
  });

  it('uses WITA and WIT for central and eastern Indonesia', () => {
    expect(formatInZone('2026-11-23T02:00:00Z', 'id', 'Asia/Makassar')).toMatch(/10[.:]00 WITA$/);
    expect(formatInZone('2026-11-23T02:00:00Z', 'id', 'Asia/Jayapura')).toMatch(/11[.:]00 WIT$/);
    expect(zoneLabel('Asia/Pontianak')).toBe('WIB');
  });

  it('falls back to WIB for a missing or unknown zone, and labels other zones the Intl way', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Jakarta');
    expect(formatInZone('2026-11-23T17:30:00Z', 'id', null)).toMatch(/^24 Nov 2026.*00[.:]30 WIB$/);
    expect(formatInZone('2026-11-23T02:00:00Z', 'id', 'Mars/Olympus')).toMatch(/09[.:]00 WIB$/);
    expect(formatInZone('2026-11-23T02:00:00Z', 'en', 'UTC')).toMatch(/02:00 UTC$/);
  });

  it('returns what is not a date as it is, and nothing for nothing', () => {
    expect(formatInZone('besok', 'id')).toBe('besok');
    expect(formatInZone(null, 'id')).toBe('');
  });
});
