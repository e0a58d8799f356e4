import { describe, expect, it } from 'vitest';
import { isoDateTimeError } from '../src/common/date-time';

describe('isoDateTimeError', () => {
  it.each([
    '2026-12-01T09:00:00+07:00',
    '2026-12-01T02:00:00Z',
    '2026-12-01T09:00+07:00',
    '2026-12-01T09:00:00.123-03:30',
    '2028-02-29T23:59:59+09:00',
    ' 2026-12-01T09:00:00+07:00 ',
  ])('accepts %s', (text) => {
    expect(isoDateTimeError(text)).toBeUndefined();
  });

  it.each([
    ['2026-12-01T09:00:00', 'has no UTC offset, so its time zone would be ambiguous'],
    ['2026-12-01', 'has no UTC offset'],
    ['2026-12-01T09:00:00.5', 'has no UTC offset'],
    ['2026-12-01T09:00:00+0700', 'is not an ISO-8601 date-time with an offset'],
    ['2026-12-01 09:00:00+07:00', 'is not an ISO-8601 date-time with an offset'],
    ['2026-12-01T09:00:00 WIB', 'is not an ISO-8601 date-time with an offset'],
    ['2026-12-01T09:00:00+07:00[Asia/Jakarta]', 'is not an ISO-8601 date-time with an offset'],
    ['besok pagi', 'is not an ISO-8601 date-time with an offset'],
    ['2026-13-01T09:00:00Z', 'is not a real date and time'],
    ['2026-02-29T09:00:00Z', 'is not a real date and time'],
    ['2026-04-31T09:00:00Z', 'is not a real date and time'],
    ['2026-12-01T24:00:00Z', 'is not a real date and time'],
    ['2026-12-01T09:60:00Z', 'is not a real date and time'],
    ['2026-12-01T09:00:00+15:00', 'is not a real date and time'],
    ['', 'the date is empty'],
  ])('rejects %j', (text, message) => {
    expect(isoDateTimeError(text)).toContain(message);
  });
});
