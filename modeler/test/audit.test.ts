import { describe, expect, it } from 'vitest';
import { DEVIATION_KINDS as ENGINE_KINDS } from '../../workflows/src/contract/governance';
import { DEVIATION_KINDS, csvFileName, emptyFilters, filterProblem, filterQuery, kindLabelKey, percent } from '../src/audit';
import { elapsed } from '../src/elapsed';
import { durationHeat, heatLevel, heatOverlays } from '../src/heatmap';
import { i18n, setLocale } from '../src/i18n';
import en from '../src/locales/en';
import id from '../src/locales/id';

const stat = (over: Partial<Parameters<typeof heatLevel>[0]> & { elementId: string; p90Ms?: number | null }) => ({
  name: over.elementId,
  ended: 1,
  withSla: 1,
  slaCompliancePct: 100,
  meanMs: 1000,
  p90Ms: 1000,
  breaches: 0,
  atRisk: 0,
  ...over,
});

describe('dashboard filters as API queries', () => {
  it('leaves out empty filters and takes dates as whole days in WIB', () => {
    expect(filterQuery(emptyFilters())).toBe('');
    const q = new URLSearchParams(filterQuery({ sop: 'izin', unit: 'u1', kind: 'sla.breached', from: '2026-11-02', to: '2026-11-08' }, { page: 2 }).slice(1));
    expect(Object.fromEntries(q)).toEqual({
      sop: 'izin',
      unit: 'u1',
      kind: 'sla.breached',
      from: '2026-11-01T17:00:00.000Z', // 00:00 WIB
      to: '2026-11-08T16:59:59.999Z', // 23:59:59.999 WIB
      page: '2',
    });
  });

  it('refuses a range that ends before it starts, and names the CSV after the filters', () => {
    expect(filterProblem({ ...emptyFilters(), from: '2026-11-09', to: '2026-11-08' })).toBe('audit.fromAfterTo');
    expect(filterProblem({ ...emptyFilters(), from: '2026-11-08', to: '2026-11-08' })).toBeNull();
    expect(csvFileName({ ...emptyFilters(), sop: 'izin', kind: 'sla.breached', from: '2026-11-01' }, '2026-11-23')).toBe(
      'penyimpangan_izin_sla-breached_dari-2026-11-01_2026-11-23.csv',
    );
  });

  it('writes percentages the way each language does', () => {
    expect(percent(66.7, 'id')).toBe('66,7%');
    expect(percent(66.7, 'en')).toBe('66.7%');
    expect(percent(null, 'id')).toBe('—');
  });

  it('knows every kind the engine records, each labelled in both languages', () => {
    expect([...DEVIATION_KINDS].sort()).toEqual([...ENGINE_KINDS].sort());
    for (const kind of DEVIATION_KINDS) {
      const key = kindLabelKey(kind).split('.').at(-1)!;
      expect(id.audit.kinds).toHaveProperty(key);
      expect(en.audit.kinds).toHaveProperty(key);
    }
  });
});

describe('the heatmap', () => {
  it('colours a step by its worst SLA record', () => {
    expect(heatLevel({ breaches: 1, atRisk: 3, withSla: 4 })).toBe('breached');
    expect(heatLevel({ breaches: 0, atRisk: 1, withSla: 4 })).toBe('at-risk');
    expect(heatLevel({ breaches: 0, atRisk: 0, withSla: 4 })).toBe('kept');
    expect(heatLevel({ breaches: 0, atRisk: 0, withSla: 0 })).toBe('no-sla');
  });

  it("sizes each step's bar by its p90 against the slowest step, in quarters", () => {
    expect(durationHeat(8000, 8000)).toBe(4);
    expect(durationHeat(2000, 8000)).toBe(1);
    expect(durationHeat(4100, 8000)).toBe(3);
    expect(durationHeat(1, 8000)).toBe(1);
    expect(durationHeat(null, 8000)).toBe(0);
  });

  it('gives one overlay per step with its marker, text and classes', () => {
    const overlays = heatOverlays(
      [stat({ elementId: 'A', breaches: 2, p90Ms: 4000 }), stat({ elementId: 'B', p90Ms: 1000 })],
      (s) => `${s.elementId}: ${s.breaches}`,
    );
    expect(overlays).toEqual([
      { id: 'A', marker: 'alur-heat-breached', text: 'A: 2', className: 'alur-heat-overlay alur-heat-breached alur-heat-duration-4' },
      { id: 'B', marker: 'alur-heat-kept', text: 'B: 0', className: 'alur-heat-overlay alur-heat-kept alur-heat-duration-1' },
    ]);
  });
});

describe('durations in words', () => {
  const t = i18n.global.t as unknown as (key: string, named: Record<string, unknown>) => string;

  it('shows the two largest units, in the chosen language', () => {
    setLocale('id');
    expect(elapsed(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000, t)).toBe('2 hari 3 jam');
    expect(elapsed(90_000, t)).toBe('1 mnt 30 dtk');
    expect(elapsed(3_600_000, t)).toBe('1 jam');
    expect(elapsed(450, t)).toBe('0,5 dtk');
    expect(elapsed(null, t)).toBe('—');
    setLocale('en');
    expect(elapsed(2 * 86_400_000 + 60_000, t)).toBe('2 d');
    expect(elapsed(61_000, t)).toBe('1 min 1 s');
    expect(elapsed(450, t, 'en')).toBe('0.5 s');
    setLocale('id');
  });
});
