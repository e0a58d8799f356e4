// Incidents in the web app, in headless Chromium against the real system (see
// web-app.test.ts): an SOP whose gateway has no flow that holds stops each case
// there; an admin finds the incidents on the Insiden page, retries one case
// with the variable that was missing, skips another by the flow chosen, and
// cancels a third from a phone; each case ends as it should and its incident
// shows who did what and why. Screenshots at 390 px and 1366 px go to a temp
// directory (printed), for a person to look at.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, eventually, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, startAlurInBrowser, type AlurInBrowser } from './browser';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

/** test/integration/incidents.test.ts's 'pilih', with a name and a drawing: no flow of gateway G holds unless `jenis` is set. */
const PILIH = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
<bpmn:process id="pilih" name="Izin usaha mikro" isExecutable="true">
  <bpmn:startEvent id="S" name="Permohonan masuk" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Hitung" />
  <bpmn:scriptTask id="Hitung" name="Hitung biaya"><bpmn:extensionElements><zeebe:script expression="=count(for i in 1..luas return i) * tarif" resultVariable="biaya" /></bpmn:extensionElements></bpmn:scriptTask>
  <bpmn:sequenceFlow id="f2" sourceRef="Hitung" targetRef="G" />
  <bpmn:exclusiveGateway id="G" name="Jenis izin?" />
  <bpmn:sequenceFlow id="kecil" name="kecil" sourceRef="G" targetRef="EKecil"><bpmn:conditionExpression>=jenis = "kecil"</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="besar" name="besar" sourceRef="G" targetRef="EBesar"><bpmn:conditionExpression>=jenis = "besar"</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:endEvent id="EKecil" name="Izin kecil terbit" /><bpmn:endEvent id="EBesar" name="Izin besar terbit" />
