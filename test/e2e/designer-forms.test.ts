// Issue 13 items 1 and 9 in Chromium: a designer draws a task on an empty
// canvas, makes it a user task (the Camunda behaviours give it zeebe:userTask),
// builds its form in the form editor and saves it; the form stays on the task
// (the panel says so, the XML has it), the live check (the server's compiler,
// POST /api/sops/validate) names problems by element name and refreshes after
// each change, the SOP publishes through the real API, a case starts, and staff
// see the form on the task in their inbox and complete it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

describe.skipIf(!hasChromium)(journeyTitle('designer forms and live check'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;
  let admin: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base, adminToken: admin } = ctx);
    await alur.createUser(admin, 'perancang-formulir', ['designer']);
    await alur.createUser(admin, 'petugas-formulir', ['petugas']);
  });
  afterAll(() => ctx?.close());

  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(`${username}-password`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\//);
  }

  it('a form built for a new user task stays on it, publishes, and staff fill it in on the task', async () => {
    const page = await ctx.newPage();
    await logIn(page, 'perancang-formulir');
    await page.goto(`${base}/staf/perancang`);
    await page.getByLabel('Kunci SOP (id proses)').fill('izin-keramaian');
    await page.getByLabel('Nama SOP').fill('Izin Keramaian');
    await page.getByRole('button', { name: 'Diagram baru' }).click();
    await expect.poll(() => page.getByTestId('loaded').textContent()).toBe('baru (izin-keramaian)');
    // A lone start event leads nowhere: said at once, by its id as it has no name.
    await expect.poll(() => page.getByTestId('problem-list').textContent()).toMatch(/galat\s*StartEvent_1/);

    // Start event -> task, named by typing, then changed to a user task.
    await page.locator('.djs-element[data-element-id="StartEvent_1"]').click();
    await page.locator('.djs-context-pad .entry[data-action="append.append-task"]').click();
    await page.keyboard.type('Verifikasi berkas');
    await page.locator('.designer-canvas .djs-container > svg').click({ position: { x: 600, y: 450 } });
    const task = page.locator('.djs-shape[data-element-id^="Activity_"]');
    await task.click();
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    const taskId = (await task.getAttribute('data-element-id'))!;

    // The live check names the task, not its id, and follows each change.
    await expect
      .poll(() => page.getByTestId('problem-list').textContent())
      .toMatch(/galat\s*Verifikasi berkas\s*User task "Verifikasi berkas" has no outgoing sequence flow/);
    expect(await page.getByTestId('problem-list').textContent()).not.toContain(taskId);
    await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
    await expect.poll(() => page.getByTestId('check-summary').textContent()).not.toMatch(/galat/);

    // Formulir -> Buat formulir: one text field, "Nama pemohon" (key nama), saved to the diagram.
    await task.click();
    await page.locator('[data-group-id="group-alur-form"] .bio-properties-panel-group-header').click();
    expect(await page.locator('[data-group-id="group-alur-form"]').textContent()).toContain('Tahap ini belum punya formulir.');
    await page.getByTestId('edit-form').click();
    const editor = page.getByTestId('form-editor');
    const from = (await editor.locator('.fjs-palette-field[data-field-type="textfield"]').boundingBox())!;
    const to = (await editor.locator('.fjs-drop-container-vertical').first().boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 10, from.y + ((to.y + 20 - from.y) * i) / 10);
    await page.mouse.up();
    await expect.poll(() => editor.locator('.fjs-form-field-textfield').count()).toBe(1);
    await editor.locator('.fjs-properties-panel [data-group-id="group-general"] .bio-properties-panel-group-header').click();
    await editor.locator('.fjs-properties-panel [data-entry-id="label"] [contenteditable]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Nama pemohon');
    await editor.locator('.fjs-properties-panel #bio-properties-panel-key').fill('nama');
    await page.waitForTimeout(500); // the editor's input debounce
    await page.getByTestId('save-form').click();
    await expect.poll(() => page.getByTestId('deploy-status').textContent()).toContain('disimpan ke diagram');

    // The panel says the task has its form now (it said there was none, issue 13 item 1).
    await page.getByTestId('checks').getByRole('button', { name: 'Verifikasi berkas' }).click(); // selects the task
    await expect.poll(() => page.locator('[data-group-id="group-alur-form"]').textContent()).toContain(`Formulir tersemat: UserTaskForm_${taskId}`);
    expect(await page.getByTestId('edit-form').textContent()).toBe('Ubah formulir');

    // A candidate group, then publish through the real API.
    await page.locator('[data-group-id="group-assignmentDefinition"] .bio-properties-panel-group-header').click();
    await page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').fill('petugas');
    // The warning that the task has no candidate role goes as soon as it has one.
    await expect.poll(() => page.getByTestId('check-summary').textContent()).toBe('tidak ada masalah');
    await page.screenshot({ path: `${shots}designer-user-task-form.png` });
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await expect.poll(() => page.getByTestId('deploy-status').textContent()).toBe('"Izin Keramaian" versi 1 telah diterbitkan.');
    const xml = (await alur.call('GET', '/api/sops/izin-keramaian/versions/1/xml', { token: admin })).body as string;
    expect(xml).toContain('<zeebe:userTask />');
    expect(xml).toContain(`<zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_${taskId}" />`);
    expect(xml).toMatch(new RegExp(`<zeebe:userTaskForm id="UserTaskForm_${taskId}">[^<]*Nama pemohon`));
    await page.close();

    // A case; staff see the form on the task and complete it.
    const started = await alur.call('POST', '/api/sops/izin-keramaian/instances', { token: admin, json: { variables: {} } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await eventually(() => alur.prisma.task.findFirst({ where: { caseId: started.body.id, elementId: taskId, status: 'open' } }).then((t) => t ?? undefined));
    const inbox = await ctx.newPage();
    await logIn(inbox, 'petugas-formulir');
    await inbox.goto(`${base}/staf/tugas`);
    const card = inbox.getByTestId(`task-${taskId}`);
    await card.getByRole('button', { name: /^Kerjakan/ }).click();
    await card.getByLabel('Nama pemohon').fill('Rudi Hartono');
    await inbox.screenshot({ path: `${shots}inbox-user-task-form.png`, fullPage: true });
    await card.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => inbox.getByTestId('inbox-status').textContent()).toBe('Tugas "Verifikasi berkas" selesai.');
    const done = await eventually(async () => {
      const r = await alur.call('GET', `/api/instances/${started.body.id}`, { token: admin });
      return r.body.status === 'completed' ? r.body : undefined;
    });
    expect(done.variables).toMatchObject({ nama: 'Rudi Hartono' });
    await inbox.close();
  }, 120_000);
});
