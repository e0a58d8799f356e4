// The SOP page lists the SOP's timer start events with their next run (issue
// 15), in Bahasa Indonesia, on a laptop and a phone. Screenshots go to
// test/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const xml =
  '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="https://alur.go.id/test">' +
  '<bpmn:process id="rekap-harian" name="Rekap harian layanan" isExecutable="true">' +
  '<bpmn:startEvent id="Pagi" name="Setiap pagi hari kerja"><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 8 * * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>' +
  '<bpmn:sequenceFlow id="f1" sourceRef="Pagi" targetRef="Rekap"/><bpmn:manualTask id="Rekap" name="Susun rekap"/>' +
  '<bpmn:sequenceFlow id="f2" sourceRef="Rekap" targetRef="Selesai"/><bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>';

describe.skipIf(!hasChromium)(journeyTitle('scheduled starts on the SOP page'), () => {
  let ctx: AlurInBrowser;
  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    expect((await ctx.alur.call('POST', '/api/sops', { token: ctx.adminToken, xml })).status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await ctx?.alur.call('POST', '/api/sops/rekap-harian/versions/1/transitions', { token: ctx.adminToken, json: { action: 'retire', note: 'uji selesai' } });
    await ctx?.close();
  });

  it('shows each timer start event, its schedule and its next run', async () => {
    for (const [name, viewport] of [
      ['laptop', { width: 1366, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await ctx.newPage(viewport);
      await page.goto(`${ctx.base}/masuk`);
      await page.getByLabel('Nama pengguna').fill('admin');
      await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.waitForURL(/\/staf\//);
      await page.goto(`${ctx.base}/staf/sop/rekap-harian`);
      const section = page.getByRole('region', { name: 'Mulai terjadwal' });
      await section.waitFor();
      const row = section.getByRole('row', { name: /Setiap pagi hari kerja/ });
      expect(await row.textContent()).toContain('cron 0 0 8 * * MON-FRI (Asia/Jakarta)');
      expect(await row.locator('time').getAttribute('datetime')).toMatch(/T01:00:00/);
      await page.screenshot({ path: `${shots}sop-timer-starts-${name}.png`, fullPage: true });
      if (name === 'phone') expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.close();
    }
  });
});
