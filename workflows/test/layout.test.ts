// The package's folders match runtimes (as Temporal's SDK splits workflow,
// common and worker code): what the workflow sandbox runs never imports the
// compiler or the Node-only helpers, and the IR has no import cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
/** Folders that run in Node only; everything else may end up in the workflow bundle. */
const NODE_ONLY = ['compiler', 'node'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files a module imports (relative imports resolved; others by name). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, spec]) => {
    if (!spec!.startsWith('.')) return spec!;
    const base = resolve(dirname(file), spec!);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
      try {
        if (statSync(candidate).isFile()) return relative(SRC, candidate);
      } catch {
        // try the next form
      }
    }
    return relative(SRC, base);
  });
}

const rel = (file: string) => relative(SRC, file);
const topFolder = (path: string) => path.split('/')[0]!;

describe('workflows package layout', () => {
  it('has no loose files at its root but the package entry', () => {
    expect(readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isFile())).toEqual(['index.ts']);
  });

  it('keeps sandbox modules away from the compiler, the Node-only helpers and Node built-ins', () => {
    const offences: string[] = [];
    for (const file of filesUnder(SRC)) {
      const path = rel(file);
      if (path === 'index.ts' || NODE_ONLY.includes(topFolder(path)) || path === 'calendar/national-holidays.ts') continue;
      for (const imported of importsOf(file)) {
        if (imported.startsWith('node:') || imported === 'index.ts' || NODE_ONLY.includes(topFolder(imported))) offences.push(`${path} imports ${imported}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('has no import cycle in the IR', () => {
    const ir = filesUnder(join(SRC, 'ir')).map(rel);
    const edges = new Map(ir.map((f) => [f, importsOf(join(SRC, f)).filter((i) => i.startsWith('ir/'))]));
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (path.includes(f)) return void cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
      for (const next of edges.get(f) ?? []) visit(next, [...path, f]);
    };
    // The barrel only re-exports: start from every module but it.
    for (const f of ir.filter((x) => x !== 'ir/index.ts')) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
