// The case core's place (issue 12): the worker drives cases through
// @alur/cases and never depends on the API; HttpError stays at the API's
// edge; "the case has ended" is recognised in one place.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const containing = (dirs: string[], pattern: RegExp) =>
  dirs
    .flatMap(sources)
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => file.slice(root.length + 1));

describe('the case core', () => {
  it('is what the worker depends on, never the API', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'worker', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('@alur/cases');
    expect(Object.keys(pkg.dependencies)).not.toContain('@alur/api');
    expect(containing(['worker/src'], /from '@alur\/api/)).toEqual([]);
  });

  it('throws refusals with catalogue codes; HttpError lives only in the API', () => {
    expect(containing(['cases/src', 'worker/src'], /HttpError/)).toEqual([]);
  });

  it('recognises an ended case in one place', () => {
    expect(containing(['cases/src', 'api/src', 'worker/src'], /already completed/i)).toEqual(['cases/src/case-ended.ts']);
  });
});
