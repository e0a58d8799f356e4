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

/** Vite's build output, line by line, as what `npm start` says it is doing; undefined for lines not worth a word (each asset). */
export function webAppBuildStep(line: string): string | undefined {
  const text = line.replace(/\x1b\[[0-9;]*m/g, '').trim(); // eslint-disable-line no-control-regex
  if (/^vite v\S+ building/.test(text)) return 'web app: Vite started';
  if (text === 'transforming...') return 'web app: compiling the sources (Vue, bpmn-js, form-js), the longest part...';
  const transformed = /^✓ (\d+) modules transformed/.exec(text);
  if (transformed) return `web app: ${transformed[1]} modules compiled`;
  if (text === 'rendering chunks...') return 'web app: writing the bundles...';
  if (text === 'computing gzip size...') return 'web app: measuring the bundles...';
  const built = /^✓ built in (.+)$/.exec(text);
  if (built) return `web app: Vite finished in ${built[1]}`;
  return undefined;
}
