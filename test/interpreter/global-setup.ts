// Bundles the interpreter workflow once for the whole interpreter tier (each
// test file's worker loads the bundle from this file instead of bundling
// again). No servers here: each test file starts its own time-skipping test
// server, because skipped time is global to a server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { workflowsPath } from '@alur/workflows';

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundlePath: string;
  }
}

const noop = () => {};

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'alur-interpreter-'));
  const bundle = await bundleWorkflowCode({
    workflowsPath,
    logger: { trace: noop, debug: noop, info: noop, log: noop, warn: console.warn, error: console.error },
  });
  const codePath = join(dir, 'workflow-bundle.js');
  writeFileSync(codePath, bundle.code);
  project.provide('workflowBundlePath', codePath);
  return () => rmSync(dir, { recursive: true, force: true });
}
