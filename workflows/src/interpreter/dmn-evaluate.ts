// Evaluates a compiled DMN decision table (compiler/dmn.ts) against case
// variables, with the DMN hit policies. Pure and deterministic: it runs inside
// the interpreter workflow (business rule tasks), so no clock, I/O or node:.
import { unaryTest } from 'feelin';
import { evaluateFeel, stripFeelPrefix } from '../feel';
import type { Camunda7ResultMapping, DecisionTable } from '../ir';

/** A decision that cannot give a result (e.g. two rules hit a UNIQUE table). */
export class DecisionError extends Error {
  constructor(
    readonly decisionId: string,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionError';
  }
}

type Hit = { rule: string; values: unknown[] };

/**
 * The decision's result as Camunda 8 gives it to a business rule task: for
 * UNIQUE, FIRST, ANY and PRIORITY the matched rule's output (its value when
 * the table has one output, else a context of all outputs) or null when no
 * rule matches; for COLLECT and RULE ORDER the list of those outputs; for
 * COLLECT with an aggregation its SUM, MIN, MAX or COUNT.
 */
export function evaluateDecision(table: DecisionTable, variables: Record<string, unknown>): unknown {
  const hits = selectHits(table, variables);
  const single = (o: Hit) => (table.outputs.length === 1 ? o.values[0] : outputContext(table, o));
  if (table.hitPolicy === 'RULE ORDER') return hits.map(single);
  if (table.hitPolicy === 'COLLECT') return collect(table, hits.map(single));
  return hits[0] ? single(hits[0]) : null;
}

/**
 * The result as Camunda 7 maps it: the decision gives a list of rule results
 * (output name → value; an aggregation gives one entry named after the output),
 * and `mapping` picks a single value, a single context, the list of single
 * values or the whole list.
 */
export function evaluateDecisionCamunda7(table: DecisionTable, variables: Record<string, unknown>, mapping: Camunda7ResultMapping): unknown {
  const hits = selectHits(table, variables);
  const results: Record<string, unknown>[] =
    table.hitPolicy === 'COLLECT' && table.aggregation
      ? hits.length > 0 || table.aggregation === 'COUNT'
        ? [
            {
              [table.outputs[0]!.name]: collect(
                table,
                hits.map((h) => h.values[0]),
              ),
            },
          ]
        : []
      : hits.map((h) => outputContext(table, h));
  const oneEntry = (r: Record<string, unknown>) => {
    const values = Object.values(r);
    if (values.length !== 1)
      throw new DecisionError(table.decisionId, `mapDecisionResult ${mapping} needs one output per result, but the result has ${values.length}`);
    return values[0];
  };
  if (mapping === 'resultList') return results;
  if (mapping === 'collectEntries') return results.map(oneEntry);
  if (results.length > 1) throw new DecisionError(table.decisionId, `mapDecisionResult ${mapping} needs at most one result, but ${results.length} rules match`);
  if (!results[0]) return null;
  return mapping === 'singleEntry' ? oneEntry(results[0]) : results[0];
}

/** The matched rules the hit policy keeps, with their evaluated outputs (one at most for single-hit policies). */
function selectHits(table: DecisionTable, variables: Record<string, unknown>): Hit[] {
  const inputs = table.inputs.map((input) => {
    try {
      return evaluateFeel(input.expression, variables);
    } catch (err) {
      throw new DecisionError(table.decisionId, `input "${input.label}" (${input.expression}) failed: ${(err as Error).message}`);
    }
  });
  const matched = table.rules.filter((rule) => rule.inputEntries.every((entry, i) => matches(table, rule.id, entry, inputs[i], variables)));
  const outputs: Hit[] = matched.map((rule) => ({ rule: rule.id, values: ruleOutputs(table, rule, variables) }));

  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (outputs.length > 1)
        throw new DecisionError(table.decisionId, `the hit policy is UNIQUE but rules ${outputs.map((o) => o.rule).join(', ')} all match`);
      return outputs;
    case 'FIRST':
      return outputs.slice(0, 1);
    case 'ANY': {
      const first = outputs[0];
      const differing = outputs.find((o) => JSON.stringify(o.values) !== JSON.stringify(first?.values));
      if (first && differing)
        throw new DecisionError(table.decisionId, `the hit policy is ANY but rules ${first.rule} and ${differing.rule} match with different outputs`);
      return outputs.slice(0, 1);
    }
    case 'PRIORITY': {
      const ranked = outputs.map((o, order) => ({ o, order, rank: priorityRank(table, o.values) }));
      ranked.sort((a, b) => compareRanks(a.rank, b.rank) || a.order - b.order);
      return ranked.slice(0, 1).map((r) => r.o);
    }
    case 'RULE ORDER':
    case 'COLLECT':
      return outputs;
  }
}

function outputContext(table: DecisionTable, hit: Hit): Record<string, unknown> {
  return Object.fromEntries(table.outputs.map((out, i) => [out.name, hit.values[i]]));
}

function matches(table: DecisionTable, ruleId: string, entry: string, input: unknown, variables: Record<string, unknown>): boolean {
  const text = entry.trim();
  if (text === '' || text === '-') return true;
  try {
    return unaryTest(text, { ...variables, '?': input }).value === true;
  } catch (err) {
    throw new DecisionError(table.decisionId, `the input entry "${text}" of rule ${ruleId} failed: ${(err as Error).message}`);
  }
}

function ruleOutputs(table: DecisionTable, rule: DecisionTable['rules'][number], variables: Record<string, unknown>): unknown[] {
  return rule.outputEntries.map((entry, i) => {
    const text = stripFeelPrefix(entry);
    if (text === '') return null;
    try {
      return toJson(evaluateFeel(text, variables));
    } catch (err) {
      throw new DecisionError(table.decisionId, `the output "${table.outputs[i]?.name ?? i + 1}" of rule ${rule.id} failed: ${(err as Error).message}`);
    }
  });
}

/** Position of each output value in its output's list of values (earlier = higher priority); unlisted values rank last. */
function priorityRank(table: DecisionTable, values: unknown[]): number[] {
  return table.outputs.map((out, i) => {
    const listed = (out.outputValues ?? []).map((v) => JSON.stringify(toJson(evaluateFeel(v, {}))));
    const at = listed.indexOf(JSON.stringify(values[i]));
    return at < 0 ? listed.length : at;
  });
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

function collect(table: DecisionTable, values: unknown[]): unknown {
  if (!table.aggregation) return values;
  if (table.aggregation === 'COUNT') return values.length;
  if (values.length === 0) return null;
  if (!values.every((v): v is number => typeof v === 'number')) {
    throw new DecisionError(
      table.decisionId,
      `the hit policy COLLECT ${table.aggregation} needs numbers, but the matched rules give ${JSON.stringify(values)}`,
    );
  }
  if (table.aggregation === 'SUM') return values.reduce((sum, v) => sum + v, 0);
  return table.aggregation === 'MIN' ? Math.min(...values) : Math.max(...values);
}

function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}
