// Rewrites the BPMN coverage table in README.md from BPMN_COVERAGE:
//   npx tsx workflows/scripts/coverage-table.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCoverageTable } from '../src/compiler/coverage';
import { withCoverageTable } from './readme-coverage';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));
const readme = readFileSync(readmePath, 'utf8');
const updated = withCoverageTable(readme, renderCoverageTable());
if (updated === readme) {
  console.log('README.md coverage table is up to date');
} else {
  writeFileSync(readmePath, updated);
  console.log('README.md coverage table rewritten');
}
