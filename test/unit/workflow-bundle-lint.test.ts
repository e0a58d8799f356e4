// Every module Temporal runs in its workflow sandbox must be under the
// determinism lint. The module list is not written down anywhere: it is taken
// from the bundle itself, built from `workflowsPath` as the worker builds it, so
// a new module or a moved file cannot slip out of the lint unnoticed.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '@alur/workflows';
import { determinismRules } from '../../eslint.config.js';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = Extract<NonNullable<WebpackConfig['plugins']>[number], { apply: unknown }>;

/** The source files webpack put into the workflow bundle (Alur's own, not node_modules). */
async function workflowBundleModules(): Promise<string[]> {
  const resources = new Set<string>();
  const listModules: WebpackPlugin = {
    apply(compiler) {
      compiler.hooks.compilation.tap('alur-list-modules', (compilation) =>
        compilation.hooks.finishModules.tap('alur-list-modules', (modules) => {
          for (const module of modules) if ('resource' in module && typeof module.resource === 'string') resources.add(module.resource.split('?')[0]!);
        }),
      );
    },
  };
  const noop = () => {};
  await bundleWorkflowCode({
    workflowsPath,
    logger: { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop },
    webpackConfigHook: (config) => ({ ...config, plugins: [...(config.plugins ?? []), listModules] }),
  });
  // The bundler's generated entry point is virtual: it is not on disk and not ours to lint.
  return [...resources].filter((path) => !path.includes('/node_modules/') && existsSync(path)).sort();
}

/** ESLint's normalised form of a rule setting: severity as a number, options as given. */
const normalise = (setting: unknown) => {
  const [severity, ...options] = Array.isArray(setting) ? setting : [setting];
  return [severity === 'error' ? 2 : severity === 'warn' ? 1 : severity === 'off' ? 0 : severity, ...options];
};

describe('the determinism lint', () => {
  it('covers every module in the workflow bundle', { timeout: 120_000 }, async () => {
    const modules = await workflowBundleModules();
    expect(modules.length).toBeGreaterThan(20);
    const eslint = new ESLint({ cwd: repoRoot });
    const uncovered: string[] = [];
    for (const path of modules) {
      const file = relative(repoRoot, path);
      const config = (await eslint.isPathIgnored(path)) ? undefined : await eslint.calculateConfigForFile(path);
      const rules: Record<string, unknown> = config?.rules ?? {};
      const covered = Object.entries(determinismRules).every(
        ([rule, setting]) => JSON.stringify(rules[rule] && normalise(rules[rule])) === JSON.stringify(normalise(setting)),
      );
      if (!covered) uncovered.push(file);
    }
    expect(uncovered, 'workflow-bundle modules without the determinism rules (see eslint.config.js)').toEqual([]);
  });
});
