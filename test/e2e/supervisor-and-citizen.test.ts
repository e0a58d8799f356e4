// The web app in headless Chromium against the real system (see web-app.test.ts):
// a citizen submits a complaint through the SOP's start form on a phone and
// tracks it; a supervisor reassigns a task from the team view and skips a step
// with a reason from the case page; a designer gives a user task a form with
// the form-js editor, publishes, and the inbox shows that form; a petugas
// attaches a document to a case and downloads it again.
// Screenshots go to test/e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';
const fixture = readFileSync(new URL('../fixtures/pengaduan-warga.bpmn', import.meta.url), 'utf8');
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)(journeyTitle('supervisors and citizens'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;
  let admin: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base, adminToken: admin } = ctx);
    const send = (method: string, url: string, json: unknown) => alur.mustCall(method, url, { token: admin, json });
    await send('POST', '/api/units', { code: 'upt-a', name: 'UPT Pengaduan A', kind: 'upt' });
    await send('POST', '/api/units/upt-a/roles', { role: 'petugas' });
    await send('POST', '/api/units/upt-a/roles', { role: 'kepala', supervisor: true });
    for (const [username, role, global] of [
      ['ani', 'petugas', []],
      ['budi', 'petugas', []],
      ['kepala', 'kepala', ['supervisor']],
    ] as const) {
      await alur.createUser(admin, username, [...global]);
      await send('POST', '/api/units/upt-a/staff', { username, role });
    }
    await alur.createUser(admin, 'warga-petugas', ['petugas']); // does the tasks of citizens' cases (no unit)
    await alur.createUser(admin, 'perancang', ['designer']);
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: fixture })).status).toBe(201);
  });
  afterAll(() => ctx?.close());

  const newPage = (viewport?: { width: number; height: number }) => ctx.newPage(viewport);

  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(`${username}-password`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\/tugas$/);
  }

  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('a citizen submits a complaint through the start form on a phone and tracks it by the code', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/layanan/pengaduan-warga`);
    const form = page.getByTestId('start-request');
    await form.getByLabel('Nama lengkap').fill('Siti Aminah');
    await form.getByLabel('Nomor telepon').fill('bukan nomor');
    await form.getByLabel('Isi pengaduan').fill('Lampu jalan di Jl. Melati padam sejak seminggu.');
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Periksa isian yang ditandai.');
    expect(await alur.prisma.case.count({ where: { sopKey: 'pengaduan-warga' } })).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await form.screenshot({ path: `${shots}citizen-submit-phone.png` });

    await form.getByLabel('Nomor telepon').fill('+6281234567890'); // form-js wants the international form
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect.poll(() => page.getByTestId('tracking-code').count()).toBe(1);
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const c = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(c.variables).toEqual({ nama: 'Siti Aminah', telepon: '+6281234567890', aduan: 'Lampu jalan di Jl. Melati padam sejak seminggu.' });
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}citizen-submitted-phone.png` });

    await page.getByRole('link', { name: 'Lacak permohonan ini' }).click();
    await page.waitForURL(new RegExp(`/lacak/${code}$`));
    await expect.poll(() => page.getByTestId('plain-words').textContent()).toBe('Permohonan Anda sedang pada tahap: Telaah aduan.');
    // Times in the case's zone (WIB), though the browser runs on UTC.
    expect(await page.locator('.result dl').textContent()).toMatch(/\d{2}\.\d{2} WIB/);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}citizen-tracked-phone.png`, fullPage: true });
    await page.close();
  });

  it('a supervisor reassigns a task from the team view and skips a step with a reason on the case page', async () => {
    const started = await alur.call('POST', '/api/sops/pengaduan-warga/instances', {
      token: admin,
      json: { unit: 'upt-a', variables: { nama: 'Budi Santoso', telepon: '0812 1111 2222', aduan: 'Saluran air tersumbat di RT 5.' } },
    });
    expect(started.status).toBe(201);
    const { id: caseId, trackingCode } = started.body as { id: string; trackingCode: string };
    const task = await eventually(() => alur.prisma.task.findFirst({ where: { caseId, status: 'open' } }).then((t) => t ?? undefined));
    expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: await alur.login('ani', 'ani-password') })).status).toBe(200);

    const page = await newPage();
    await logIn(page, 'kepala');
    await page.getByRole('link', { name: 'Tim saya' }).click();
    const row = page.getByTestId(`team-task-Telaah-${trackingCode}`);
    await expect.poll(() => row.getByTestId('holder').textContent()).toBe('ani');
    expect(await page.getByTestId('workload-ani').textContent()).toMatch(/ani\s*UPT Pengaduan A\s*1\s*0\s*0/);
    // The SLA of 2 working days, shown in WIB although the browser runs on UTC.
    expect(await row.locator('time').textContent()).toMatch(/\d{2}\.\d{2} WIB$/);

    await row.getByRole('button', { name: /^Alihkan/ }).click();
    await row.getByLabel('Alihkan kepada').selectOption('budi');
    await row.getByRole('button', { name: 'Alihkan tugas' }).click();
    await expect.poll(() => row.getByRole('alert').textContent()).toContain('Tuliskan alasannya');
    await row.getByLabel('Alasan (wajib)').fill('Ani cuti sampai Jumat');
    await page.screenshot({ path: `${shots}team-reassign.png`, fullPage: true });
    await row.getByRole('button', { name: 'Alihkan tugas' }).click();
    await expect.poll(() => page.getByTestId('team-status').textContent()).toBe('Tugas "Telaah aduan" dialihkan kepada budi.');
    await expect.poll(() => row.getByTestId('holder').textContent()).toBe('budi');
    expect(await page.getByTestId('workload-budi').textContent()).toMatch(/budi\s*UPT Pengaduan A\s*1/);
    await page.screenshot({ path: `${shots}team-view.png`, fullPage: true });

    await row.getByRole('link', { name: /^Kelola kasus/ }).click();
    await page.waitForURL(new RegExp(`/staf/kasus/${caseId}$`));
    const override = page.getByTestId('case-override');
    await expect.poll(() => override.getByLabel('Tahap', { exact: true }).inputValue()).toBe('Telaah');
    await override.getByLabel('Alasan (wajib)').fill('Berkas sudah ditelaah saat pengaduan lisan');
    await override.getByRole('button', { name: 'Jalankan' }).click();
    await expect.poll(() => override.getByTestId('override-status').textContent()).toBe('Tahap dilewati.');
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('#current-heading + ul').textContent();
      })
      .toContain('Tindak lanjut aduan');
    await page.screenshot({ path: `${shots}case-override.png`, fullPage: true });
    const deviations = await alur.call('GET', '/api/deviations?kind=override.skip', { token: admin });
    expect(deviations.body.items).toEqual([
      expect.objectContaining({ caseId, elementId: 'Telaah', by: 'kepala', details: { reason: 'Berkas sudah ditelaah saat pengaduan lisan' } }),
    ]);

    // A refusal of the API is shown as it is: the step chosen is no longer active.
    await expect.poll(() => override.getByLabel('Tahap', { exact: true }).inputValue()).toBe('TindakLanjut');
    const next = await alur.prisma.task.findFirstOrThrow({ where: { caseId, elementId: 'TindakLanjut', status: 'open' } });
    expect(
      (await alur.call('POST', `/api/tasks/${next.id}/complete`, { token: await alur.login('budi', 'budi-password'), json: { variables: {} } })).status,
    ).toBe(200);
    await override.getByLabel('Alasan (wajib)').fill('Mempercepat penutupan');
    await override.getByRole('button', { name: 'Jalankan' }).click();
    await expect.poll(() => override.getByTestId('override-error').textContent()).toMatch(/\S/);
    await page.screenshot({ path: `${shots}case-override-refused.png`, fullPage: true });
    await page.close();
  });

  it('a petugas attaches a scanned document on the case page, downloads it again, and a wrong file is refused', async () => {
    const started = await alur.call('POST', '/api/sops/pengaduan-warga/instances', {
      token: admin,
      json: { unit: 'upt-a', variables: { nama: 'Siti Aminah', telepon: '0812 3333 4444', aduan: 'Lampu jalan padam.' } },
    });
    expect(started.status).toBe(201);
    const caseId = (started.body as { id: string }).id;
    const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024, 7), Buffer.from('\n%%EOF\n')]);
    const page = await newPage();
    await logIn(page, 'ani');
    await page.goto(`${base}/staf/kasus/${caseId}`);
    const documents = page.getByTestId('case-documents');
    await expect.poll(() => documents.getByText('Belum ada dokumen pada kasus ini.').isVisible()).toBe(true);
    expect(await documents.locator('#document-file-hint').textContent()).toBe('PDF, JPEG, PNG; maksimal 10 MB per berkas.');

    await documents.getByLabel('Unggah dokumen').setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan dokumen') });
    await documents.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect.poll(() => documents.getByTestId('document-error').textContent()).toBe('Jenis berkas ini tidak diterima; gunakan PDF, JPEG, PNG.');
    await documents
      .getByLabel('Unggah dokumen')
      .setInputFiles({ name: 'palsu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>bukan pdf</html>') });
    await documents.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect
      .poll(() => documents.getByTestId('document-error').textContent())
      .toBe('Isi berkas tidak sesuai jenisnya (bukan PDF, JPEG atau PNG yang sebenarnya).');

    await documents.getByLabel('Unggah dokumen').setInputFiles({ name: 'Foto KTP pelapor.pdf', mimeType: 'application/pdf', buffer: scan });
    await documents.getByLabel('Untuk tahap (opsional)').selectOption('Telaah');
    await documents.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect.poll(() => documents.getByTestId('document-status').textContent()).toBe('Foto KTP pelapor.pdf sudah diunggah.');
    const row = documents.getByTestId('document-row');
    expect(await row.textContent()).toMatch(/Foto KTP pelapor\.pdf\s*PDF\s*40 kB\s*Telaah aduan\s*—\s*ani/);
    expect(await documents.getByTestId('document-error').count()).toBe(0);
    await page.screenshot({ path: `${shots}case-documents.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Unduh Foto KTP pelapor.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('Foto KTP pelapor.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(scan)).toBe(true);
    await page.close();
  });

  it('a designer gives a user task a form with the form editor; after publishing the inbox shows it', async () => {
    const page = await newPage();
    await logIn(page, 'perancang');
    await page.goto(`${base}/staf/perancang?sop=pengaduan-warga&version=1`);
    await expect.poll(() => page.getByTestId('loaded').textContent()).toBe('pengaduan-warga versi 1');
    await page.locator('.djs-element[data-element-id="TindakLanjut"]').click();
    await page.locator('[data-group-id="group-alur-form"] .bio-properties-panel-group-header').click();
    await page.getByTestId('edit-form').click();
    const editor = page.getByTestId('form-editor');
    // dragula follows the mouse step by step.
    const from = (await editor.locator('.fjs-palette-field[data-field-type="textarea"]').boundingBox())!;
    const to = (await editor.locator('.fjs-drop-container-vertical').first().boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 10, from.y + ((to.y + 20 - from.y) * i) / 10);
    await page.mouse.up();
    await expect.poll(() => editor.locator('.fjs-form-field-textarea').count()).toBe(1);
    await page.screenshot({ path: `${shots}designer-form-editor.png` });
    await editor.locator('.fjs-properties-panel [data-group-id="group-general"] .bio-properties-panel-group-header').click();
    await editor.locator('.fjs-properties-panel [data-entry-id="label"] [contenteditable]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Hasil tindak lanjut');
    await editor.locator('.fjs-properties-panel #bio-properties-panel-key').fill('hasil');
    await page.waitForTimeout(500); // the editor's input debounce
    await page.getByTestId('save-form').click();
    await expect.poll(() => page.getByTestId('deploy-status').textContent()).toContain('disimpan ke diagram');
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await expect.poll(() => page.getByTestId('deploy-status').textContent()).toBe('"Pengaduan Warga" versi 2 telah diterbitkan.');
    const xml = (await alur.call('GET', '/api/sops/pengaduan-warga/versions/2/xml', { token: admin })).body as string;
    expect(xml).toContain('formKey="camunda-forms:bpmn:UserTaskForm_TindakLanjut"');
    await page.close();

    const started = await alur.call('POST', '/api/public/sops/pengaduan-warga/requests', {
      json: { variables: { nama: 'Dewi Lestari', telepon: '0813 2222 3333', aduan: 'Trotoar rusak di depan sekolah.' } },
    });
    expect(started.status).toBe(201);
    const c = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode: started.body.trackingCode } });
    const telaah = await eventually(() =>
      alur.prisma.task.findFirst({ where: { caseId: c.id, elementId: 'Telaah', status: 'open' } }).then((t) => t ?? undefined),
    );
    expect(
      (
        await alur.call('POST', `/api/tasks/${telaah.id}/complete`, {
          token: await alur.login('warga-petugas', 'warga-petugas-password'),
          json: { variables: {} },
        })
      ).status,
    ).toBe(200);

    const inbox = await newPage();
    await logIn(inbox, 'warga-petugas');
    const card = inbox.getByTestId('task-TindakLanjut');
    await card.getByRole('button', { name: /^Kerjakan/ }).click();
    const field = card.getByLabel('Hasil tindak lanjut');
    await field.fill('Trotoar diperbaiki oleh dinas PU.');
    // form-js inputs are not cut off: each sits inside its box.
    const [box, group] = await Promise.all([field.boundingBox(), card.locator('.fjs-form-field-textarea').boundingBox()]);
    expect(box!.y + box!.height).toBeLessThanOrEqual(group!.y + group!.height);
    await inbox.screenshot({ path: `${shots}inbox-designed-form.png`, fullPage: true });
    await card.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => inbox.getByTestId('inbox-status').textContent()).toBe('Tugas "Tindak lanjut aduan" selesai.');
    const done = await eventually(() => alur.prisma.case.findUnique({ where: { id: c.id } }).then((x) => (x?.status === 'completed' ? x : undefined)));
    expect(done.variables).toMatchObject({ hasil: 'Trotoar diperbaiki oleh dinas PU.' });
    await inbox.close();
  });
});
