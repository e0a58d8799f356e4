// Records a finished case's Temporal history for the replay test
// (workflows/test/replay.test.ts). Only when ALUR_RECORD_HISTORIES=1, via
// `npm run record-histories`; the recorded files are committed and never
// overwritten: they stand for cases already running in production, which the
// current interpreter must still replay. Exported with the Temporal CLI, in the
// same JSON the Temporal web UI downloads.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { findTemporalCli } from '../../embedded/temporal';

export async function recordHistory(temporal: Client, address: string, caseId: string, name: string): Promise<void> {
  if (process.env.ALUR_RECORD_HISTORIES !== '1') return;
  const file = fileURLToPath(new URL(`../../workflows/test/histories/${name}.json`, import.meta.url));
  if (existsSync(file)) return;
  await temporal.workflow
    .getHandle(caseId)
    .result()
    .catch(() => {}); // the whole history, to the workflow's end
  const cli = findTemporalCli();
  if (!cli) throw new Error('Recording histories needs the temporal CLI (npm install puts it in .tools)');
  const { stdout } = await promisify(execFile)(cli, ['workflow', 'show', '--workflow-id', caseId, '--address', address, '--output', 'json'], {
    maxBuffer: 64 << 20,
  });
  writeFileSync(file, stdout);
}
