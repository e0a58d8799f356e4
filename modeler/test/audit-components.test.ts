import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { Deviation, StepStat } from '../src/audit';
import AuditFilterForm from '../src/components/AuditFilterForm.vue';
import DeviationTable from '../src/components/DeviationTable.vue';
import PercentChart from '../src/components/PercentChart.vue';
import StepStatsTable from '../src/components/StepStatsTable.vue';
import { i18n, setLocale } from '../src/i18n';
import { createAppRouter, guard } from '../src/router';
import { session } from '../src/session';

const router = createAppRouter(createMemoryHistory());
const global = { plugins: [i18n, router] };
const sops = [{ key: 'izin', name: 'Izin Praktik', latestVersion: 2, updatedAt: '2026-11-01T00:00:00Z' }];
const units = [{ id: 'u-a', code: 'upt-a', name: 'UPT Puskesmas A' }];

describe('the audit filter form', () => {
  it('labels every filter and applies the chosen ones', async () => {
    setLocale('id');
    const wrapper = mount(AuditFilterForm, { props: { filters: { sop: '', unit: '', kind: '', from: '', to: '' }, sops, units }, global });
    for (const id of ['audit-sop', 'audit-unit', 'audit-kind', 'audit-from', 'audit-to']) expect(wrapper.find(`label[for="${id}"]`).exists()).toBe(true);
    expect(wrapper.find('label[for="audit-kind"]').text()).toBe('Jenis');
    expect(wrapper.findAll('#audit-kind option').map((o) => o.text())).toContain('SLA terlewati');
    await wrapper.find('#audit-sop').setValue('izin');
    await wrapper.find('#audit-unit').setValue('u-a');
    await wrapper.find('#audit-kind').setValue('sla.breached');
    await wrapper.find('#audit-from').setValue('2026-11-01');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('apply')).toEqual([[{ sop: 'izin', unit: 'u-a', kind: 'sla.breached', from: '2026-11-01', to: '' }]]);
  });

  it('says what is wrong with a backwards date range, next to the dates, and applies nothing', async () => {
    setLocale('en');
    const wrapper = mount(AuditFilterForm, { props: { filters: { sop: '', unit: '', kind: '', from: '2026-11-09', to: '2026-11-01' }, sops, units }, global });
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('apply')).toBeUndefined();
    expect(wrapper.find('[role="alert"]').text()).toBe('"From date" must be on or before "To date".');
    expect(wrapper.find('#audit-from').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('#audit-from').attributes('aria-describedby')).toBe('audit-filter-problem');
    await wrapper.find('button.secondary').trigger('click'); // reset
    expect(wrapper.emitted('apply')).toEqual([[{ sop: '', unit: '', kind: '', from: '', to: '' }]]);
    setLocale('id');
  });
});

describe('the deviation table', () => {
  const breach: Deviation = {
    id: 'c1:7',
    caseId: 'c1',
    sopKey: 'izin',
    sopVersion: 2,
    unitId: 'u-a',
    stepId: 's1',
    elementId: 'Verifikasi',
    kind: 'sla.breached',
    at: '2026-11-20T03:00:00.000Z',
    by: null,
    details: { scope: 'step', sla: '2 hari kerja', dueAt: '2026-11-20T03:00:00.000Z' },
  };
  const skip: Deviation = {
    ...breach,
    id: 'c2:3',
    caseId: 'c2',
    unitId: null,
    kind: 'override.skip',
    by: 'kasi',
    details: { reason: 'Berkas sudah diperiksa' },
  };

  it('names the step by its name in the SOP, its id only when it has none', () => {
    const unnamed: Deviation = { ...breach, id: 'c3:1', elementId: 'Activity_0uypqy3', elementName: null };
    const wrapper = mount(DeviationTable, {
      props: { items: [{ ...breach, elementName: 'Verifikasi berkas' }, unnamed], sops, units, caption: 'Penyimpangan' },
      global,
    });
    const steps = wrapper.findAll('td[data-element-id]');
    expect(steps.map((td) => td.text())).toEqual(['Verifikasi berkas', 'Activity_0uypqy3']);
    expect(steps[0]!.attributes('title')).toBe('Verifikasi');
  });

  it('shows each deviation in words with links to its case and its SOP audit page', () => {
    setLocale('id');
    const wrapper = mount(DeviationTable, { props: { items: [breach, skip], sops, units, caption: 'Penyimpangan' }, global });
    expect(wrapper.findAll('thead th').map((th) => th.attributes('scope'))).toEqual(Array(8).fill('col'));
    const [first, second] = wrapper.findAll('[data-testid="deviation-row"]');
    expect(first!.attributes('data-kind')).toBe('sla.breached');
    expect(first!.find('th').text()).toBe('SLA terlewati');
    expect(first!.text()).toContain('Izin Praktik');
    expect(first!.text()).toContain('UPT Puskesmas A');
    expect(first!.text()).toMatch(/SLA 2 hari kerja · tenggat 20 Nov 2026.*10[.:]00/);
    const links = first!.findAll('a').map((a) => a.attributes('href'));
    expect(links).toEqual(['/staf/audit/sop/izin?version=2', '/staf/kasus/c1']);
    expect(second!.text()).toContain('Tanpa unit');
    expect(second!.text()).toContain('alasan: Berkas sudah diperiksa');
    expect(second!.text()).toContain('kasi');
  });
});

