import { describe, expect, it } from 'vitest';
import { periodsBetween } from '../../src/services/reports';

describe('periods of a compliance trend', () => {
  it('lists every week between the first and the last, holes included', () => {
    expect(periodsBetween('2026-12-28', '2027-01-18', 'week')).toEqual(['2026-12-28', '2027-01-04', '2027-01-11', '2027-01-18']);
  });

  it('lists every month, across a year end and a short February', () => {
    expect(periodsBetween('2026-11-01', '2027-03-01', 'month')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01']);
  });

  it('keeps the most recent 520 periods of a long span', () => {
    const weeks = periodsBetween('2000-01-03', '2026-11-23', 'week');
    expect(weeks).toHaveLength(520);
    expect(weeks.at(-1)).toBe('2026-11-23');
  });
});
