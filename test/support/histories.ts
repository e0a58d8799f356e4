// Records a finished case's Temporal history for the replay test
// (workflows/test/replay.test.ts). Only when ALUR_RECORD_HISTORIES=1, via
// `npm run record-histories`; the recorded files are committed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Client } from '@temporalio/client';

export async function recordHistory(temporal: Client, caseId: string, name: string): Promise<void> {
  if (process.env.ALUR_RECORD_HISTORIES !== '1') return;
  const handle = temporal.workflow.getHandle(caseId);
  await handle.result().catch(() => {}); // a whole history, up to the workflow's end
  const history = await handle.fetchHistory();
  const file = fileURLToPath(new URL(`../../workflows/test/histories/${name}.json`, import.meta.url));
  writeFileSync(file, historyToJSON(history));
}