</bpmn:process>
<bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="pilih">
  <bpmndi:BPMNShape id="S_di" bpmnElement="S"><dc:Bounds x="100" y="142" width="36" height="36" /></bpmndi:BPMNShape>
  <bpmndi:BPMNShape id="Hitung_di" bpmnElement="Hitung"><dc:Bounds x="190" y="120" width="100" height="80" /></bpmndi:BPMNShape>
  <bpmndi:BPMNShape id="G_di" bpmnElement="G" isMarkerVisible="true"><dc:Bounds x="345" y="135" width="50" height="50" /></bpmndi:BPMNShape>
  <bpmndi:BPMNShape id="EKecil_di" bpmnElement="EKecil"><dc:Bounds x="470" y="62" width="36" height="36" /></bpmndi:BPMNShape>
  <bpmndi:BPMNShape id="EBesar_di" bpmnElement="EBesar"><dc:Bounds x="470" y="222" width="36" height="36" /></bpmndi:BPMNShape>
  <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="160" /><di:waypoint x="190" y="160" /></bpmndi:BPMNEdge>
  <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="290" y="160" /><di:waypoint x="345" y="160" /></bpmndi:BPMNEdge>
  <bpmndi:BPMNEdge id="kecil_di" bpmnElement="kecil"><di:waypoint x="370" y="135" /><di:waypoint x="370" y="80" /><di:waypoint x="470" y="80" /></bpmndi:BPMNEdge>
  <bpmndi:BPMNEdge id="besar_di" bpmnElement="besar"><di:waypoint x="370" y="185" /><di:waypoint x="370" y="240" /><di:waypoint x="470" y="240" /></bpmndi:BPMNEdge>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe.skipIf(!hasChromium)(journeyTitle('incidents'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;
  let admin: string;
  const shots = mkdtempSync(join(tmpdir(), 'alur-incidents-'));
  const cases: Record<'retry' | 'skip' | 'cancel', { id: string; trackingCode: string }> = {} as never;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base, adminToken: admin } = ctx);
    console.info(`[e2e] incident screenshots in ${shots}`);
    await alur.mustCall('POST', '/api/sops', { token: admin, xml: PILIH });
    for (const what of ['retry', 'skip', 'cancel'] as const) {
      cases[what] = await alur.mustCall('POST', '/api/sops/pilih/instances', { token: admin, json: { variables: { luas: 10, tarif: 5 } } });
    }
    for (const c of Object.values(cases)) {
      await eventually(
        async () => {
          const res = await alur.call('GET', `/api/incidents?caseId=${c.id}`, { token: admin });
          return (res.body as unknown[])[0];
        },
        30_000,
        `the incident of case ${c.trackingCode}`,
      );
    }
  });
  afterAll(() => ctx?.close());

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\/tugas$/);
  }

  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  const caseStatus = (page: Page) => page.getByTestId('case-status').textContent();

  it('the Insiden page lists the stopped cases, and a retry with the missing variable completes one', async () => {
    const page = await ctx.newPage(LAPTOP);
    await logIn(page);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Insiden' }).click();
    await page.waitForURL(/\/staf\/insiden$/);
    await expect.poll(() => page.getByTestId('incident-count').textContent()).toBe('3 insiden');
    const row = page.getByTestId(`incident-row-${cases.retry.trackingCode}`);
    expect(await row.textContent()).toMatch(/Izin usaha mikro v1.*tanpa unit.*Jenis izin\?\s*G.*No condition of gateway "Jenis izin\?" holds.*WIB/);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'incidents-1366.png'), fullPage: true });

    // Filter by an element no incident is at, then back by the gateway.
    await page.getByLabel('Elemen (id)').fill('Hitung');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL(/element=Hitung/);
    await expect.poll(() => page.getByTestId('incident-none').textContent()).toContain('Tidak ada insiden yang cocok');
    await page.getByLabel('Elemen (id)').fill('G');
    await page.getByLabel('SOP').selectOption('pilih');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.getByTestId('incident-count').textContent()).toBe('3 insiden');

    await row.getByRole('link', { name: cases.retry.trackingCode }).click();
    await page.waitForURL(new RegExp(`/staf/kasus/${cases.retry.id}$`));
    await expect.poll(() => caseStatus(page)).toBe('Insiden');
    const banner = page.getByTestId('incident-banner');
    expect(await banner.getByRole('heading', { level: 2 }).textContent()).toBe('Kasus ini berhenti: 1 insiden');
    expect(await banner.getByTestId('incident-message').textContent()).toMatch(/No condition of gateway "Jenis izin\?" holds/);
    expect(await page.getByRole('region', { name: 'Tahap saat ini' }).getByRole('listitem').textContent()).toBe('Jenis izin? berhenti (insiden)');
    expect(await page.locator('.djs-element.alur-incident').getAttribute('data-element-id')).toBe('G');
    await page.screenshot({ path: join(shots, 'case-incident-1366.png'), fullPage: true });

    await banner.getByRole('button', { name: 'Coba lagi' }).click();
    await banner.getByRole('button', { name: 'Jalankan ulang tahap' }).click(); // no reason yet
    await expect.poll(() => banner.getByTestId('incident-error').textContent()).toBe('Tuliskan alasannya (minimal 3 karakter).');
    await banner.getByLabel('Nama 1').fill('jenis');
    await banner.getByLabel('Nilai 1').fill('kecil');
    await banner.getByLabel('Alasan (wajib)').fill('Jenis izin kecil menurut berkas');
    await page.screenshot({ path: join(shots, 'case-incident-retry-form-1366.png'), fullPage: true });
    await banner.getByRole('button', { name: 'Jalankan ulang tahap' }).click();
    await expect.poll(() => page.getByTestId('incident-status').textContent()).toBe('Tahap "Jenis izin?" dicoba lagi.');
    await expect.poll(() => caseStatus(page)).toBe('Selesai');
    expect(await page.getByTestId('incident-banner').count()).toBe(0);
    expect(await page.getByTestId('incident-resolution').textContent()).toMatch(/^Dicoba lagi oleh admin, .*WIB: “Jenis izin kecil menurut berkas”$/);
    const ended = await alur.prisma.case.findUniqueOrThrow({ where: { id: cases.retry.id } });
    expect(ended.variables).toMatchObject({ jenis: 'kecil', biaya: 50 });
    await page.screenshot({ path: join(shots, 'case-incident-resolved-1366.png'), fullPage: true });
    await page.close();
  });

  it('a skip goes on by the flow chosen by its name and target', async () => {
    const page = await ctx.newPage(LAPTOP);
    await logIn(page);
    await page.goto(`${base}/staf/kasus/${cases.skip.id}`);
    const banner = page.getByTestId('incident-banner');
    await banner.getByRole('button', { name: 'Lewati' }).click();
    const flow = banner.getByLabel('Lanjut melalui jalur');
    expect(await flow.locator('option').allTextContents()).toEqual(['Pilih jalur', 'kecil → Izin kecil terbit', 'besar → Izin besar terbit']);
    await banner.getByLabel('Alasan (wajib)').fill('Luas usaha termasuk besar');
    await banner.getByRole('button', { name: 'Lewati tahap' }).click();
    await expect.poll(() => banner.getByTestId('incident-error').textContent()).toBe('Pilih jalur lanjutannya.');
    await flow.selectOption({ label: 'besar → Izin besar terbit' });
    await banner.getByRole('button', { name: 'Lewati tahap' }).click();
    await expect.poll(() => caseStatus(page)).toBe('Selesai');
    expect(await page.getByTestId('incident-resolution').textContent()).toMatch(/^Dilewati oleh admin, .*: “Luas usaha termasuk besar”$/);
    const history = await alur.prisma.step.findMany({ where: { caseId: cases.skip.id }, orderBy: { startedAt: 'asc' }, select: { elementId: true } });
    expect(history.map((h) => h.elementId)).toContain('EBesar');
    await page.close();
  });

  it('on a phone, the list reads as cards and a case is cancelled from its incident after a confirmation', async () => {
    const page = await ctx.newPage(PHONE);
    await logIn(page);
    await page.getByRole('link', { name: 'Insiden' }).click();
    await expect.poll(() => page.getByTestId('incident-count').textContent()).toBe('1 insiden');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'incidents-390.png'), fullPage: true });

    await page.getByRole('link', { name: cases.cancel.trackingCode }).click();
    await page.waitForURL(new RegExp(`/staf/kasus/${cases.cancel.id}$`));
    const banner = page.getByTestId('incident-banner');
    await banner.getByRole('button', { name: 'Batalkan kasus' }).click();
    await banner.getByLabel('Alasan (wajib)').fill('Pemohon menarik permohonannya');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'case-incident-390.png'), fullPage: true });
    await banner.locator('form').getByRole('button', { name: 'Batalkan kasus' }).click();
    await expect
      .poll(() => banner.getByTestId('incident-confirm').textContent())
      .toContain(`Batalkan kasus ${cases.cancel.trackingCode.replace(/-/g, '\u2011')}?`);
    await banner.screenshot({ path: join(shots, 'case-incident-confirm-390.png') });
    await banner.getByRole('button', { name: 'Ya, batalkan kasus' }).click();
    await expect.poll(() => caseStatus(page)).toBe('Dihentikan'); // a cancelled case is terminated
    expect(await page.getByTestId('cancellation').textContent()).toBe('Dibatalkan oleh admin: Pemohon menarik permohonannya');
    expect(await page.getByTestId('incident-resolution').textContent()).toMatch(/^Kasus dibatalkan oleh admin, .*: “Pemohon menarik permohonannya”$/);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'case-cancelled-390.png'), fullPage: true });

    // None open now; the resolved ones say how each ended.
    await page.goto(`${base}/staf/insiden`);
    await expect.poll(() => page.getByTestId('incident-none').textContent()).toContain('Tidak ada insiden terbuka');
    await page.getByLabel('Keadaan').selectOption('resolved');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.getByTestId('incident-count').textContent()).toBe('3 insiden');
    expect(await page.getByTestId(`incident-row-${cases.cancel.trackingCode}`).textContent()).toContain('Kasus dibatalkan oleh admin');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'incidents-resolved-390.png'), fullPage: true });
    await page.close();
  });
});
