// An auditor in headless Chromium, against the real system (built app, API,
// worker, Temporal dev server, PostgreSQL): a case breaches a 2-second step
// SLA, a later one of another unit keeps every SLA; the auditor finds the breach in the dashboard by filtering, downloads it
// as CSV, opens the case, and sees the breached step on the SOP's heatmap with
// the compliance trend and the per-unit and per-staff comparison.
// Screenshots go to test/e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="izin-keramaian" name="Izin Keramaian" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Verifikasi"/>
    <bpmn:userTask id="Verifikasi" name="Verifikasi berkas" alur:sla="PT2S">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Verifikasi" targetRef="Terbitkan"/>
    <bpmn:userTask id="Terbitkan" name="Terbitkan izin" alur:sla="PT1H">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Terbitkan" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="DI"><bpmndi:BPMNPlane id="P" bpmnElement="izin-keramaian">
    <bpmndi:BPMNShape id="Mulai_di" bpmnElement="Mulai"><dc:Bounds x="152" y="102" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Verifikasi_di" bpmnElement="Verifikasi"><dc:Bounds x="250" y="80" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Terbitkan_di" bpmnElement="Terbitkan"><dc:Bounds x="450" y="80" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Selesai_di" bpmnElement="Selesai"><dc:Bounds x="632" y="102" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120"/><di:waypoint x="250" y="120"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="350" y="120"/><di:waypoint x="450" y="120"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="550" y="120"/><di:waypoint x="632" y="120"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe.skipIf(!hasChromium)(journeyTitle('auditor dashboard'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;
  let admin: string;
  let petugas: string;
  let caseId: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base, adminToken: admin } = ctx);
    await alur.createUser(admin, 'inspektur', ['auditor']);
    petugas = await alur.createUser(admin, 'petugas', ['petugas']);

    // A case whose first step outlives its 2-second SLA before the petugas finishes it.
    expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
    const started = await alur.call('POST', '/api/sops/izin-keramaian/instances', { token: petugas, json: { variables: { pemohon: 'Karang Taruna' } } });
    expect(started.status).toBe(201);
    caseId = started.body.id;
    await eventually(
      async () => ((await alur.prisma.deviation.count({ where: { caseId, kind: 'sla.breached' } })) ? true : undefined),
      15_000,
      'the SLA breach',
    );
    const task = await eventually(() => alur.prisma.task.findFirst({ where: { caseId, elementId: 'Verifikasi', status: 'open' } }).then((t) => t ?? undefined));
    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: {} })).status).toBe(200);
    await eventually(() => alur.prisma.step.findFirst({ where: { caseId, elementId: 'Verifikasi', endedAt: { not: null } } }).then((s) => s ?? undefined));

    // A second case, of UPT Kota, started after the Standar Pelayanan gave the first step an hour: every SLA kept.
    const post = async (url: string, json: unknown) => expect((await alur.call('POST', url, { token: admin, json })).status).toBe(201);
    await post('/api/units', { code: 'upt-kota', name: 'UPT Kota', kind: 'upt' });
    await post('/api/units/upt-kota/roles', { role: 'petugas', name: 'Petugas' });
    await post('/api/units/upt-kota/staff', { username: 'petugas', role: 'petugas' });
    expect((await alur.call('PUT', '/api/sops/izin-keramaian/versions/1/slas', { token: admin, json: { overrides: { Verifikasi: 'PT1H' } } })).status).toBe(
      200,
    );
    const second = await alur.call('POST', '/api/sops/izin-keramaian/instances', {
      token: petugas,
      json: { unit: 'upt-kota', variables: { pemohon: 'RW 05' } },
    });
    expect(second.status).toBe(201);
    for (const elementId of ['Verifikasi', 'Terbitkan']) {
      const t = await eventually(() =>
        alur.prisma.task.findFirst({ where: { caseId: second.body.id, elementId, status: 'open' } }).then((x) => x ?? undefined),
      );
      expect((await alur.call('POST', `/api/tasks/${t.id}/complete`, { token: petugas, json: {} })).status).toBe(200);
    }
    await eventually(async () => ((await alur.prisma.case.findUniqueOrThrow({ where: { id: second.body.id } })).status === 'completed' ? true : undefined));
  }, 180_000);
  afterAll(() => ctx?.close());

  it('an auditor sees the breach of a short SLA in the dashboard, as CSV, on the case and on the heatmap', async () => {
    const page = await ctx.newPage(undefined, { acceptDownloads: true });
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill('inspektur');
    await page.getByLabel('Kata sandi').fill('inspektur-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    // An auditor lands on the dashboard.
    await page.waitForURL(/\/staf\/audit$/);

    // The dashboard, filtered to SLA breaches of this SOP.
    await page.getByLabel('SOP', { exact: true }).selectOption('izin-keramaian');
    await page.getByLabel('Jenis').selectOption('sla.breached');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL(/kind=sla.breached/);
    await expect.poll(() => page.getByTestId('deviation-count').textContent()).toBe('1 penyimpangan');
    const row = page.getByTestId('deviation-row');
    expect(await row.getAttribute('data-kind')).toBe('sla.breached');
    expect(await row.textContent()).toMatch(/SLA terlewati.*Izin Keramaian.*v1.*Verifikasi.*SLA PT2S · tenggat/s);
    await page.screenshot({ path: `${shots}audit-dashboard.png`, fullPage: true });

    // The same rows as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^penyimpangan_izin-keramaian_sla-breached_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('id,at,kind,caseId,sopKey,sopVersion,unitId,elementId,stepId,by,details');
    expect(csv.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${caseId}:\\d+,[^,]+,sla\\.breached,${caseId},izin-keramaian,1,,Verifikasi,`))]);

    // Drill down to the case.
    await row.getByRole('link', { name: /Buka kasus/ }).click();
    await page.waitForURL(new RegExp(`/staf/kasus/${caseId}$`));
    await page.locator('.djs-element.alur-active[data-element-id="Terbitkan"]').waitFor();
    await page.goBack();
    await expect.poll(() => page.getByTestId('deviation-count').textContent()).toBe('1 penyimpangan');

    // The SOP's heatmap: the breached step in red with its durations, and the figures as text.
    await page.getByTestId('deviation-row').getByRole('link', { name: 'Izin Keramaian' }).click();
    await page.waitForURL(/\/staf\/audit\/sop\/izin-keramaian\?version=1$/);
    await page.locator('.djs-element.alur-heat-breached[data-element-id="Verifikasi"]').waitFor();
    const overlay = page.locator('.djs-overlays[data-container-id="Verifikasi"] .alur-heat-overlay');
    expect(await overlay.textContent()).toMatch(/^rata-rata \d+ dtk\np90 \d+ dtk\n1 pelanggaran$/);
    expect(
      await page
        .getByTestId('step-table')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-element-id'))),
    ).toEqual(['Verifikasi', 'Terbitkan']);
    const verifikasi = await page.getByTestId('step-table').locator('tr[data-element-id="Verifikasi"] td').allTextContents();
    expect(verifikasi[0]).toBe('Pernah melanggar SLA');
    expect(verifikasi.slice(1, 2)).toEqual(['2']); // ended
    expect(verifikasi.slice(4)).toEqual(['50%', '1', '1']); // compliance, breaches, at-risk
    expect(await page.locator('.djs-element.alur-heat-kept[data-element-id="Terbitkan"]').count()).toBe(1);
    // Compliance over time: a chart with its table; units and staff compared.
    expect(await page.locator('canvas[data-chart-kind="line"]').count()).toBe(1);
    expect(await page.getByTestId('trend-table').locator('tbody tr td').allTextContents()).toEqual(['3', '2', '66,7%', '1']);
    expect(await page.getByTestId('staff-table').locator('tbody tr td').allTextContents()).toEqual(['3', '66,7%', expect.any(String), expect.any(String), '1']);
    expect(await page.locator('canvas[data-chart-kind="bar"]').count()).toBe(1);
    const units = await page
      .getByTestId('unit-table')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(units.map((u) => [u[0], u[1], u[2], u[5]])).toEqual([
      ['Tanpa unit', '1', '0%', '1'],
      ['UPT Kota', '2', '100%', '0'],
    ]);
    await page.screenshot({ path: `${shots}audit-heatmap.png`, fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => overlay.textContent()).toMatch(/^mean \d+ s\np90 \d+ s\n1 breach$/);
    await page.close();
  });
});
