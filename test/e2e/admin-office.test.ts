// Setting an office up entirely through the web app's administration area, in
// headless Chromium against the real system: from an empty install the admin
// logs in, creates the unit tree (an OPD and a UPT under it), the UPT's roles,
// two staff members and a unit supervisor, a business calendar with a leave
// day, and a deviation webhook; forms refuse bad input at the field, in the
// page's language or with the server's words. Then a staff member logs in and
// sees the unit they belong to, the supervisor sees it on the team page, and
// neither sees the administration area. Every admin screen is photographed at
// 390 px and 1366 px in both languages (ALUR_E2E_SHOTS, default /tmp/alur-admin-shots).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, type TestAlur } from '../support/alur';
import { hasChromium, journeyTitle, startAlurInBrowser, type AlurInBrowser } from './browser';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const shots = `${process.env.ALUR_E2E_SHOTS ?? '/tmp/alur-admin-shots'}/`;
const YEAR = new Date().getFullYear();

describe.skipIf(!hasChromium)(journeyTitle('an admin sets an office up'), () => {
  let alur: TestAlur;
  let ctx: AlurInBrowser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ctx = await startAlurInBrowser();
    ({ alur, base } = ctx);
  });
  afterAll(() => ctx?.close());

  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${base}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/staf\//);
  }
  const status = (page: Page) => page.getByTestId('admin-status');

  it('the admin sets up units, roles, staff, a supervisor, a calendar and a webhook through the web app', async () => {
    expect(await alur.prisma.unit.count()).toBe(0);
    expect(await alur.prisma.user.count()).toBe(1); // the admin only
    const page = await ctx.newPage(DESKTOP);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Administrasi' }).click();
    await page.waitForURL(/\/staf\/admin\/pengguna$/);

    // Users: the form's own checks, then the server's, each at its field.
    const newUser = page.getByTestId('new-user');
    await newUser.getByLabel('Nama pengguna').fill('s');
    await newUser.getByLabel('Kata sandi awal').fill('pendek');
    await newUser.getByRole('button', { name: 'Buat pengguna' }).click();
    await expect.poll(() => newUser.locator('#new-username-problem').textContent()).toContain('2–64 huruf');
    expect(await newUser.locator('#new-password-problem').textContent()).toContain('minimal 10 karakter');
    expect(await newUser.getByLabel('Nama pengguna').getAttribute('aria-invalid')).toBe('true');
    await newUser.getByLabel('Nama pengguna').fill('siti');
    await newUser.getByLabel('Kata sandi awal').fill('password123'); // long enough, but a common password: the server refuses
    await newUser.getByRole('button', { name: 'Buat pengguna' }).click();
    await expect.poll(() => newUser.locator('#new-password-problem').textContent()).toContain('terlalu umum'); // the API's reason, in the page's language
    expect(await newUser.getByRole('alert').textContent()).toBe('Periksa isian yang ditandai.');
    await page.screenshot({ path: `${shots}journey-user-refused-1366-id.png`, fullPage: true });

    const people = [
      ['siti', 'siti-sandi-2026', []],
      ['budi', 'budi-sandi-2026', []],
      ['kepala', 'kepala-sandi-2026', ['Pengawas (halaman Tim saya)']],
    ] as const;
    for (const [username, password, roles] of people) {
      await newUser.getByLabel('Nama pengguna').fill(username);
      await newUser.getByLabel('Kata sandi awal').fill(password);
      for (const role of roles) await newUser.getByLabel(role).check();
      await newUser.getByRole('button', { name: 'Buat pengguna' }).click();
      await expect.poll(() => status(page).textContent()).toBe(`Pengguna ${username} dibuat.`);
    }
    await newUser.getByLabel('Nama pengguna').fill('budi');
    await newUser.getByLabel('Kata sandi awal').fill('budi-sandi-lain-1');
    await newUser.getByRole('button', { name: 'Buat pengguna' }).click();
    await expect.poll(() => newUser.locator('#new-username-problem').textContent()).toBe('Nama pengguna budi sudah dipakai; pilih nama lain.');
    await newUser.getByLabel('Nama pengguna').fill('');
    await newUser.getByLabel('Kata sandi awal').fill('');
    await expect.poll(() => page.getByTestId('user-kepala').textContent()).toContain('supervisor');

    // The unit tree: an OPD, then a UPT under it.
    await page.getByRole('navigation', { name: 'Bagian administrasi' }).getByRole('link', { name: 'Unit kerja' }).click();
    await page.waitForURL(/\/staf\/admin\/unit$/);
    const newUnit = page.getByTestId('new-unit');
    await newUnit.getByLabel('Nama unit').fill('Dinas Kesehatan');
    await newUnit.getByLabel('Kode unit').fill('Dinas Kesehatan');
    await newUnit.getByRole('button', { name: 'Buat unit' }).click();
    await expect.poll(() => newUnit.locator('#unit-code-problem').textContent()).toContain('huruf kecil');
    await newUnit.getByLabel('Kode unit').fill('dinkes');
    await newUnit.getByLabel('Jenis unit').selectOption('opd');
    await newUnit.getByRole('button', { name: 'Buat unit' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Unit Dinas Kesehatan dibuat.');
    await newUnit.getByLabel('Unit induk').selectOption('dinkes');
    await newUnit.getByLabel('Nama unit').fill('UPT Puskesmas A');
    await newUnit.getByLabel('Kode unit').fill('upt-puskesmas-a');
    await newUnit.getByLabel('Jenis unit').selectOption('upt');
    await newUnit.getByRole('button', { name: 'Buat unit' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Unit UPT Puskesmas A dibuat.');
    // The UPT sits under the OPD, indented.
    await expect
      .poll(() => page.getByTestId('unit-tree').locator('li').allTextContents())
      .toEqual([expect.stringContaining('Dinas Kesehatan'), expect.stringContaining('UPT Puskesmas A')]);
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('[data-testid="unit-upt-puskesmas-a"]')).paddingLeft`)).not.toBe('0px');

    // The UPT's roles, its staff and its supervisor.
    await page.getByTestId('unit-tree').getByRole('link', { name: 'UPT Puskesmas A' }).click();
    await page.waitForURL(/\/staf\/admin\/unit\/upt-puskesmas-a$/);
    await expect.poll(() => page.getByTestId('unit-heading').textContent()).toContain('UPT Puskesmas A');
    const newRole = page.getByTestId('new-role');
    await newRole.getByRole('button', { name: 'Tambah peran' }).click();
    await expect.poll(() => newRole.locator('#role-code-problem').textContent()).toBe('Isi nama peran.');
    await newRole.getByLabel('Peran', { exact: true }).fill('petugas');
    await newRole.getByLabel('Nama tampilan').fill('Petugas loket');
    await newRole.getByRole('button', { name: 'Tambah peran' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Peran petugas ditambahkan.');
    await newRole.getByLabel('Peran', { exact: true }).fill('kepala');
    await newRole.getByLabel('Nama tampilan').fill('Kepala UPT');
    await newRole.getByLabel('Peran pengawas').check();
    await newRole.getByRole('button', { name: 'Tambah peran' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Peran kepala ditambahkan.');
    await newRole.getByLabel('Peran', { exact: true }).fill('petugas');
    await newRole.getByRole('button', { name: 'Tambah peran' }).click();
    await expect.poll(() => newRole.locator('#role-code-problem').textContent()).toBe('Unit ini sudah punya peran petugas.');

    const newStaff = page.getByTestId('new-staff');
    for (const [username, role] of [
      ['siti', 'petugas'],
      ['budi', 'petugas'],
      ['kepala', 'kepala'],
    ] as const) {
      await newStaff.getByLabel('Pengguna').selectOption(username);
      await newStaff.getByLabel('Peran').selectOption(role);
      await newStaff.getByRole('button', { name: 'Berikan peran' }).click();
      await expect.poll(() => status(page).textContent()).toBe(`${username} sekarang memegang peran ${role} di unit ini.`);
    }
    await expect.poll(() => page.getByTestId('supervisors').textContent()).toContain('kepala');
    expect(await page.getByTestId('staff-petugas-siti').count()).toBe(1);
    expect(await page.getByTestId('staff-petugas-budi').count()).toBe(1);
    await page.screenshot({ path: `${shots}journey-unit-1366-id.png`, fullPage: true });

    // A business calendar for the OPD (the UPT inherits it): Saturday morning hours and a leave day.
    await page.getByRole('navigation', { name: 'Bagian administrasi' }).getByRole('link', { name: 'Kalender kerja' }).click();
    await page.waitForURL(/\/staf\/admin\/kalender$/);
    await page.getByLabel('Berlaku untuk').selectOption('dinkes');
    await expect.poll(() => page.getByLabel('Senin').inputValue()).toBe('07:30-12:00, 13:00-16:00');
    const hours = page.getByTestId('calendar-hours');
    await hours.getByLabel('Sabtu').fill('8-12');
    await hours.getByRole('button', { name: 'Simpan jam kerja' }).click();
    await expect.poll(() => hours.locator('#hours-6-problem').textContent()).toContain('JJ:MM-JJ:MM');
    await hours.getByLabel('Sabtu').fill('08:00-12:00');
    await hours.getByRole('button', { name: 'Simpan jam kerja' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Jam kerja disimpan.');
    const leave = page.getByTestId('new-leave-day');
    await leave.getByLabel('Tanggal').fill(`31/02/${YEAR}`);
    await leave.getByRole('button', { name: 'Tambah hari libur' }).click();
    await expect.poll(() => leave.locator('#leave-date-problem').textContent()).toContain('HH/BB/TTTT');
    await leave.getByLabel('Tanggal').fill(`24/12/${YEAR}`);
    expect(await leave.locator('#leave-date-words').textContent()).toMatch(/24 Des/);
    await leave.getByLabel('Keterangan').fill('Cuti bersama Natal');
    await leave.getByLabel('Jenis').selectOption('cuti-bersama');
    await leave.getByRole('button', { name: 'Tambah hari libur' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Hari libur "Cuti bersama Natal" ditambahkan.');
    await expect.poll(() => page.getByTestId('leave-days').textContent()).toContain('Cuti bersama Natal');
    await page.setViewportSize(PHONE);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}journey-calendar-390-id.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    // The UPT inherits both.
    await page.getByLabel('Berlaku untuk').selectOption('upt-puskesmas-a');
    await expect.poll(() => page.getByText('Diwarisi dari unit di atasnya (1)').count()).toBe(1);
    expect(await page.getByLabel('Sabtu').inputValue()).toBe('08:00-12:00');

    // A deviation webhook.
    await page.getByRole('navigation', { name: 'Bagian administrasi' }).getByRole('link', { name: 'Webhook' }).click();
    await page.waitForURL(/\/staf\/admin\/webhook$/);
    const hook = page.getByTestId('new-webhook');
    await hook.getByLabel('URL').fill('https://lapor.example.go.id/alur/penyimpangan');
    await hook.getByLabel('Rahasia bersama').fill('terlalu-pendek');
    await hook.getByRole('button', { name: 'Daftarkan webhook' }).click();
    await expect.poll(() => hook.locator('#hook-secret-problem').textContent()).toContain('minimal 16');
    await hook.getByRole('button', { name: 'Buat acak' }).click();
    expect(await hook.getByLabel('Rahasia bersama').inputValue()).toMatch(/^[0-9a-f]{32}$/);
    await hook.getByLabel('SLA terlewati').check();
    await hook.getByRole('button', { name: 'Daftarkan webhook' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Webhook https://lapor.example.go.id/alur/penyimpangan didaftarkan.');
    await expect.poll(() => page.getByTestId('webhooks').textContent()).toContain('SLA terlewati');

    // All of it is in the database as the API would have written it.
    const units = await alur.prisma.unit.findMany({
      include: { parent: true, roles: { include: { holders: { include: { user: true } } } } },
      orderBy: { code: 'asc' },
    });
    expect(units.map((u) => [u.code, u.kind, u.parent?.code ?? null])).toEqual([
      ['dinkes', 'opd', null],
      ['upt-puskesmas-a', 'upt', 'dinkes'],
    ]);
    const upt = units[1]!;
    expect(upt.roles.map((r) => [r.role, r.name, r.supervisor, r.holders.map((h) => h.user.username).sort()]).sort()).toEqual([
      ['kepala', 'Kepala UPT', true, ['kepala']],
      ['petugas', 'Petugas loket', false, ['budi', 'siti']],
    ]);
    expect(await alur.prisma.leaveDay.findMany({ select: { date: true, name: true, kind: true } })).toEqual([
      { date: `${YEAR}-12-24`, name: 'Cuti bersama Natal', kind: 'cuti-bersama' },
    ]);
    expect(await alur.prisma.webhookSubscription.findMany({ select: { url: true, kinds: true, active: true } })).toEqual([
      { url: 'https://lapor.example.go.id/alur/penyimpangan', kinds: ['sla.breached'], active: true },
    ]);
    await page.context().close();
  });

  it('a staff member logs in and sees the unit they belong to; the supervisor sees it on the team page; neither sees the admin area', async () => {
    const page = await ctx.newPage(PHONE);
    await logIn(page, 'siti', 'siti-sandi-2026');
    expect(await page.getByRole('link', { name: 'Administrasi' }).count()).toBe(0);
    await page.getByTestId('account-link').click();
    await page.waitForURL(/\/staf\/akun$/);
    await expect.poll(() => page.getByTestId('my-units').textContent()).toContain('UPT Puskesmas A');
    expect(await page.getByTestId('my-units').textContent()).toContain('sebagai Petugas loket');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}journey-staff-account-390-id.png`, fullPage: true });
    await page.goto(`${base}/staf/admin/pengguna`);
    await page.waitForURL(`${base}/`); // the guard sends a non-admin home
    await page.context().close();

    const head = await ctx.newPage(DESKTOP);
    await logIn(head, 'kepala', 'kepala-sandi-2026');
    await head.getByRole('link', { name: 'Tim saya' }).click();
    await expect.poll(() => head.locator('main').textContent()).toContain('Unit yang Anda awasi: UPT Puskesmas A');
    await head.context().close();
  });

  it("date fields are written day first on the Indonesian page, though the browser's own language is en-US", async () => {
    const page = await ctx.newPage(PHONE, { locale: 'en-US' });
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/staf/audit`);
    const from = page.getByLabel('Dari tanggal (WIB)');
    expect(await from.getAttribute('placeholder')).toBe('HH/BB/TTTT');
    await from.fill('12/31/2026'); // month first, as an en-US date input would want it
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.locator('#audit-filter-problem').textContent()).toBe('Tulis tanggal sebagai HH/BB/TTTT, mis. 24/12/2026.');
    await from.fill('01/12/2026');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.locator('#audit-filter-problem').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${shots}audit-date-390-id.png`, fullPage: true });
    await page.context().close();
  });

  const SCREENS = [
    ['users', '/staf/admin/pengguna'],
    ['units', '/staf/admin/unit'],
    ['unit', '/staf/admin/unit/upt-puskesmas-a'],
    ['calendar', '/staf/admin/kalender'],
    ['webhooks', '/staf/admin/webhook'],
  ] as const;

  it('every admin screen fits 390 px and 1366 px, in Bahasa Indonesia and in English', async () => {
    const user = await alur.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    for (const lang of ['id', 'en'] as const) {
      for (const [label, viewport] of [
        ['390', PHONE],
        ['1366', DESKTOP],
      ] as const) {
        const page = await ctx.newPage(viewport);
        const stored = JSON.stringify({ token: ctx.adminToken, user: { id: user.id, username: 'admin', roles: user.roles } });
        await page.addInitScript(`sessionStorage.setItem('alur.session', ${JSON.stringify(stored)}); localStorage.setItem('alur.locale', '${lang}');`);
        for (const [name, path] of SCREENS) {
          await page.goto(`${base}${path}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          expect(await fitsWidth(page), `${name} at ${label} px in ${lang}`).toBe(true);
          await page.screenshot({ path: `${shots}admin-${name}-${label}-${lang}.png`, fullPage: true });
        }
        await page.context().close();
      }
    }
  });
});
