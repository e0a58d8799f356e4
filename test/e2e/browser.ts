// What every e2e journey needs: the web app built as it is now, a complete
// Alur (test/support/alur.ts) listening on a real port for it, and headless
// Chromium (Debian's package, or CHROMIUM_PATH). Journeys skip, saying why,
// where Chromium is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, startAlur, type StartAlurOptions, type TestAlur } from '../support/alur';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

if (!hasChromium) console.warn(`[e2e] skipped: ${CHROMIUM} is missing (Debian: apt-get install -y chromium)`);

/** A describe title that says when, and why, the journeys are skipped. */
export const journeyTitle = (what: string) => `${what} in Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is missing)`}`;

export interface AlurInBrowser {
  alur: TestAlur;
  browser: Browser;
  /** Where the API serves the built app, e.g. http://127.0.0.1:40123 */
  base: string;
  adminToken: string;
  /** A page in UTC (so the app, not the machine, decides the time zone shown) that reports the app's errors. */
  newPage(viewport?: { width: number; height: number }, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startAlurInBrowser(opts: StartAlurOptions = {}): Promise<AlurInBrowser> {
  // Test the app as it is now: build it before the API looks for modeler/dist.
  execFileSync('npm', ['run', 'build', '-w', '@alur/modeler'], { cwd: root, stdio: 'ignore' });
  mkdirSync(shots, { recursive: true });
  const alur = await startAlur(opts);
  await alur.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(alur.app.server.address() as AddressInfo).port}`;
  const adminToken = await alur.login('admin', ADMIN_PASSWORD);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    alur,
    browser,
    base,
    adminToken,
    async newPage(viewport = { width: 1366, height: 900 }, options = {}) {
      const page = await browser.newPage({ viewport, timezoneId: 'UTC', ...options });
      page.on('pageerror', (err) => console.error('[browser]', err.message));
      return page;
    },
    async close() {
      await browser.close();
      await alur.close();
    },
  };
}
