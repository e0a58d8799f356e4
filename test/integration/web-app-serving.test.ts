// How the API serves the built web app: compressed answers, hashed assets
// cached for a year (their names change with their content), index.html
// checked with the server on every use so a new release is picked up.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppNeedsBuild } from '../../embedded/web-app';
import { startAlur, type TestAlur } from '../support/alur';

const root = resolve(import.meta.dirname, '../..');
let alur: TestAlur;
let script: string;

beforeAll(async () => {
  // As `npm start` does: build the app when it was never built or its sources changed.
  if (webAppNeedsBuild(root)) execFileSync('npm', ['run', 'build', '-w', '@alur/modeler'], { cwd: root, stdio: 'ignore' });
  script = readdirSync(resolve(root, 'modeler/dist/assets')).find((name) => name.startsWith('index-') && name.endsWith('.js'))!;
  alur = await startAlur({ worker: false });
}, 300_000);

afterAll(async () => {
  await alur?.close();
});

describe('the built web app', () => {
  it('serves a hashed JS asset gzip- or brotli-compressed, cached for a year as immutable', async () => {
    expect(script).toBeTruthy();
    const gzip = await alur.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.statusCode).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(gzip.headers['content-type'])).toMatch(/javascript/);
    const brotli = await alur.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    const plain = await alur.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(gzip.rawPayload.length);
  });

  it('has index.html checked on every use, at / and at a client-side route', async () => {
    for (const url of ['/', '/index.html', '/staf/audit']) {
      const res = await alur.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(String(res.headers['content-type']), url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses API answers too, and still refuses a missing asset with 404', async () => {
    const res = await alur.app.inject({ method: 'GET', url: '/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const missing = await alur.app.inject({ method: 'GET', url: '/assets/no-such-file-abc123.js' });
    expect(missing.statusCode).toBe(404);
  });
});
