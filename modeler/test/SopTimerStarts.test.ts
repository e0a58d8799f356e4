import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SopTimerStarts from '../src/components/SopTimerStarts.vue';
import type { TimerStartInfo } from '../src/api';
import { i18n, setLocale } from '../src/i18n';

const timers: TimerStartInfo[] = [
  {
    elementId: 'Harian',
    name: 'Setiap hari kerja',
    version: 2,
    timer: { cron: '0 0 8 * * MON-FRI' },
    timeZone: 'Asia/Jakarta',
    nextRunAt: '2026-12-08T01:00:00.000Z',
    remainingRuns: null,
  },
  { elementId: 'Tiga', name: 'Tiga kali', version: 2, timer: { cycle: 'R3/PT1H' }, timeZone: 'UTC', nextRunAt: null, remainingRuns: 0 },
];
const rows = () =>
  mount(SopTimerStarts, { props: { timers }, global: { plugins: [i18n] } })
    .findAll('tbody tr')
    .map((r) => r.findAll('th, td').map((c) => c.text().replace(/\s+/g, ' ')));

describe('SopTimerStarts', () => {
  it('lists each timer start event with its schedule and next run, in Bahasa Indonesia and English', () => {
    setLocale('id');
    const id = rows();
    expect(id[0]![0]).toBe('Setiap hari kerja v2');
    expect(id[0]![1]).toBe('cron 0 0 8 * * MON-FRI (Asia/Jakarta)');
    expect(id[0]![2]).toMatch(/2026/);
    expect(id[1]!.slice(1)).toEqual(['interval berulang R3/PT1H · sisa 0 kali', 'tidak ada lagi']);
    setLocale('en');
    expect(rows()[1]!.slice(1)).toEqual(['repeating interval R3/PT1H · 0 run(s) left', 'no further runs']);
  });
});
