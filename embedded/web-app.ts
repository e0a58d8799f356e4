// Whether the web app (modeler/dist) must be built before the API serves it:
// when it was never built, or any of its sources changed since (a pull, an edit).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['modeler/src', 'modeler/index.html', 'modeler/vite.config.ts', 'modeler/package.json', 'workflows/resources/alur.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function webAppNeedsBuild(root: string): boolean {
  const built = join(root, 'modeler', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > builtAt);
}
