// Issue 13's "Done when" as one journey in headless Chromium against the real
// system (API, worker, Temporal dev server, PostgreSQL), from an empty install,
// in Bahasa Indonesia, driven by clicks and typing:
// - the admin sets the office up in the web app: a UPT with its roles, two
//   staff members, a supervisor, an auditor, a designer and a leave day;
// - the designer draws the SOP: a start form with a file picker and a user
//   task with a form, both built in the form editor (item 1), a gateway with
//   FEEL conditions, end events with the citizen's outcome (item 7), the UPT as
//   the handling unit (item 2); the live check agrees with publishing (item 9);
// - a citizen on a phone submits with a KTP scan (item 3); the staff member's
//   open inbox shows the card, naming the case, without a reload (items 4, 5);
//   a colleague's card says who took it; the supervisor sees it on the team
//   page; the staff member completes it with the case data in front of them;
// - a second request is rejected and the citizen reads why (item 7);
// - the auditor lands on the audit page (item 10) and the SOP's weekly figures
//   fall in this week in Asia/Jakarta (item 6).
// No English on the Indonesian pages on the way (item 8). Screenshots go to
// test/e2e/screenshots/day-one-*.png.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const YEAR = new Date().getFullYear();
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(24 * 1024, 5)]);
/** Words that would mean an untranslated text on an Indonesian page. */
const ENGLISH = /\b(Field is required|Submit|Browse|Claim|Complete task|No tasks|Loading|Error|Warning)\b/;

