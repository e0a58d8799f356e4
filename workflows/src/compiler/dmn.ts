// DMN XML → decision tables Alur can evaluate (interpreter/dmn-evaluate.ts). Runs in the
// API when decisions are deployed (POST /api/decisions). Every problem is
// reported with the id of the decision or rule it is about; anything Alur
// cannot evaluate (literal expression decisions, required decisions, OUTPUT
// ORDER, non-FEEL expressions) is refused rather than ignored.
import { DmnModdle } from 'dmn-moddle';
import { parseUnaryTests } from 'feelin';
import { feelSyntaxError } from '../feel';
import type { DecisionTable, DmnAggregation, DmnHitPolicy } from '../ir';

interface DmnElement {
  $type: string;
  [property: string]: unknown;
}

export interface DmnProblem {
  elementId?: string;
  message: string;
}

export type DmnCompileResult = { ok: true; decisions: DecisionTable[] } | { ok: false; errors: DmnProblem[] };

const HIT_POLICIES: DmnHitPolicy[] = ['UNIQUE', 'FIRST', 'ANY', 'PRIORITY', 'COLLECT', 'RULE ORDER'];
const AGGREGATIONS: DmnAggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
const FEEL_LANGUAGES = ['feel', 'https://www.omg.org/spec/dmn/20191111/feel/', 'http://www.omg.org/spec/feel/20140401'];

const moddle = new DmnModdle();

export async function compileDmn(xml: string): Promise<DmnCompileResult> {
  let definitions: DmnElement;
  try {
    const result = (await moddle.fromXML(xml, 'dmn:Definitions')) as { rootElement: DmnElement; warnings: { message: string; element?: DmnElement }[] };
    definitions = result.rootElement;
    // Unknown attributes and extensions, and the diagram layout, do not change what a decision computes.
    const problems = result.warnings.filter((w) => !/unknown attribute|unknown type <(?!dmn:)/.test(w.message) && !w.element?.$type.startsWith('dmndi:'));
    if (problems.length > 0) return { ok: false, errors: problems.map((w) => ({ message: `The DMN file cannot be read: ${oneLine(w.message)}` })) };
  } catch (err) {
    return { ok: false, errors: [{ message: `The file is not valid DMN XML: ${oneLine((err as Error).message)}` }] };
  }
  const errors: DmnProblem[] = [];
  const decisions: DecisionTable[] = [];
  const drg = list(definitions.drgElement).filter((e) => e.$type === 'dmn:Decision');
  if (drg.length === 0) errors.push({ message: 'The DMN file has no decision' });
  for (const decision of drg) {
    const table = compileDecision(decision, errors);
    if (table) decisions.push(table);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, decisions };
}

