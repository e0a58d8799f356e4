// A citizen's KTP scan through a form-js file picker on the public start form,
// on a phone (390 px): it becomes a case document linked to its field, the
// staff member sees it on the case page, and a task form's file picker adds
// another (issue 13, item 3). Screenshots go to test/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const PHONE = { width: 390, height: 844 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const startForm = JSON.stringify({
  id: 'formulir-ktp',
  type: 'default',
  components: [
    { type: 'textfield', key: 'nama', label: 'Nama lengkap', validate: { required: true } },
    { type: 'filepicker', key: 'ktp', label: 'Scan KTP', accept: '.jpg,.jpeg,.png,.pdf', validate: { required: true } },
  ],
});
const taskForm = JSON.stringify({
  id: 'formulir-periksa',
  type: 'default',
  components: [
    { type: 'filepicker', key: 'bukti', label: 'Berita acara' },
    { type: 'textfield', key: 'catatan', label: 'Catatan' },
  ],
});
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="izin-ktp" name="Surat keterangan domisili" isExecutable="true">
    <bpmn:extensionElements>
      <zeebe:userTaskForm id="FormKtp">${esc(startForm)}</zeebe:userTaskForm>
      <zeebe:userTaskForm id="FormPeriksa">${esc(taskForm)}</zeebe:userTaskForm>
    </bpmn:extensionElements>
    <bpmn:startEvent id="Ajukan" name="Ajukan"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:FormKtp"/></bpmn:extensionElements></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Ajukan" targetRef="Periksa"/>
    <bpmn:userTask id="Periksa" name="Periksa berkas">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="petugas"/>
        <zeebe:formDefinition formKey="camunda-forms:bpmn:FormPeriksa"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai" name="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20 * 1024, 3)]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8 * 1024, 7), Buffer.from('\n%%EOF\n')]);

describe.skipIf(!hasChromium)(journeyTitle('file pickers on forms'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base } = ctx);
    await alur.createUser(ctx.adminToken, 'ani', ['petugas']);
    expect((await alur.call('POST', '/api/sops', { token: ctx.adminToken, xml })).status).toBe(201);
  });
  afterAll(() => ctx?.close());

  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it("a citizen's KTP scan on a phone becomes a case document; staff see it and add one from the task form", async () => {
    const page = await ctx.newPage(PHONE);
    await page.goto(`${base}/layanan/izin-ktp`);
    const form = page.getByTestId('start-request');
    // form-js's own messages in the language shown, switching at once (issue 13, item 8).
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect.poll(() => form.getByText('Wajib diisi.').count()).toBe(2);
    expect(await form.getByRole('button', { name: 'Pilih berkas' }).count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await form.screenshot({ path: `${shots}citizen-required-id-phone.png` });
    await page.locator('button.lang-button[lang="en"]').click();
    await expect.poll(() => form.getByText('Field is required.').count()).toBe(2);
    expect(await form.getByRole('button', { name: 'Browse' }).count()).toBe(1);
    expect(await form.getByText('Periksa isian yang ditandai.').count()).toBe(0);
    await form.screenshot({ path: `${shots}citizen-required-en-phone.png` });
    await page.locator('button.lang-button[lang="id"]').click();
    await expect.poll(() => form.getByText('Wajib diisi.').count()).toBe(2);
    await form.getByLabel('Nama lengkap').fill('Siti Aminah');
    await form.getByLabel('Scan KTP').setInputFiles({ name: 'KTP Siti.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    expect(await fitsWidth(page)).toBe(true);
    await form.screenshot({ path: `${shots}citizen-ktp-phone.png` });
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect.poll(() => page.getByTestId('tracking-code').count(), { timeout: 20_000 }).toBe(1);
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    const c = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode: code } });
    const docs = await alur.prisma.caseDocument.findMany({ where: { caseId: c.id } });
    expect(docs.map((d) => [d.fileName, d.field, d.sizeBytes, d.uploadedBy])).toEqual([['KTP Siti.jpg', 'ktp', jpeg.length, '(pemohon)']]);
    expect(c.variables).toEqual({
      nama: 'Siti Aminah',
      ktp: [{ documentId: docs[0]!.id, fileName: 'KTP Siti.jpg', mediaType: 'image/jpeg', sizeBytes: jpeg.length }],
    });
    await page.close();

    // The petugas completes the task with the form's own file picker, then sees both on the case page.
    const staff = await ctx.newPage();
    await staff.goto(`${base}/masuk`);
    await staff.getByLabel('Nama pengguna').fill('ani');
    await staff.getByLabel('Kata sandi').fill('ani-password');
    await staff.getByRole('button', { name: 'Masuk' }).click();
    await staff.waitForURL(/\/staf\/tugas$/);
    const task = await alur.prisma.task.findFirstOrThrow({ where: { caseId: c.id } });
    const card = staff.getByTestId('task-Periksa');
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await card.getByRole('button', { name: /^Kerjakan/ }).click();
    const taskForm = staff.getByRole('form', { name: 'Formulir tugas Periksa berkas' });
    await taskForm.getByLabel('Berita acara').setInputFiles({ name: 'berita acara.pdf', mimeType: 'application/pdf', buffer: pdf });
    await taskForm.getByLabel('Catatan').fill('Lengkap');
    await taskForm.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(async () => (await alur.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status, { timeout: 20_000 }).toBe('completed');

    await staff.goto(`${base}/staf/kasus/${c.id}`);
    const documents = staff.getByTestId('case-documents');
    await expect.poll(() => documents.getByTestId('document-row').count()).toBe(2);
    const rows = await documents.getByTestId('document-row').allTextContents();
    expect(rows[0]).toMatch(/KTP Siti\.jpg\s*JPEG.*ktp\s*Pemohon/);
    expect(rows[1]).toMatch(/berita acara\.pdf\s*PDF.*Periksa berkas\s*bukti\s*ani/);
    await staff.screenshot({ path: `${shots}case-form-documents.png`, fullPage: true });
    await staff.close();
  });
});
