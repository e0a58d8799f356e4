// The auditor in headless Chromium: logging in lands on the audit page (not
// the task inbox), and on a 390 px phone the page does not scroll sideways:
// wide tables scroll inside their own box, a long unit name in the filter and
// the pager stay within the screen. The deviations list is answered by the
// browser (page.route) with long rows, so the test needs no SLA breach to happen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const PHONE = { width: 390, height: 844 };
const UNIT_NAME = 'Unit Pelaksana Teknis Pelayanan Terpadu Satu Pintu Kecamatan Menteng';

describe.skipIf(!hasChromium)(journeyTitle('the auditor on a phone'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base } = ctx);
    await alur.mustCall('POST', '/api/units', { token: ctx.adminToken, json: { code: 'upt-ptsp-menteng', name: UNIT_NAME, kind: 'upt' } });
    await alur.createUser(ctx.adminToken, 'inspektorat', ['auditor']);
  });
  afterAll(() => ctx?.close());

  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  const deviation = (i: number) => ({
    id: `d${i}`,
    caseId: `c${i}`,
    sopKey: 'izin-usaha-mikro-kecil-dan-menengah-kelurahan',
    sopVersion: 3,
    unitId: null,
    stepId: `s${i}`,
    elementId: 'PeriksaBerkas',
    elementName: 'Periksa kelengkapan berkas permohonan izin usaha',
    kind: 'sla.breached',
    at: '2026-12-01T03:00:00.000Z',
    by: 'petugas-loket-kelurahan-menteng',
    details: {},
  });

  it('lands on the audit page after login, and the page fits 390 px', async () => {
    const page = await ctx.newPage(PHONE);
    await page.route('**/api/deviations?*', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ total: 40, items: [1, 2, 3].map(deviation) }),
      }),
    );
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill('inspektorat');
    await page.getByLabel('Kata sandi').fill('inspektorat-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\/audit$/);
    await page.getByTestId('deviation-table').waitFor();
    await page.getByRole('option', { name: UNIT_NAME }).waitFor({ state: 'attached' });
    await page.getByRole('navigation', { name: 'Halaman penyimpangan' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    // The table itself is wider than the phone: it scrolls inside its box.
    expect(
      await page
        .locator('.table-wrap')
        .first()
        .evaluate((e) => e.scrollWidth > e.clientWidth),
    ).toBe(true);
    await page.screenshot({ path: `${shots}audit-390.png`, fullPage: true });
    await page.close();
  });
});
