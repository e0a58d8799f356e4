// `npm start` rebuilds the web app when it was never built or its sources changed.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webAppNeedsBuild } from '../../embedded/web-app';

let root: string;
const touch = (path: string, secondsAgo: number) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(join(root, path), t, t);
};

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('webAppNeedsBuild', () => {
  it('builds when there is no build, or a source is newer than it; not otherwise', () => {
    root = mkdtempSync(join(tmpdir(), 'alur-web-'));
    touch('modeler/src/components/A.vue', 100);
    expect(webAppNeedsBuild(root)).toBe(true);
    touch('modeler/dist/index.html', 50);
    expect(webAppNeedsBuild(root)).toBe(false);
    touch('modeler/src/components/A.vue', 10);
    expect(webAppNeedsBuild(root)).toBe(true);
    touch('modeler/dist/index.html', 5);
    touch('workflows/resources/alur.json', 1);
    expect(webAppNeedsBuild(root)).toBe(true);
  });
});

describe('what npm start says while it builds the web app', () => {
  it("turns Vite's steps into progress lines and stays quiet for each asset", async () => {
    const { webAppBuildStep } = await import('../../embedded/web-app');
    const vite = [
      '\x1b[36mvite v8.3.8 \x1b[32mbuilding client environment for production...\x1b[36m\x1b[39m',
      'transforming...',
      '\x1b[32m✓\x1b[39m 791 modules transformed.',
      'rendering chunks...',
      'computing gzip size...',
      'dist/index.html                                        0.78 kB │ gzip:   0.41 kB',
      'dist/assets/bpmn-0HrGCizt.svg                        136.01 kB │ gzip:  25.97 kB',
      '\x1b[32m✓ built in 31.20s\x1b[39m',
    ];
    expect(vite.map(webAppBuildStep).filter(Boolean)).toEqual([
      'web app: Vite started',
      'web app: compiling the sources (Vue, bpmn-js, form-js), the longest part...',
      'web app: 791 modules compiled',
      'web app: writing the bundles...',
      'web app: measuring the bundles...',
      'web app: Vite finished in 31.20s',
    ]);
  });
});
