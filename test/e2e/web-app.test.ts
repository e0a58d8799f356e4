// The web app in headless Chromium against the real system: the built app
// served by the real API, a real worker, Temporal dev server and PostgreSQL
// (test/global-setup.ts). Journeys: a designer models and publishes an SOP
// from an empty canvas (first seeing the server's 422 on the diagram), staff
// complete a step from their inbox, a citizen reads the catalogue and tracks
// the case. Screenshots go to test/e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';
const fixture = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');

describe.skipIf(!hasChromium)(journeyTitle('web app'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;
  let admin: string;
  const passwords = { perancang: 'perancang-password', petugas: 'petugas-password', lurah: 'lurah-password' };

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base, adminToken: admin } = ctx);
    await alur.createUser(admin, 'perancang', ['designer']);
    await alur.createUser(admin, 'petugas', ['petugas']);
    await alur.createUser(admin, 'lurah', ['lurah']);
  });
  afterAll(() => ctx?.close());

  const newPage = (viewport?: { width: number; height: number }) => ctx.newPage(viewport);

  async function logIn(page: Page, username: keyof typeof passwords): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(passwords[username]);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\/tugas$/);
  }

  it('a designer models an SOP on an empty canvas, sees the server reject it on the element, fixes it and publishes', async () => {
    const page = await newPage();
    await logIn(page, 'perancang');
    await page.getByRole('link', { name: 'Perancang proses' }).click();
    await page.getByLabel('Kunci SOP (id proses)').fill('surat-pindah');
    await page.getByLabel('Nama SOP').fill('Surat Keterangan Pindah');
    await page.getByRole('button', { name: 'Diagram baru' }).click();
    await expect.poll(() => page.getByTestId('loaded').textContent()).toBe('baru (surat-pindah)');

    // Start event -> task (named by typing) -> user task, with the context pad; no end event yet.
    await page.locator('.djs-element[data-element-id="StartEvent_1"]').click();
    await page.locator('.djs-context-pad .entry[data-action="append.append-task"]').click();
    await page.keyboard.type('Periksa berkas pindah');
    await page.locator('.designer-canvas .djs-container > svg').click({ position: { x: 600, y: 450 } });
    const task = page.locator('.djs-shape[data-element-id^="Activity_"]');
    await task.click();
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click(); // stays selected
    const taskId = await task.getAttribute('data-element-id');

    // The live check is the server's own (POST /api/sops/validate): the task has no way on, named by its name.
    const checks = page.getByTestId('checks');
    await expect
      .poll(() => page.getByTestId('problem-list').textContent())
      .toMatch(/galat\s*Periksa berkas pindah\s*.*has no outgoing sequence flow and is not an end event/);
    expect(await page.getByTestId('check-summary').textContent()).toMatch(/^1 galat/);
    expect(await page.locator(`.djs-element.alur-problem[data-element-id="${taskId}"]`).count()).toBe(1);
    expect(await page.locator('.alur-problem-badge').count()).toBe(1);

    // Publishing anyway: the server answers 422 with the same problem.
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await expect.poll(() => page.getByTestId('deploy-status').textContent()).toMatch(/Diagram ditolak/);
    await expect
      .poll(() => page.getByTestId('problem-list').textContent())
      .toMatch(/Periksa berkas pindah\s*.*has no outgoing sequence flow and is not an end event/);
    expect(await page.locator(`.djs-element.alur-problem[data-element-id="${taskId}"]`).count()).toBe(1);
    await page.screenshot({ path: `${shots}designer-422.png` });

    // Fix it: the problem selects the task; an end event after it, and the list empties by itself.
    await checks.getByRole('button', { name: 'Periksa berkas pindah' }).click();
    await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
    await expect.poll(() => page.getByTestId('check-summary').textContent()).not.toMatch(/galat/);
    expect(await page.locator('.djs-element.alur-problem').count()).toBe(0);
    // Then in the properties panel a candidate group (Zeebe) and Alur's mutu baku.
    await task.click();
    await page.locator('[data-group-id="group-assignmentDefinition"] .bio-properties-panel-group-header').click();
    await page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').fill('petugas');
    await page.locator('[data-group-id="group-alur"] .bio-properties-panel-group-header').click();
    await page.locator('#bio-properties-panel-alur-pelaksana').fill('Petugas loket');
    await page.locator('#bio-properties-panel-alur-kelengkapan').fill('KTP; Surat pengantar RT');
    await page.locator('#bio-properties-panel-alur-waktu').fill('1 hari kerja');
    await page.waitForTimeout(500); // the panel's input debounce
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await expect.poll(() => page.getByTestId('deploy-status').textContent()).toBe('"Surat Keterangan Pindah" versi 1 telah diterbitkan.');
    expect(await page.getByTestId('check-summary').textContent()).not.toMatch(/galat/);
    expect(await page.locator('.djs-element.alur-problem').count()).toBe(0);
    await page.screenshot({ path: `${shots}designer-published.png` });

    const sop = await alur.call('GET', '/api/sops/surat-pindah', { token: admin });
    expect(sop.body.versions).toEqual([expect.objectContaining({ version: 1, createdBy: 'perancang' })]);
    const xml = (await alur.call('GET', '/api/sops/surat-pindah/versions/1/xml', { token: admin })).body as string;
    expect(xml).toContain('candidateGroups="petugas"');
    expect(xml).toContain('alur:kelengkapan="KTP; Surat pengantar RT"');

    // The catalogue lists the version with who published it.
    await page.getByRole('link', { name: 'Daftar SOP' }).click();
    await page.getByRole('link', { name: 'Surat Keterangan Pindah' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toMatch(/v1.*perancang/);
    await page.screenshot({ path: `${shots}sop-catalogue.png` });

    // Any published version opens in the designer again.
    await page.getByRole('link', { name: 'Buka di perancang v1' }).click();
    await expect.poll(() => page.getByTestId('loaded').textContent()).toBe('surat-pindah versi 1');
    expect(await page.locator(`.djs-shape[data-element-id="${taskId}"]`).count()).toBe(1);
    await page.close();
  });

  let trackingCode = '';

  it('staff complete a step from the inbox; the case page shows the diagram with the current step', async () => {
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: fixture })).status).toBe(201);
    const started = await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { pemohon: 'Ani' } } });
    trackingCode = started.body.trackingCode;

    const page = await newPage();
    await logIn(page, 'petugas');
    const card = page.getByTestId('task-Periksa');
    await card.getByRole('button', { name: /Kerjakan/ }).click();
    await card.getByLabel('Nama 1').fill('lengkap');
    await card.getByLabel('Nilai 1').fill('true');
    await page.screenshot({ path: `${shots}inbox-task.png` });
    await card.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => page.getByTestId('inbox-status').textContent()).toBe('Tugas "Periksa berkas" selesai.');
    expect(await page.getByTestId('task-Periksa').count()).toBe(0);

    const caseId = started.body.id as string;
    const c = await eventually(async () => {
      const r = await alur.call('GET', `/api/instances/${caseId}`, { token: admin });
      return r.body.activeSteps.some((s: { elementId: string }) => s.elementId === 'Tandatangani') ? r.body : undefined;
    });
    expect(c.variables.lengkap).toBe(true);
    expect(c.history.find((h: { elementId: string }) => h.elementId === 'Periksa').by).toBe('petugas');

    await page.goto(`${base}/staf/kasus/${caseId}`);
    await page.locator('.djs-element.alur-active[data-element-id="Tandatangani"]').waitFor();
    expect(await page.locator('.djs-element.alur-done[data-element-id="Periksa"]').count()).toBe(1);
    await page.screenshot({ path: `${shots}case-detail.png`, fullPage: true });
    await page.close();
  });

  it('staff complete a task through its form-js form, which checks the input before sending it', async () => {
    const izin = readFileSync(new URL('../fixtures/permohonan-izin.bpmn', import.meta.url), 'utf8');
    const verificationForm = JSON.parse(readFileSync(new URL('../fixtures/formulir-verifikasi.form', import.meta.url), 'utf8'));
    expect((await alur.call('POST', '/api/forms', { token: admin, json: verificationForm })).status).toBe(201);
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: izin })).status).toBe(201);
    const started = await alur.call('POST', '/api/sops/permohonan-izin/instances', {
      token: admin,
      json: { variables: { pemohon: { nama: 'Ani Suryani' }, tanggalPengajuan: '2026-12-01T09:00:00+07:00' } },
    });
    expect(started.status).toBe(201);

    const page = await newPage();
    await logIn(page, 'petugas');
    const card = page.getByTestId('task-IsiFormulir');
    await card.getByRole('button', { name: /Kerjakan/ }).click();
    await card.getByLabel('Nama pemohon').waitFor();
    await card.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toMatch(/Periksa isian formulir/);
    await card.getByLabel('Nama pemohon').fill('Budi Santoso');
    await card.getByLabel('Jumlah berkas').fill('2');
    await card.locator('.fjs-form-field-select .fjs-input-group').click(); // form-js' own dropdown
    await card.locator('.fjs-dropdownlist-item', { hasText: 'Izin usaha' }).click();
    await page.screenshot({ path: `${shots}inbox-form-js.png` });
    await card.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => page.getByTestId('inbox-status').textContent()).toBe('Tugas "Isi formulir permohonan" selesai.');

    const c = await eventually(async () => {
      const r = await alur.call('GET', `/api/instances/${started.body.id}`, { token: admin });
      return r.body.history.some((h: { elementId: string }) => h.elementId === 'IsiFormulir') ? r.body : undefined;
    });
    // The task's output mappings turned the submitted form into these.
    expect(c.variables).toMatchObject({ biaya: 10000, ringkasan: { nama: 'Budi Santoso', jenis: 'usaha' } });
    await page.close();
  });

  it('a citizen on a phone reads the public catalogue and tracks the case, in Indonesian and English, without private data', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${base}/layanan`);
    await page.getByRole('link', { name: 'Surat Keterangan Domisili' }).click();
    await expect.poll(() => page.getByTestId('requirements').textContent()).toMatch(/KTP.*Kartu Keluarga/s);
    expect(await page.getByTestId('procedure').locator('> li').allTextContents()).toEqual([
      expect.stringMatching(/^Periksa berkas.*Petugas loket.*1 hari kerja/s),
      expect.stringMatching(/^Tandatangani surat.*Lurah/s),
    ]);
    expect(await page.getByTestId('service-duration').textContent()).toBe('3 hari');
    await page.screenshot({ path: `${shots}citizen-catalogue.png`, fullPage: true });

    await page.getByRole('link', { name: 'Lacak permohonan' }).click();
    await page.getByLabel('Kode pelacakan').fill(trackingCode.toLowerCase());
    await page.getByRole('button', { name: 'Lacak' }).click();
    await expect.poll(() => page.getByTestId('plain-words').textContent()).toBe('Permohonan Anda sedang pada tahap: Tandatangani surat.');
    await page.locator('.djs-element.alur-active[data-element-id="Tandatangani"]').waitFor();
    // Neither the page nor anything it loaded shows case variables, roles or conditions.
    const text = await page.locator('main').textContent();
    for (const secret of ['Ani', 'petugas', 'lengkap = true']) expect(text).not.toContain(secret);
    await page.screenshot({ path: `${shots}citizen-track-id.png`, fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('plain-words').textContent()).toBe('Your application is at this step: Tandatangani surat.');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: `${shots}citizen-track-en.png`, fullPage: true });
    await page.close();
  });
});
