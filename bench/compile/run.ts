// Compile time and memory for large diagrams (1,000 elements is the target
// size). Run with --expose-gc for stable heap figures:
//   npm run bench:compile [-- --elements 1000 --runs 20]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { compileBpmn } from '@alur/workflows/compiler';
import { percentile } from '../support/percentile';
import { countFlowElements, largeSopXml } from './large-diagram';

const { values: args } = parseArgs({ options: { elements: { type: 'string', default: '1000' }, runs: { type: 'string', default: '20' } } });
const RUNS = Number(args.runs);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('(run with node --expose-gc for exact heap figures; npm run bench:compile does)');

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const rows: Record<string, Record<string, number>> = {};
for (const size of [100, Number(args.elements), Number(args.elements) * 5]) {
  const xml = largeSopXml(size);
  const first = await compileBpmn(xml);
  if (!first.ok) throw new Error(`The generated diagram does not compile: ${JSON.stringify(first.errors.slice(0, 3))}`);
  const times: number[] = [];
  let heapGrowth = 0;
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const result = await compileBpmn(xml);
    times.push(performance.now() - t0);
    heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heapBefore);
    if (!result.ok) throw new Error('compile failed');
  }
  rows[`${countFlowElements(xml)} elements`] = {
    'XML KiB': Math.round(xml.length / 1024),
    'IR KiB': Math.round(JSON.stringify(first.ir).length / 1024),
    'compile p50 ms': Number(percentile(times, 50).toFixed(1)),
    'compile p90 ms': Number(percentile(times, 90).toFixed(1)),
    'heap growth MiB (max)': Number((heapGrowth / 2 ** 20).toFixed(1)),
  };
}
console.table(rows);
console.log(`peak RSS of the whole run: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
