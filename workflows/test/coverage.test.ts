// The coverage table must say what the compiler does: every row is backed by
// a diagram that compiles (supported) or is rejected at that element (not
// yet), and README.md shows the table as generated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { BPMN_COVERAGE, renderCoverageTable, type CoverageRow } from '../src/compiler/coverage';
import type { IrNodeType } from '../src/ir';
import { withCoverageTable } from '../scripts/readme-coverage';
import { COVERAGE_EXAMPLES, type CoverageExample } from './support/coverage-examples';

/** Every IR node type; a new one fails type checking here until it is listed (and then below until a supported row shows it). */
const NODE_TYPES: Record<IrNodeType, true> = {
  startEvent: true,
  endEvent: true,
  userTask: true,
  serviceTask: true,
  manualTask: true,
  scriptTask: true,
  exclusiveGateway: true,
  parallelGateway: true,
  boundaryEvent: true,
  intermediateCatchEvent: true,
  subProcess: true,
  eventSubProcess: true,
  intermediateThrowEvent: true,
  inclusiveGateway: true,
  businessRuleTask: true,
  receiveTask: true,
  sendTask: true,
  eventBasedGateway: true,
  callActivity: true,
};

const examplesOf = (row: Pick<CoverageRow, 'element'>): CoverageExample[] => [COVERAGE_EXAMPLES[row.element] ?? []].flat();

describe('BPMN coverage table', () => {
  it('has one row per element and an example diagram for every row', () => {
    const names = BPMN_COVERAGE.map((r) => r.element);
    expect(new Set(names).size).toBe(names.length);
    expect(
      names.filter((name) => examplesOf({ element: name }).length === 0),
      'rows without an example',
    ).toEqual([]);
    expect(
      Object.keys(COVERAGE_EXAMPLES).filter((name) => !names.includes(name)),
      'examples without a row',
    ).toEqual([]);
  });

  describe.each(BPMN_COVERAGE.filter((r) => r.supported).map((r) => [r.element, r] as const))('supported: %s', (_name, row) => {
    it.each(examplesOf(row).map((example, i) => [i + 1, example] as const))('example %i compiles', async (_i, example) => {
      const result = await compileBpmn(example.xml);
      if (!result.ok) expect.fail(`expected it to compile, got:\n${result.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n')}`);
      const compiled = result.ir.nodes[example.elementId] ?? result.ir.flows[example.elementId];
      expect(compiled, `${example.elementId} in the IR`).toBeDefined();
      expect(compiled).toMatchObject(example.compilesTo ?? {});
    });
  });

  describe.each(BPMN_COVERAGE.filter((r) => !r.supported).map((r) => [r.element, r] as const))('not yet: %s', (_name, row) => {
    it.each(examplesOf(row).map((example, i) => [i + 1, example] as const))('example %i is rejected at that element', async (_i, example) => {
      const result = await compileBpmn(example.xml);
      expect(result.ok, 'expected the diagram to be rejected').toBe(false);
      if (result.ok) return;
      expect(result.errors.length).toBeGreaterThan(0);
      for (const error of result.errors) {
        expect(error.elementId).toBe(example.elementId);
        expect(error.message).toMatch(/not supported/);
      }
    });
  });

  it('shows every IR node type as the element of some supported row', async () => {
    const shown = new Set<string>();
    for (const example of BPMN_COVERAGE.filter((r) => r.supported).flatMap(examplesOf)) {
      const result = await compileBpmn(example.xml);
      const node = result.ok ? result.ir.nodes[example.elementId] : undefined;
      if (node) shown.add(node.type);
    }
    expect(Object.keys(NODE_TYPES).filter((type) => !shown.has(type))).toEqual([]);
  });

  it('renders as a Markdown table with one line per row', () => {
    const lines = renderCoverageTable().split('\n');
    expect(lines[0]).toBe('| Element | Supported | Notes |');
    expect(lines).toHaveLength(BPMN_COVERAGE.length + 2);
    expect(lines[2]).toBe('| None start event (`bpmn:startEvent`) | ✅ yes | exactly one per process |');
    expect(renderCoverageTable([{ element: 'A', bpmn: 'bpmn:a', supported: false, notes: 'x | y' }]).split('\n')[2]).toBe(
      '| A (`bpmn:a`) | ❌ not yet | x \\| y |',
    );
  });

  it('is current in README.md (regenerate with npx tsx workflows/scripts/coverage-table.ts)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withCoverageTable(readme, renderCoverageTable())).toBe(readme);
  });
});
