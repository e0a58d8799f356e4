// The complaint desk in Chromium (issue 18): a WhatsApp-style complaint with a
// photo and a location arrives, the desk sees it (reporter shown to the desk),
// disposes it to Dinas PUPR from the queue; a call-centre complaint is recorded
// by hand; the same queue read by an auditor shows "Pelapor dirahasiakan".
// 1366 px and 390 px, screenshots under test/e2e/screenshots.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';
import { complaintWorld, inbound, png } from '../support/complaints';

const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)(journeyTitle('The complaint desk'), () => {
  let ctx: AlurInBrowser;
  let trackingCode: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    await complaintWorld(ctx.alur);
    const integrasi = await ctx.alur.login('gateway-wa', 'gateway-wa-password');
    await ctx.alur.mustCall('PUT', '/api/channels/callcenter', { token: ctx.adminToken, json: { sopKey: 'pengaduan' } });
    const res = await ctx.alur.mustCall('POST', '/api/channels/whatsapp/inbound', {
      token: integrasi,
      json: inbound({ attachments: [{ name: 'lubang.png', contentType: 'image/png', base64: png.toString('base64') }] }),
    });
    trackingCode = res.trackingCode;
  });
  afterAll(() => ctx?.close());

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${ctx.base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\//);
  }
  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('the desk disposes a WhatsApp complaint to Dinas PUPR and records a call-centre one', async () => {
    const page = await ctx.newPage(LAPTOP);
    page.setDefaultTimeout(15_000);
    try {
      await logIn(page, 'meja-aduan', 'meja-aduan-password');
    } catch (err) {
      await page.screenshot({ path: join(shots, 'complaints-debug.png'), fullPage: true });
      throw err;
    }
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengaduan' }).click();
    await page.waitForURL(/\/staf\/pengaduan$/);
    const card = page.getByTestId('complaint').filter({ hasText: trackingCode });
    await expect.poll(() => card.getByTestId('reporter').textContent()).toContain('Rahmat Hidayat');
    await card.getByRole('button', { name: 'Disposisikan' }).click();
    await card.getByTestId('unit').fill('pupr');
    await card.getByTestId('reason').fill('Jalan kota: kewenangan Dinas PUPR');
    await page.screenshot({ path: join(shots, 'complaints-desk-1366.png'), fullPage: true });
    await card.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => card.textContent()).toMatch(/Didisposisi.*pupr/);
    await page.getByTestId('intake-text').fill('Lampu jalan padam di Jl. Sutoyo S');
    await page.getByLabel('Nama pelapor').fill('Penelepon');
    await page.getByRole('button', { name: 'Catat pengaduan' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Tercatat dengan kode pelacakan/);
    expect(await ctx.alur.prisma.complaint.count({ where: { channel: 'callcenter' } })).toBe(1);
  });

  it('an auditor on a phone reads the queue with the reporter hidden, in both languages', async () => {
    const page = await ctx.newPage(PHONE);
    await logIn(page, 'inspektorat', 'inspektorat-password');
    await page.goto(`${ctx.base}/staf/pengaduan`);
    const card = page.getByTestId('complaint').filter({ hasText: trackingCode });
    await expect.poll(() => card.getByTestId('reporter').textContent()).toBe('Pelapor dirahasiakan');
    expect(await page.content()).not.toContain('Rahmat');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'complaints-auditor-390.png'), fullPage: true });
    await page.evaluate("localStorage.setItem('alur.locale', 'en')");
    await page.reload();
    await expect.poll(() => card.getByTestId('reporter').textContent()).toBe('Reporter kept confidential');
    await page.screenshot({ path: join(shots, 'complaints-auditor-390-en.png'), fullPage: true });
  });
});
