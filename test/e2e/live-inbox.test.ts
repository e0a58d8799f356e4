// A live inbox (issue 13, item 2): a petugas has the inbox open; in a second
// browser context a citizen submits a request on a phone; the new task's card
// appears in the first within a few seconds, without a reload, with the
// inbox's 15 s poll kept out of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const form = JSON.stringify({
  id: 'formulir-nama',
  type: 'default',
  components: [{ type: 'textfield', key: 'nama', label: 'Nama lengkap', validate: { required: true } }],
});
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="izin-langsung" name="Izin langsung" isExecutable="true">
    <bpmn:extensionElements><zeebe:userTaskForm id="FormNama">${form.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</zeebe:userTaskForm></bpmn:extensionElements>
    <bpmn:startEvent id="Ajukan"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:FormNama"/></bpmn:extensionElements></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Ajukan" targetRef="Periksa"/>
    <bpmn:userTask id="Periksa" name="Periksa permohonan"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

describe.skipIf(!hasChromium)(journeyTitle('a live inbox'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    alur = ctx.alur;
    await alur.createUser(ctx.adminToken, 'ani', ['petugas']);
    expect((await alur.call('POST', '/api/sops', { token: ctx.adminToken, xml })).status).toBe(201);
  });
  afterAll(() => ctx?.close());

  it("a citizen's request in another browser shows up in the open inbox within seconds, without a reload", async () => {
    const inbox = await ctx.newPage();
    let navigations = 0;
    inbox.on('framenavigated', (f) => {
      if (f === inbox.mainFrame()) navigations++;
    });
    await inbox.goto(`${ctx.base}/masuk`);
    await inbox.getByLabel('Nama pengguna').fill('ani');
    await inbox.getByLabel('Kata sandi').fill('ani-password');
    await inbox.getByRole('button', { name: 'Masuk' }).click();
    await inbox.waitForURL(/\/staf\/tugas$/);
    const inboxAsks: number[] = [];
    inbox.on('request', (r) => {
      if (r.method() === 'GET' && /\/api\/tasks\?/.test(r.url())) inboxAsks.push(Date.now());
    });
    await expect.poll(() => inbox.getByText('Tidak ada tugas', { exact: false }).count()).toBeGreaterThan(0);
    await inbox.screenshot({ path: `${shots}live-inbox-empty.png` });
    const navigationsBefore = navigations;

    // A second browser context: the citizen, on a phone.
    const citizen = await ctx.newPage({ width: 390, height: 844 });
    await citizen.goto(`${ctx.base}/layanan/izin-langsung`);
    const request = citizen.getByTestId('start-request');
    await request.getByLabel('Nama lengkap').fill('Siti Aminah');
    // From here the poll (and a focus) cannot refresh the inbox: it asks only while the page is visible.
    // Only the live event can bring the card in.
    await inbox.evaluate("Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })");
    const submitted = Date.now();
    await request.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect.poll(() => citizen.getByTestId('tracking-code').count(), { timeout: 10_000 }).toBe(1);

    await expect.poll(() => inbox.getByTestId('task-Periksa').count(), { timeout: 6_000, interval: 100 }).toBe(1);
    const seenAfter = Date.now() - submitted;
    expect(seenAfter).toBeLessThan(6_000);
    expect(navigations).toBe(navigationsBefore); // no reload
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    expect(await inbox.getByTestId('task-Periksa').textContent()).toContain(code);
    await inbox.screenshot({ path: `${shots}live-inbox-arrived.png` });
    console.log(`[live inbox] the card showed ${seenAfter} ms after the citizen pressed submit`);
  });
});