const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}day-one-${name}.png`, fullPage: true });
const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

/** The Monday (YYYY-MM-DD) of the week `at` falls in, in Asia/Jakarta (UTC+7, no DST). */
function mondayInJakarta(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const back = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back)).toISOString().slice(0, 10);
}

describe.skipIf(!hasChromium)(journeyTitle('day one at a real office'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    ({ alur, base } = ctx);
  });
  afterAll(() => ctx?.close());
  // A failed step leaves a picture of every open page (day-one-failed-N.png).
  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    const pages = ctx.browser.contexts().flatMap((c) => c.pages());
    for (const [i, page] of pages.entries()) await shot(page, `failed-${i}`).catch(() => undefined);
  });

  async function logIn(page: Page, username: string, password: string, landing: RegExp = /\/staf\//): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(landing);
  }

  /** Opens a properties panel group unless it is open already (a click on an open one closes it). */
  async function openGroup(scope: Page | Locator, id: string): Promise<void> {
    const group = scope.locator(`[data-group-id="${id}"]`).first();
    await group.waitFor();
    if ((await group.locator('.bio-properties-panel-group-entries.open').count()) === 0) await group.locator('.bio-properties-panel-group-header').click();
  }

  /** Drags a form-js palette field into the form being edited, then names it (label and key) in the editor's panel. */
  async function addField(page: Page, editor: Locator, type: string, label: string, key: string, first: boolean, required = false): Promise<void> {
    const fields = editor.locator(`.fjs-form-field-${type}`);
    const before = await fields.count();
    // A drag can be lost on a busy machine: try again (at most three times) until the field is there.
    for (let attempt = 0; attempt < 3 && (await fields.count()) === before; attempt++) {
      const from = (await editor.locator(`.fjs-palette-field[data-field-type="${type}"]`).boundingBox())!;
      // Into the empty form's drop area, or just below the form's last field.
      const to = (await editor
        .locator(first ? '.fjs-drop-container-vertical' : '.fjs-editor-container .fjs-layout-row')
        .last()
        .boundingBox())!;
      const target = first ? { x: to.x + to.width / 2, y: to.y + 20 } : { x: to.x + to.width / 2, y: to.y + to.height + 25 };
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 5, from.y + from.height / 2 + 5);
      await page.mouse.move(target.x, target.y, { steps: 15 });
      await page.waitForTimeout(200);
      await page.mouse.up();
      await page.waitForTimeout(300);
    }
    await expect.poll(() => fields.count()).toBe(before + 1);
    const panel = editor.locator('.fjs-properties-panel');
    await openGroup(panel, 'group-general');
    await panel.locator('[data-entry-id="label"] [contenteditable]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(label);
    await panel.locator('#bio-properties-panel-key').fill(key);
    await page.waitForTimeout(400); // the editor's input debounce
    if (required) {
      await openGroup(panel, 'group-validation');
      await panel.locator('[data-entry-id="required"] input[type="checkbox"]').check();
    }
  }

  /** Selects a diagram element by clicking it on the canvas. */
  async function select(page: Page, id: string): Promise<void> {
    const selected = page.locator(`.djs-element.selected[data-element-id="${id}"]`);
    for (let attempt = 0; attempt < 5 && !(await selected.count()); attempt++) {
      await page.locator(`.djs-element[data-element-id="${id}"]`).click();
      await page.waitForTimeout(150);
    }
    expect(await selected.count(), `${id} selected`).toBe(1);
  }
  /** The id of the element that is selected now. */
  const selectedId = (page: Page) => page.locator('.djs-element.selected').first().getAttribute('data-element-id');

  /** Types an expression into a FEEL field of the properties panel (a CodeMirror editor). */
  async function typeFeel(page: Page, entryId: string, text: string): Promise<void> {
    await page.locator(`[data-entry-id="${entryId}"] [contenteditable]`).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
    await page.waitForTimeout(400);
  }

  it('an empty install becomes a working office in a day, through the web app', async () => {
    // ---- The admin sets the office up (Bahasa Indonesia, the default). ----
    expect(await alur.prisma.unit.count()).toBe(0);
    expect(await alur.prisma.sopVersion.count()).toBe(0);
    const admin = await ctx.newPage(DESKTOP);
    await logIn(admin, 'admin', ADMIN_PASSWORD);
    expect(await admin.locator('html').getAttribute('lang')).toBe('id');
    await admin.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Administrasi' }).click();
    await admin.waitForURL(/\/staf\/admin\/pengguna$/);
    const status = admin.getByTestId('admin-status');
    const newUser = admin.getByTestId('new-user');
    const people = [
      ['siti', 'siti-sandi-2026', []],
      ['budi', 'budi-sandi-2026', []],
      ['kepala', 'kepala-sandi-2026', ['Pengawas (halaman Tim saya)']],
      ['inspektur', 'inspektur-sandi-2026', ['Auditor (hanya membaca)']],
      ['perancang', 'perancang-sandi-2026', ['Perancang SOP']],
    ] as const;
    const passwordOf = Object.fromEntries(people.map(([u, p]) => [u, p]));
    for (const [username, password, roles] of people) {
      await newUser.getByLabel('Nama pengguna').fill(username);
      await newUser.getByLabel('Kata sandi awal').fill(password);
      for (const role of roles) await newUser.getByLabel(role).check();
      await newUser.getByRole('button', { name: 'Buat pengguna' }).click();
      await expect.poll(() => status.textContent()).toBe(`Pengguna ${username} dibuat.`);
    }

    const adminNav = admin.getByRole('navigation', { name: 'Bagian administrasi' });
    await adminNav.getByRole('link', { name: 'Unit kerja' }).click();
    const newUnit = admin.getByTestId('new-unit');
    await newUnit.getByLabel('Nama unit').fill('Dinas Kesehatan');
    await newUnit.getByLabel('Kode unit').fill('dinkes');
    await newUnit.getByLabel('Jenis unit').selectOption('opd');
    await newUnit.getByRole('button', { name: 'Buat unit' }).click();
    await expect.poll(() => status.textContent()).toBe('Unit Dinas Kesehatan dibuat.');
    await newUnit.getByLabel('Unit induk').selectOption('dinkes');
    await newUnit.getByLabel('Nama unit').fill('UPT Puskesmas Sukamaju');
    await newUnit.getByLabel('Kode unit').fill('upt-sukamaju');
    await newUnit.getByLabel('Jenis unit').selectOption('upt');
    await newUnit.getByRole('button', { name: 'Buat unit' }).click();
    await expect.poll(() => status.textContent()).toBe('Unit UPT Puskesmas Sukamaju dibuat.');

    await admin.getByTestId('unit-tree').getByRole('link', { name: 'UPT Puskesmas Sukamaju' }).click();
    await admin.waitForURL(/\/staf\/admin\/unit\/upt-sukamaju$/);
    const newRole = admin.getByTestId('new-role');
    for (const [role, name, supervisor] of [
      ['petugas', 'Petugas loket', false],
      ['kepala', 'Kepala UPT', true],
    ] as const) {
      await newRole.getByLabel('Peran', { exact: true }).fill(role);
      await newRole.getByLabel('Nama tampilan').fill(name);
      if (supervisor) await newRole.getByLabel('Peran pengawas').check();
      await newRole.getByRole('button', { name: 'Tambah peran' }).click();
      await expect.poll(() => status.textContent()).toBe(`Peran ${role} ditambahkan.`);
    }
    const newStaff = admin.getByTestId('new-staff');
    for (const [username, role] of [
      ['siti', 'petugas'],
      ['budi', 'petugas'],
      ['kepala', 'kepala'],
    ] as const) {
      await newStaff.getByLabel('Pengguna').selectOption(username);
      await newStaff.getByLabel('Peran').selectOption(role);
      await newStaff.getByRole('button', { name: 'Berikan peran' }).click();
      await expect.poll(() => status.textContent()).toBe(`${username} sekarang memegang peran ${role} di unit ini.`);
    }
    await expect.poll(() => admin.getByTestId('supervisors').textContent()).toContain('kepala');
    await shot(admin, 'admin-unit-1366-id');

    await adminNav.getByRole('link', { name: 'Kalender kerja' }).click();
    await admin.waitForURL(/\/staf\/admin\/kalender$/);
    await admin.getByLabel('Berlaku untuk').selectOption('dinkes');
    const leave = admin.getByTestId('new-leave-day');
    await leave.getByLabel('Tanggal').fill(`24/12/${YEAR}`);
    await leave.getByLabel('Keterangan').fill('Cuti bersama Natal');
    await leave.getByLabel('Jenis').selectOption('cuti-bersama');
    await leave.getByRole('button', { name: 'Tambah hari libur' }).click();
    await expect.poll(() => status.textContent()).toBe('Hari libur "Cuti bersama Natal" ditambahkan.');
    await admin.context().close();

    // ---- The designer draws the SOP and publishes it. ----
    const designer = await ctx.newPage(DESKTOP);
    await logIn(designer, 'perancang', passwordOf.perancang!);
    await designer.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Perancang proses' }).click();
    await designer.waitForURL(/\/staf\/perancang/);
    await designer.getByLabel('Kunci SOP (id proses)').fill('izin-praktik');
    await designer.getByLabel('Nama SOP').fill('Izin Praktik Bidan');
    await designer.getByRole('button', { name: 'Diagram baru' }).click();
    await expect.poll(() => designer.getByTestId('loaded').textContent()).toBe('baru (izin-praktik)');
    const editor = designer.getByTestId('form-editor');

    // The start form: the applicant's name and a file picker for the KTP scan.
    await select(designer, 'StartEvent_1');
    await openGroup(designer, 'group-alur-form');
    await designer.getByTestId('edit-form').click();
    await addField(designer, editor, 'textfield', 'Nama lengkap', 'nama', true, true);
    await addField(designer, editor, 'filepicker', 'Scan KTP', 'ktp', false, true);
    await designer.getByTestId('save-form').click();
    await expect.poll(() => designer.getByTestId('deploy-status').textContent()).toContain('disimpan ke diagram');

    // Start -> user task "Periksa berkas" for the petugas, with its form.
    await select(designer, 'StartEvent_1');
    await designer.locator('.djs-context-pad .entry[data-action="append.append-task"]').click();
    await designer.keyboard.type('Periksa berkas');
    await designer.locator('.designer-canvas .djs-container > svg').click({ position: { x: 900, y: 600 } });
    const task = designer.locator('.djs-shape[data-element-id^="Activity_"]');
    await task.click();
    await designer.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await designer.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    const taskId = (await task.getAttribute('data-element-id'))!;
    await openGroup(designer, 'group-assignmentDefinition');
    await designer.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').fill('petugas');
    await openGroup(designer, 'group-alur');
    await designer.locator('#bio-properties-panel-alur-sla').fill('3 hari kerja'); // what the audit measures
    await openGroup(designer, 'group-alur-form');
    await designer.getByTestId('edit-form').click();
    await addField(designer, editor, 'checkbox', 'Berkas lengkap', 'lengkap', true);
    await addField(designer, editor, 'textfield', 'Alasan penolakan', 'alasan', false);
    await designer.getByTestId('save-form').click();
    await expect.poll(() => designer.getByTestId('deploy-status').textContent()).toContain('disimpan ke diagram');

    // Task -> gateway -> two end events, each with the outcome the citizen is told.
    await select(designer, taskId);
    await designer.locator('.djs-context-pad .entry[data-action="append.gateway"]').click();
    const gatewayId = (await selectedId(designer))!;
    const ends: Record<'granted' | 'refused', string> = { granted: '', refused: '' };
    for (const [which, name] of [
      ['granted', 'Izin terbit'],
      ['refused', 'Permohonan ditolak'],
    ] as const) {
      await select(designer, gatewayId);
      await designer.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
      ends[which] = (await selectedId(designer))!;
      await designer.keyboard.type(name);
      await designer.locator('.designer-canvas .djs-container > svg').click({ position: { x: 60, y: 600 } });
    }
    for (const [which, outcome, message] of [
      ['granted', 'selesai', 'Izin praktik Anda terbit; ambil di loket UPT.'],
      ['refused', 'ditolak', '=alasan'],
    ] as const) {
      await select(designer, ends[which]);
      await openGroup(designer, 'group-alur');
      await designer.getByLabel('Hasil bagi pemohon').selectOption(outcome);
      await designer.getByLabel('Pesan hasil').fill(message);
      await designer.waitForTimeout(400);
    }
    // The two flows out of the gateway: the live check lists both ("without a condition"); a click on
    // one selects it, and where it ends on the canvas says which end event it leads to.
    const condition = { granted: 'lengkap = true', refused: 'lengkap != true' };
    for (let n = 0; n < 2; n++) {
      const listed = designer.getByTestId('problem-list').getByRole('button', { name: /^Flow_/ });
      await expect.poll(() => listed.count()).toBe(2 - n);
      const flowId = (await listed.first().textContent())!.trim();
      await listed.first().click();
      await expect.poll(() => selectedId(designer)).toBe(flowId);
      const line = (await designer.locator(`.djs-connection[data-element-id="${flowId}"]`).boundingBox())!;
      const centre = async (id: string) => {
        const box = (await designer.locator(`.djs-shape[data-element-id="${id}"]`).boundingBox())!;
        return box.y + box.height / 2;
      };
      const bottom = line.y + line.height;
      const which = Math.abs((await centre(ends.granted)) - bottom) < Math.abs((await centre(ends.refused)) - bottom) ? 'granted' : 'refused';
      await openGroup(designer, 'group-condition');
      await typeFeel(designer, 'conditionExpression', condition[which]);
      // The live check stops naming the flow once it has its condition.
      await expect.poll(() => designer.getByTestId('checks').textContent()).not.toContain(flowId);
    }

    // The handling unit of every request: the process's Alur attribute (item 2).
    await designer.locator('.designer-canvas .djs-container > svg').click({ position: { x: 500, y: 30 } });
    await openGroup(designer, 'group-alur');
    await designer.getByLabel('Unit', { exact: true }).fill('upt-sukamaju');
    await designer.waitForTimeout(400);

    // The designer's own texts follow the page's language, at once, Alur's panel group included (item 8).
    const panel = designer.locator('.designer-panel');
    const groupTitle = (id: string) => panel.locator(`[data-group-id="${id}"] .bio-properties-panel-group-header-title`).textContent();
    expect(await groupTitle('group-general')).toBe('Umum');
    expect(await groupTitle('group-alur')).toBe('SOP Alur');
    expect(await panel.locator('.bio-properties-panel-header-type').textContent()).toBe('Proses');
    expect(await designer.locator('.djs-palette [data-action="create.start-event"]').getAttribute('aria-label')).toBe('Buat peristiwa awal');
    await designer.locator('button.lang-button[lang="en"]').click();
    await expect.poll(() => groupTitle('group-alur')).toBe('Alur SOP');
    expect(await groupTitle('group-general')).toBe('General');
    expect(await panel.locator('.bio-properties-panel-header-type').textContent()).toBe('Process');
    expect(await designer.locator('.djs-palette [data-action="create.start-event"]').getAttribute('aria-label')).toBe('Create start event');
    await designer.locator('button.lang-button[lang="id"]').click();
    await expect.poll(() => groupTitle('group-alur')).toBe('SOP Alur');
    expect(await groupTitle('group-general')).toBe('Umum');

    // The live check (the compiler's own answer) has no error left; publishing agrees (item 9).
    // A file picker on the start form is no warning: the API stores its files as case documents.
    await expect.poll(() => designer.getByTestId('check-summary').textContent()).toBe('tidak ada masalah');
    await shot(designer, 'designer-1366-id');
    expect(await designer.locator('main').textContent()).not.toMatch(ENGLISH);
    await designer.getByRole('button', { name: 'Terbitkan' }).click();
    await expect.poll(() => designer.getByTestId('deploy-status').textContent()).toBe('"Izin Praktik Bidan" versi 1 telah diterbitkan.');
    await designer.context().close();

    // ---- Staff open their inboxes; a citizen submits on a phone with a KTP scan. ----
    const siti = await ctx.newPage(DESKTOP);
    await logIn(siti, 'siti', passwordOf.siti!, /\/staf\/tugas$/);
    let reloads = 0;
    siti.on('framenavigated', (f) => {
      if (f === siti.mainFrame()) reloads++;
    });
    await expect.poll(() => siti.getByText('Tidak ada tugas', { exact: false }).count()).toBeGreaterThan(0);
    const budi = await ctx.newPage(DESKTOP);
    await logIn(budi, 'budi', passwordOf.budi!, /\/staf\/tugas$/);

    async function submit(name: string, shotName?: string): Promise<string> {
      const citizen = await ctx.newPage(PHONE);
      await citizen.goto(`${base}/layanan/izin-praktik`);
      const form = citizen.getByTestId('start-request');
      await form.getByRole('button', { name: 'Kirim permohonan' }).click();
      await expect.poll(() => form.getByText('Wajib diisi.').count()).toBe(2); // form-js's own message, in Bahasa Indonesia
      await form.getByLabel('Nama lengkap').fill(name);
      await form.getByLabel('Scan KTP').setInputFiles({ name: `KTP ${name}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
      expect(await fitsWidth(citizen)).toBe(true);
      expect(await citizen.locator('main').textContent()).not.toMatch(ENGLISH);
      if (shotName) await shot(citizen, shotName);
      await form.getByRole('button', { name: 'Kirim permohonan' }).click();
      await expect.poll(() => citizen.getByTestId('tracking-code').count()).toBe(1);
      const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
      await citizen.context().close();
      return code;
    }

    const first = await submit('Siti Aminah', 'citizen-form-390-id');
    const firstCase = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode: first } });
    expect((await alur.prisma.unit.findUniqueOrThrow({ where: { id: firstCase.unitId! } })).code).toBe('upt-sukamaju'); // item 2: the request reached the UPT
    const docs = await alur.prisma.caseDocument.findMany({ where: { caseId: firstCase.id } });
    expect(docs.map((d) => [d.fileName, d.field])).toEqual([['KTP Siti Aminah.jpg', 'ktp']]); // item 3

    // The card arrives in the open inbox without a reload, naming the case (items 4, 5).
    const card = siti.getByTestId(`task-${taskId}`);
    await expect.poll(() => card.count()).toBe(1);
    expect(reloads).toBe(0);
    expect(await card.getByTestId('task-case').textContent()).toContain(first);
    expect(await card.getByTestId('task-case').textContent()).toContain('Izin Praktik Bidan');
    await expect.poll(() => budi.getByTestId(`task-${taskId}`).count()).toBe(1); // the colleague's open inbox too
    await card.getByRole('button', { name: /^Ambil/ }).click();
    await expect.poll(() => card.textContent()).toContain('Diambil oleh siti');
    // Once siti has it, budi's inbox no longer offers it, without a reload either.
    await expect.poll(() => budi.getByTestId(`task-${taskId}`).count()).toBe(0);
    await shot(siti, 'inbox-claimed-1366-id');

    // The supervisor sees the task and who holds it on the team page.
    const kepala = await ctx.newPage(PHONE);
    await logIn(kepala, 'kepala', passwordOf.kepala!);
    await kepala.getByRole('link', { name: 'Tim saya' }).click();
    const teamTask = kepala.getByTestId(`team-task-${taskId}-${first}`);
    await expect.poll(() => teamTask.count()).toBe(1);
    expect(await teamTask.getByTestId('holder').textContent()).toBe('siti');
    expect(await fitsWidth(kepala)).toBe(true);
    await shot(kepala, 'team-390-id');
    await kepala.context().close();

    // Siti completes it through its form, the applicant's data in front of her.
    // The case behind the card: the applicant's data and the KTP scan; then back to the inbox.
    await card.getByRole('link', { name: /^Lihat kasus/ }).click();
    await siti.waitForURL(new RegExp(`/staf/kasus/${firstCase.id}$`));
    const caseTab = siti;
    await expect.poll(() => caseTab.locator('main').textContent()).toContain('Siti Aminah');
    await expect
      .poll(() => caseTab.getByTestId('case-documents').getByTestId('document-row').allTextContents())
      .toEqual([expect.stringMatching(/KTP Siti Aminah\.jpg\s*JPEG.*ktp\s*Pemohon/)]);
    await shot(caseTab, 'case-1366-id');
    await siti.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kotak tugas' }).click();
    await card.getByRole('button', { name: /^Kerjakan/ }).click();
    const taskForm = siti.getByRole('form', { name: 'Formulir tugas Periksa berkas' });
    await taskForm.getByLabel('Berkas lengkap').check();
    await shot(siti, 'task-form-1366-id');
    await taskForm.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => siti.getByTestId('inbox-status').textContent()).toBe('Tugas "Periksa berkas" selesai.');

    // A walk-in applicant: the head of the UPT starts the case by hand with the same start form, KTP scan included.
    // (An account whose roles are all in units must name the unit in the body, which a multipart start cannot
    // carry yet; the head also holds the global supervisor role.)
    const desk = await ctx.newPage(DESKTOP);
    await logIn(desk, 'kepala', passwordOf.kepala!);
    await desk.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Daftar SOP' }).click();
    await desk.getByRole('link', { name: 'Izin Praktik Bidan' }).first().click();
    await desk.waitForURL(/\/staf\/sop\/izin-praktik$/);
    const walkIn = desk.getByTestId('staff-start-form');
    await walkIn.getByRole('button', { name: 'Mulai kasus' }).click();
    await expect.poll(() => walkIn.getByText('Wajib diisi.').count()).toBe(2);
    await walkIn.getByLabel('Nama lengkap').fill('Dewi Lestari');
    await walkIn.getByLabel('Scan KTP').setInputFiles({ name: 'KTP Dewi.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await expect.poll(() => walkIn.getByText('Periksa isian yang ditandai.').count()).toBe(0); // not left from the empty submit
    await shot(desk, 'staff-start-1366-id');
    await walkIn.getByRole('button', { name: 'Mulai kasus' }).click();
    await expect.poll(() => desk.locator('main').textContent()).toMatch(/Kasus dimulai dengan kode pelacakan [A-Z0-9-]{14}/);
    const walkInCase = await alur.prisma.case.findFirstOrThrow({ where: { variables: { path: ['nama'], equals: 'Dewi Lestari' } } });
    expect(await alur.prisma.caseDocument.findMany({ where: { caseId: walkInCase.id }, select: { fileName: true, field: true, uploadedBy: true } })).toEqual([
      { fileName: 'KTP Dewi.jpg', field: 'ktp', uploadedBy: 'kepala' },
    ]);
    await desk.context().close();

    // ---- A second request, refused by budi with a reason (item 7). ----
    const second = await submit('Rudi Hartono');
    const budiCard = budi.getByTestId(`task-${taskId}`).filter({ hasText: second }); // beside the walk-in's
    await expect.poll(() => budiCard.count()).toBe(1);
    await budiCard.getByRole('button', { name: /^Kerjakan/ }).click();
    const budiForm = budi.getByRole('form', { name: 'Formulir tugas Periksa berkas' });
    await budiForm.getByLabel('Alasan penolakan').fill('Scan KTP tidak terbaca; ajukan lagi dengan scan yang jelas.');
    await budiForm.getByRole('button', { name: 'Selesaikan tugas' }).click();
    await expect.poll(() => budi.getByTestId('inbox-status').textContent()).toBe('Tugas "Periksa berkas" selesai.');
    await siti.context().close();
    await budi.context().close();

    // ---- The citizens track their requests. ----
    const tracker = await ctx.newPage(PHONE);
    await tracker.goto(`${base}/lacak/${first}`);
    await expect.poll(() => tracker.getByTestId('outcome-badge').textContent()).toBe('Selesai');
    expect(await tracker.getByTestId('outcome-message').textContent()).toContain('Izin praktik Anda terbit');
    await tracker.goto(`${base}/lacak/${second}`);
    await expect.poll(() => tracker.getByTestId('outcome-badge').textContent()).toBe('Ditolak');
    expect(await tracker.getByTestId('outcome-message').textContent()).toContain('Scan KTP tidak terbaca');
    expect((await tracker.getByTestId('next-step').textContent())!.length).toBeGreaterThan(0);
    expect(await fitsWidth(tracker)).toBe(true);
    expect(await tracker.locator('main').textContent()).not.toMatch(ENGLISH);
    await shot(tracker, 'track-refused-390-id');
    await tracker.context().close();

    // ---- The auditor lands on the audit page; this week's figures are in this week (items 6, 10). ----
    const auditor = await ctx.newPage(PHONE);
    await logIn(auditor, 'inspektur', passwordOf.inspektur!, /\/staf\/audit$/);
    await auditor.getByTestId('per-sop-table').getByRole('link', { name: 'Izin Praktik Bidan' }).click();
    await auditor.waitForURL(/\/staf\/audit\/sop\/izin-praktik$/);
    const week = mondayInJakarta(new Date());
    await expect.poll(() => auditor.getByTestId('trend-table').locator('time').first().getAttribute('datetime')).toBe(week);
    expect(await fitsWidth(auditor)).toBe(true);
    await shot(auditor, 'audit-sop-390-id');
    await auditor.context().close();
  }, 300_000);
});
