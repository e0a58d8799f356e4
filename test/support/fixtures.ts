import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The complaint SOP (three lanes, exclusive + parallel gateway, timer boundary, terminate end). */
export function pengaduanXml(opts: { webhookUrl: string; responseDeadline?: string }): string {
  const xml = readFileSync(fileURLToPath(new URL('../../workflows/test/fixtures/pengaduan.bpmn', import.meta.url)), 'utf8');
  return xml
    .replace('http://127.0.0.1:1/notify', opts.webhookUrl)
    .replace('<bpmn:timeDuration>PT2S</bpmn:timeDuration>', `<bpmn:timeDuration>${opts.responseDeadline ?? 'PT2S'}</bpmn:timeDuration>`);
}
