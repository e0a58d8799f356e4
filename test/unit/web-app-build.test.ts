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
