// SOP governance in Chromium (issue 17), with ALUR_SOP_APPROVAL=required: a
// designer fills a draft's SOP-AP identity and submits it, the head of the
// OPD approves it and puts it in force, and a citizen on a phone (390 px) sees
// the SOP-AP PDF link and the compliance block on the public page.
// Screenshots go to test/e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)(journeyTitle('SOP governance'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser({ sopApproval: 'required' });
    ({ alur, base } = ctx);
    const admin = ctx.adminToken;
    const send = (method: string, url: string, json: unknown) => alur.mustCall(method, url, { token: admin, json });
    await send('POST', '/api/units', { code: 'disduk', name: 'Dinas Kependudukan', kind: 'opd' });
    await send('POST', '/api/units', { code: 'kel-a', name: 'Kelurahan Sukamaju', kind: 'kelurahan', parent: 'disduk' });
    await send('POST', '/api/units/disduk/roles', { role: 'kepala_dinas', supervisor: true });
    const designer = await alur.createUser(admin, 'perancang', ['designer']);
    await alur.createUser(admin, 'kadis', []);
    await send('POST', '/api/units/disduk/staff', { username: 'kadis', role: 'kepala_dinas' });
    // The designer's draft (publishing from the diagram editor has its own journey).
    expect((await alur.call('POST', '/api/sops', { token: designer, xml })).status).toBe(201);
  });
  afterAll(() => ctx?.close());

  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(`${username}-password`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\/tugas$/);
  }
  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('a designer fills the identity of the draft and submits it', async () => {
    const page = await ctx.newPage();
    await logIn(page, 'perancang');
    await page.goto(`${base}/staf/sop/surat-keterangan`);
    await expect.poll(() => page.getByTestId('sop-state').textContent()).toBe('Draf');
    const identity = page.getByTestId('sop-identity');
    await identity.getByLabel('Nomor SOP').fill('470/15/SOP/KEL-SKM/2026');
    await identity.getByLabel('Tanggal pembuatan (TTTT-BB-HH)').fill('2026-11-02');
    await identity.getByLabel('Dasar hukum').fill('Undang-Undang Nomor 25 Tahun 2009\nPermendagri Nomor 108 Tahun 2019');
    await identity.getByLabel('Kualifikasi pelaksana').fill('Memahami administrasi kependudukan');
    await identity.getByLabel('Peralatan/perlengkapan').fill('Komputer\nPrinter');
    await identity.getByLabel('Peringatan').fill('Berkas tidak lengkap dikembalikan');
    await identity.getByLabel('Pencatatan dan pendataan').fill('Buku register');
    await identity.getByRole('button', { name: 'Simpan identitas' }).click();
    await expect.poll(() => identity.getByRole('status').textContent()).toContain('Identitas tersimpan.');
    const lifecycle = page.getByTestId('sop-lifecycle');
    await lifecycle.getByLabel('Kode unit pemilik SOP').fill('kel-a');
    await lifecycle.getByLabel('Catatan').fill('Mohon pengesahan');
    await lifecycle.getByRole('button', { name: 'Ajukan untuk disahkan' }).click();
    await expect.poll(() => page.getByTestId('sop-state').textContent()).toBe('Diajukan');
    expect(await page.getByTestId('sop-history').textContent()).toContain('Mohon pengesahan');
    await page.screenshot({ path: `${shots}sop-governance-submitted.png`, fullPage: true });
  });

  it('the head of the OPD approves it and puts it in force', async () => {
    const page = await ctx.newPage();
    await logIn(page, 'kadis');
    await page.goto(`${base}/staf/sop/surat-keterangan`);
    const lifecycle = page.getByTestId('sop-lifecycle');
    await expect.poll(() => lifecycle.getByRole('button', { name: 'Sahkan' }).count()).toBe(1);
    await lifecycle.getByLabel('Nama', { exact: true }).fill('Drs. Budi Santoso');
    await lifecycle.getByLabel('NIP').fill('197001011990031001');
    await lifecycle.getByLabel('Jabatan').fill('Kepala Dinas Kependudukan');
    await lifecycle.getByRole('button', { name: 'Sahkan' }).click();
    await expect.poll(() => page.getByTestId('sop-state').textContent()).toBe('Disahkan');
    await lifecycle.getByRole('button', { name: 'Berlakukan' }).click();
    await expect.poll(() => page.getByTestId('sop-state').textContent()).toBe('Berlaku');
    expect(await lifecycle.textContent()).toContain('Sedang berlaku');
    await page.screenshot({ path: `${shots}sop-governance-approved.png`, fullPage: true });
    const mobile = await ctx.newPage(PHONE);
    await logIn(mobile, 'kadis');
    await mobile.goto(`${base}/staf/sop/surat-keterangan`);
    await expect.poll(() => mobile.getByTestId('sop-state').textContent()).toBe('Berlaku');
    expect(await fitsWidth(mobile)).toBe(true);
    await mobile.screenshot({ path: `${shots}sop-governance-approved-phone.png`, fullPage: true });
  });

  it('a citizen on a phone sees the SOP-AP PDF link and the compliance block', async () => {
    const page = await ctx.newPage(PHONE);
    await page.goto(`${base}/layanan/surat-keterangan`);
    const link = page.getByTestId('sop-ap-pdf');
    await expect.poll(() => link.textContent()).toBe('Dokumen SOP (PDF)');
    const href = (await link.getAttribute('href'))!;
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const compliance = page.getByTestId('public-compliance');
    await expect.poll(() => compliance.getByTestId('compliance-cases').textContent()).toBe('Kurang dari 5 permohonan');
    expect(await compliance.textContent()).toContain('janji layanan 3 hari kerja');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}sop-governance-citizen-phone.png`, fullPage: true });

    // The catalogue card: the compliance line and the PDF link; then the page in English.
    await page.goto(`${base}/layanan`);
    await expect.poll(() => page.getByTestId('card-compliance').textContent()).toBe('90 hari terakhir: kurang dari 5 permohonan, belum ada angka kepatuhan');
    expect(await page.getByRole('link', { name: 'Dokumen SOP (PDF)' }).count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}sop-governance-catalogue-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.getByTestId('card-compliance').textContent()).toBe('Last 90 days: fewer than 5 requests, no compliance figures yet');
    await page.goto(`${base}/layanan/surat-keterangan`);
    await expect.poll(() => page.getByTestId('sop-ap-pdf').textContent()).toBe('SOP document (PDF)');
    await expect.poll(() => page.getByTestId('compliance-cases').textContent()).toBe('Fewer than 5 requests');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}sop-governance-citizen-phone-en.png`, fullPage: true });
  });
});
