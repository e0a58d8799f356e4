import { describe, expect, it } from 'vitest';
import { durationToMs, isoDurationError } from '../src/common/duration';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('isoDurationError', () => {
  it.each(['PT2S', 'PT0S', 'P3D', 'P1W', 'P1M', 'P1Y2M3DT4H5M6.5S', 'PT1.5H', 'PT1,5M', ' PT30M '])('accepts %j', (s) => {
    expect(isoDurationError(s)).toBeUndefined();
  });

  it.each([
    ['', 'the duration is empty'],
    ['3 hari', 'is not an ISO-8601 duration'],
    ['P', 'is not an ISO-8601 duration'],
    ['PT', 'is not an ISO-8601 duration'],
    ['P1DT', 'is not an ISO-8601 duration'],
    ['xPT2S', 'is not an ISO-8601 duration'],
    ['PT2Sx', 'is not an ISO-8601 duration'],
    ['pt2s', 'is not an ISO-8601 duration'],
    ['P1.5D', 'is not an ISO-8601 duration'],
    ['R3/PT1H', 'is not an ISO-8601 duration'],
    ['2030-01-01T00:00:00Z', 'is not an ISO-8601 duration'],
    ['=tenggat', 'is not an ISO-8601 duration'],
    ['-PT1S', 'is negative'],
    ['PT1.5H30M', 'only the smallest unit can be fractional'],
    ['P99999999999Y', 'is too long'],
  ])('rejects %j', (s, message) => {
    expect(isoDurationError(s)).toContain(message);
  });
});

describe('durationToMs', () => {
  const start = Date.UTC(2026, 0, 15, 8, 30);

  it('converts time and day components', () => {
    expect(durationToMs('PT2S', start)).toBe(2000);
    expect(durationToMs('PT0S', start)).toBe(0);
    expect(durationToMs('PT1.5H', start)).toBe(1.5 * HOUR);
    expect(durationToMs('P1DT2H3M4S', start)).toBe(DAY + 2 * HOUR + 3 * 60_000 + 4000);
    expect(durationToMs('P2W', start)).toBe(14 * DAY);
  });

  it('counts months and years on the calendar from the start instant', () => {
    expect(durationToMs('P1M', Date.UTC(2026, 0, 15))).toBe(31 * DAY);
    expect(durationToMs('P1M', Date.UTC(2026, 1, 15))).toBe(28 * DAY);
    expect(durationToMs('P1Y', Date.UTC(2027, 0, 1))).toBe(365 * DAY);
    expect(durationToMs('P1Y', Date.UTC(2028, 0, 1))).toBe(366 * DAY);
    expect(durationToMs('P1Y1M', Date.UTC(2026, 11, 1))).toBe((365 + 31) * DAY);
  });

  it('clamps to the end of a shorter month instead of overflowing', () => {
    expect(durationToMs('P1M', Date.UTC(2026, 0, 31, 10))).toBe(28 * DAY); // → 28 Feb, 10:00
    expect(durationToMs('P1Y', Date.UTC(2024, 1, 29))).toBe(365 * DAY); // → 28 Feb 2025
  });

  it('is deterministic: the same inputs give the same result', () => {
    expect(durationToMs('P1Y2M3DT4H', start)).toBe(durationToMs('P1Y2M3DT4H', start));
  });

  it('throws on an invalid duration', () => {
    expect(() => durationToMs('3 hari', start)).toThrow('Invalid duration: "3 hari" is not an ISO-8601 duration');
  });
});
