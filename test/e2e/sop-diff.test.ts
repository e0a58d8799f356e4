// The version diff in Chromium (issue 17): on an SOP's page, the newer
// diagram marks what was added and changed, the older one what was removed,
// with the SLA table beside them; in Bahasa Indonesia and English, at 390 px
// and 1366 px. Screenshots go to test/e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, journeyTitle, shots, startAlurInBrowser, type AlurInBrowser } from './browser';

const v1 = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
const v2 = readFileSync(new URL('../fixtures/surat-keterangan-v2.bpmn', import.meta.url), 'utf8');

describe.skipIf(!hasChromium)(journeyTitle('SOP version diff'), () => {
  let ctx: AlurInBrowser;

  beforeAll(async () => {
    ctx = await startAlurInBrowser();
    for (const xml of [v1, v2]) expect((await ctx.alur.call('POST', '/api/sops', { token: ctx.adminToken, xml })).status).toBe(201);
  });
  afterAll(() => ctx?.close());

  it('marks added, changed and removed elements on the two diagrams, in both languages, at 390 and 1366 px', async () => {
    const user = await ctx.alur.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const words = { id: ['Perbandingan versi', 'Ditambah', 'Seluruh layanan'], en: ['Compare versions', 'Added', 'The whole service'] } as const;
    for (const lang of ['id', 'en'] as const) {
      for (const viewport of [
        { width: 390, height: 844 },
        { width: 1366, height: 900 },
      ]) {
        const page = await ctx.newPage(viewport);
        const stored = JSON.stringify({ token: ctx.adminToken, user: { id: user.id, username: 'admin', roles: user.roles } });
        await page.addInitScript(`sessionStorage.setItem('alur.session', ${JSON.stringify(stored)}); localStorage.setItem('alur.locale', '${lang}');`);
        await page.goto(`${ctx.base}/staf/sop/surat-keterangan`);
        const diff = page.getByTestId('sop-diff');
        await expect.poll(() => diff.locator('h2').textContent()).toBe(words[lang][0]);
        const [newer, older] = [diff.getByTestId('bpmn-diagram').nth(0), diff.getByTestId('bpmn-diagram').nth(1)];
        await newer.locator('[data-element-id="Kembalikan"].alur-diff-added').waitFor();
        expect(await newer.locator('[data-element-id="Periksa"].alur-diff-changed').count()).toBe(1);
        expect(await older.locator('[data-element-id="Ditolak"].alur-diff-removed').count()).toBe(1);
        expect(await newer.locator('.alur-diff-overlay-added').first().textContent()).toBe(words[lang][1]);
        const slas = diff.getByTestId('diff-slas');
        expect(await slas.locator('tbody tr').first().textContent()).toContain(words[lang][2]);
        expect(await slas.locator('tbody tr').first().textContent()).toContain('5 hari kerja');
        expect(await diff.getByTestId('diff-forms').textContent()).toContain('lengkap, catatan');
        expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await diff.screenshot({ path: `${shots}sop-diff-${viewport.width}-${lang}.png` });
        await page.context().close();
      }
    }
  });
});
