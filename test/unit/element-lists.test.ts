// One element catalogue (issue 12): no module but workflows/src/ir/elements.ts
// spells the BPMN element types Alur runs or their event definitions
// ('bpmn:UserTask', 'bpmn:TimerEventDefinition'), and none keeps a list of IR
// node types (['userTask', 'serviceTask']). Everything else asks the catalogue
// (BPMN_ELEMENTS, elementOfBpmnType, isBpmnType, triggerOfDefinition,
// elementTypesWhere), so adding an element or a capability is one entry there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BPMN_ELEMENT_LIST, EVENT_DEFINITION_TYPES } from '@alur/workflows/elements';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['workflows/src', 'api/src', 'worker/src', 'cases/src', 'modeler/src', 'db/src'];

/** Modules allowed to spell a catalogue type, and why. */
const ALLOWED: Record<string, string> = {
  'workflows/src/ir/elements.ts': 'the catalogue itself',
  // bpmn-js checks one element of its own model with $instanceOf (which also matches subtypes); no list.
  'modeler/src/designer/embedded-form.ts': 'bpmn-js: which shape takes an embedded form',
  'modeler/src/designer/forms-behavior.ts': 'bpmn-js: keeps embedded forms on user tasks',
  'modeler/src/designer/alur-attributes.ts': 'bpmn-js: which Alur attributes a shape has',
};

function sources(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(path);
    return /\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const catalogueBpmnTypes = new Set([...BPMN_ELEMENT_LIST.flatMap((e) => e.bpmnTypes), ...Object.values(EVENT_DEFINITION_TYPES)]);
const irTypes = BPMN_ELEMENT_LIST.map((e) => e.type);
/** A string literal of a catalogue bpmn-moddle type ('bpmn:UserTask', "bpmn:ErrorEventDefinition"). */
const BPMN_LITERAL = /['"`](bpmn:[A-Za-z]+)['"`]/g;
/** An array literal holding two or more IR node types, on one line or across lines. */
const IR_TYPE = `'(?:${irTypes.join('|')})'`;
const IR_LIST = new RegExp(`\\[\\s*${IR_TYPE}\\s*,\\s*${IR_TYPE}`, 'g');

function offenders(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const bpmn = [...code.matchAll(BPMN_LITERAL)].map((m) => m[1]!).filter((t) => catalogueBpmnTypes.has(t));
  const lists = [...code.matchAll(IR_LIST)].map((m) => m[0].replace(/\s+/g, ' '));
  return [...new Set([...bpmn, ...lists])];
}

describe('one BPMN element catalogue', () => {
  const files = SOURCE_DIRS.flatMap(sources);

  it('scans the sources (the catalogue module among them)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('workflows/src/ir/elements.ts');
    expect(offenders(readFileSync(join(root, 'workflows/src/ir/elements.ts'), 'utf8'))).toContain('bpmn:UserTask');
  });

  it('finds no element type list outside the catalogue', () => {
    const found = files
      .filter((f) => !Object.hasOwn(ALLOWED, f))
      .map((f) => ({ file: relative(root, join(root, f)), spelled: offenders(readFileSync(join(root, f), 'utf8')) }))
      .filter((f) => f.spelled.length > 0);
    expect(found, 'ask @alur/workflows/elements instead of spelling element types').toEqual([]);
  });

  it('recognises a hand-written list', () => {
    expect(offenders(`const HOSTS = ['bpmn:UserTask', 'bpmn:ServiceTask'];`)).toEqual(['bpmn:UserTask', 'bpmn:ServiceTask']);
    expect(offenders(`const STEPS = [\n  'userTask',\n  'serviceTask',\n];`)).toHaveLength(1);
    expect(offenders(`if (d.$type === "bpmn:TimerEventDefinition") {}`)).toEqual(['bpmn:TimerEventDefinition']);
    // Comments, and types the catalogue does not hold (refused with a hint), are no list.
    expect(offenders(`// a bpmn:UserTask\nconst HINTS = { 'bpmn:ComplexGateway': 'use an exclusive gateway' };`)).toEqual([]);
  });
});