describe('the per-step figures', () => {
  const stats: StepStat[] = [
    { elementId: 'izin', name: 'Izin Praktik', ended: 0, withSla: 0, slaCompliancePct: null, meanMs: null, p90Ms: null, breaches: 1, atRisk: 0 },
    {
      elementId: 'Verifikasi',
      name: 'Verifikasi berkas',
      ended: 4,
      withSla: 4,
      slaCompliancePct: 75,
      meanMs: 90_000,
      p90Ms: 3_600_000,
      breaches: 1,
      atRisk: 1,
    },
    { elementId: 'Arsip', name: 'Arsipkan', ended: 4, withSla: 0, slaCompliancePct: null, meanMs: 2000, p90Ms: 3000, breaches: 0, atRisk: 0 },
  ];

  it("lists the steps with their SLA record and durations, the whole case's row last", () => {
    setLocale('id');
    const wrapper = mount(StepStatsTable, { props: { elements: stats, processId: 'izin' }, global });
    const rows = wrapper.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows).toEqual([
      ['Verifikasi berkas Verifikasi', 'Pernah melanggar SLA', '4', '1 mnt 30 dtk', '1 jam', '75%', '1', '1'],
      ['Arsipkan Arsip', 'Tanpa SLA', '4', '2 dtk', '3 dtk', '—', '0', '0'],
      ['Seluruh kasus izin', 'Pernah melanggar SLA', '0', '—', '—', '—', '1', '0'],
    ]);
  });
});

describe('the percentage chart', () => {
  it('is an image named for screen readers and described by the table with its numbers', () => {
    const wrapper = mount(PercentChart, {
      props: { kind: 'line', labels: ['Minggu 2 Nov 2026'], values: [75], seriesLabel: 'Kepatuhan SLA', label: 'Grafik kepatuhan', describedBy: 'trend-table' },
      global,
    });
    const canvas = wrapper.find('canvas');
    expect(canvas.attributes('role')).toBe('img');
    expect(canvas.attributes('aria-label')).toBe('Grafik kepatuhan');
    expect(canvas.attributes('aria-describedby')).toBe('trend-table');
  });
});

describe('audit routes', () => {
  it('open for auditors and admins only', () => {
    session.set('tok', { id: '1', username: 'petugas', roles: ['petugas'] });
    expect(guard(router.resolve('/staf/audit'))).toEqual({ name: 'home' });
    expect(guard(router.resolve('/staf/audit/sop/izin'))).toEqual({ name: 'home' });
    session.set('tok', { id: '2', username: 'inspektur', roles: ['auditor'] });
    expect(guard(router.resolve('/staf/audit'))).toBe(true);
    expect(router.resolve('/staf/audit/sop/izin')).toMatchObject({ name: 'audit-sop', params: { sopKey: 'izin' } });
    session.clear();
    expect(guard(router.resolve('/staf/audit'))).toEqual({ name: 'login', query: { next: '/staf/audit' } });
  });
});