function compileDecision(decision: DmnElement, errors: DmnProblem[]): DecisionTable | undefined {
  const decisionId = text(decision.id);
  const name = text(decision.name) || decisionId;
  const before = errors.length;
  const error = (elementId: string | undefined, message: string) => errors.push({ elementId: elementId ?? decisionId, message });
  if (!decisionId) {
    error(undefined, `Decision "${name}" has no id`);
    return undefined;
  }
  const what = `Decision "${name}" (${decisionId})`;
  if (list(decision.informationRequirement).some((r) => r.requiredDecision)) {
    error(decisionId, `${what} requires other decisions; decision requirement graphs are not supported yet, put the logic in one table`);
  }
  if (list(decision.knowledgeRequirement).length > 0) {
    error(decisionId, `${what} uses a business knowledge model; it is not supported`);
  }
  const logic = decision.decisionLogic as DmnElement | undefined;
  if (!logic || logic.$type !== 'dmn:DecisionTable') {
    error(decisionId, `${what} is ${logic ? `a ${logic.$type.replace('dmn:', '')}` : 'empty'}; only decision tables are supported`);
    return undefined;
  }
  const hitPolicy = (text(logic.hitPolicy) || 'UNIQUE') as DmnHitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) error(decisionId, `${what} has the hit policy ${hitPolicy}, which is not supported (${HIT_POLICIES.join(', ')})`);
  const aggregation = text(logic.aggregation) as DmnAggregation | '';
  if (aggregation && (hitPolicy !== 'COLLECT' || !AGGREGATIONS.includes(aggregation))) {
    error(decisionId, `${what} aggregates with ${aggregation}; only COLLECT tables aggregate, with SUM, MIN, MAX or COUNT`);
  }
  const language = text(logic.expressionLanguage) || text(decision.expressionLanguage);
  checkLanguage(decisionId, what, language, error);

  const inputs = list(logic.input).map((input, i) => {
    const id = text(input.id) || `input ${i + 1}`;
    const expr = input.inputExpression as DmnElement | undefined;
    const expression = text(expr?.text);
    const label = text(input.label) || expression || id;
    checkLanguage(id, `Input "${label}" of ${lower(what)}`, text(expr?.expressionLanguage), error);
    if (!expression) error(id, `Input "${label}" of ${lower(what)} has no expression`);
    else {
      const syntax = feelSyntaxError(expression);
      if (syntax) error(id, `Input "${label}" of ${lower(what)} has the expression "${expression}", which is not valid FEEL: ${syntax}`);
    }
    return { id, label, expression };
  });
  const outputs = list(logic.output).map((output, i) => {
    const id = text(output.id) || `output ${i + 1}`;
    const outName = text(output.name);
    if (!outName && list(logic.output).length > 1)
      error(id, `Output ${i + 1} of ${lower(what)} has no name; a table with several outputs needs them to build its result`);
    const values = text((output.outputValues as DmnElement | undefined)?.text);
    return { id, name: outName || text(output.label) || id, ...(values ? { outputValues: splitOutputValues(values) } : {}) };
  });
  if (outputs.length === 0) error(decisionId, `${what} has no output column`);
  if (aggregation && aggregation !== 'COUNT' && outputs.length > 1)
    error(decisionId, `${what} aggregates with ${aggregation} but has ${outputs.length} outputs; aggregation needs exactly one`);

  const rules = list(logic.rule).map((rule, r) => {
    const id = text(rule.id) || `rule ${r + 1}`;
    const inputEntries = list(rule.inputEntry).map((e) => text(e.text));
    const outputEntries = list(rule.outputEntry).map((e) => text(e.text));
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      error(
        id,
        `Rule ${id} of ${lower(what)} has ${inputEntries.length} input and ${outputEntries.length} output entries; the table has ${inputs.length} inputs and ${outputs.length} outputs`,
      );
    }
    for (const entry of [...list(rule.inputEntry), ...list(rule.outputEntry)])
      checkLanguage(id, `Rule ${id} of ${lower(what)}`, text(entry.expressionLanguage), error);
    inputEntries.forEach((entry, i) => {
      const syntax = unaryTestsSyntaxError(entry);
      if (syntax)
        error(id, `Rule ${id} of ${lower(what)}: the entry "${entry}" for input "${inputs[i]?.label ?? i + 1}" is not a valid FEEL unary test: ${syntax}`);
    });
    outputEntries.forEach((entry, i) => {
      if (entry === '') return;
      const syntax = feelSyntaxError(entry);
      if (syntax) error(id, `Rule ${id} of ${lower(what)}: the entry "${entry}" for output "${outputs[i]?.name ?? i + 1}" is not valid FEEL: ${syntax}`);
    });
    return { id, inputEntries, outputEntries };
  });
  if (errors.length > before) return undefined;
  return { decisionId, name, hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

function checkLanguage(elementId: string, what: string, language: string, error: (id: string, message: string) => void): void {
  if (language && !FEEL_LANGUAGES.includes(language.toLowerCase())) {
    error(elementId, `${what} is written in "${language}"; only FEEL is supported`);
  }
}

/** A message when `entry` (`> 10`, `"a","b"`, `-`) is not valid FEEL unary tests, else undefined. */
export function unaryTestsSyntaxError(entry: string): string | undefined {
  const source = entry.trim();
  if (source === '' || source === '-') return undefined;
  let bad: { from: number; to: number } | undefined;
  parseUnaryTests(source, {}, undefined).iterate({
    enter(ref) {
      if (bad) return false;
      if (ref.type.isError) {
        bad = { from: ref.from, to: ref.to };
        return false;
      }
      return undefined;
    },
  });
  if (!bad) return undefined;
  return bad.from < source.length ? `unexpected "${source.slice(bad.from, Math.max(bad.to, bad.from + 1))}" at character ${bad.from + 1}` : 'it is incomplete';
}

/** `"high","normal","low"` → ['"high"', '"normal"', '"low"'] (FEEL literals, commas inside quotes kept). */
function splitOutputValues(values: string): string[] {
  return (values.match(/"(?:[^"\\]|\\.)*"|[^,]+/g) ?? []).map((v) => v.trim()).filter(Boolean);
}

function list(value: unknown): DmnElement[] {
  return Array.isArray(value) ? (value as DmnElement[]) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ').trim();
}
