// Random well-formed BPMN diagrams for the property-based test
// (test/integration/random-diagrams.test.ts): a fast-check arbitrary of a
// block-structured process (sequences, exclusive and parallel gateways with
// their joins, loops back to an earlier gateway, embedded sub-processes,
// script tasks with FEEL over a few variables, user tasks, timer boundary
// events on user tasks, error end events in sub-processes caught by a boundary
// event or by nothing) and its rendering
// to BPMN XML in Camunda 8 (zeebe) form.
//
// Well-formed by construction: every node is reachable from its scope's start
// event and has a path to an end event. A branch of an exclusive gateway may
// end early at an end event; a plain end event only where no parallel gateway
// of the same scope waits for the branch (else the join would wait forever,
// which is BPMN, not a fault), a terminate end event anywhere.
import fc from 'fast-check';

/** The case variables the expressions read and write. */
export const VARIABLES = ['a', 'b', 'c', 'flag'] as const;

export type Block =
  | { kind: 'script'; expression: string; result: string }
  | { kind: 'user' }
  | { kind: 'seq'; items: Block[] }
  | { kind: 'xor'; branches: XorBranch[]; withDefault: boolean }
  | { kind: 'and'; branches: (Block | null)[] }
  | { kind: 'loop'; body: Block; counter: string; increment: boolean; limit: number }
  | { kind: 'sub'; body: Block }
  /** A sub-process whose body ends at an error end event when `condition` holds; a boundary event catches it (or nothing does: an incident). */
  | { kind: 'guarded'; body: Block; condition: string; caught: boolean }
  /** A user task with a timer boundary event of one second: interrupting (on to the same join), or not (its own end event). */
  | { kind: 'timed'; interrupting: boolean };

export interface XorBranch {
  /** FEEL condition of the branch's flow (unused for the default flow, the last branch when withDefault). */
  condition: string;
  body: Block | null;
  /** The branch ends here instead of joining again: at a plain end event, or a terminate end event. */
  end: 'none' | 'plain' | 'terminate';
}

const numberVar = fc.constantFrom('a', 'b', 'c');

/** Conditions over the variables; a missing variable makes a comparison null, which holds for no flow. */
const condition: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(numberVar, fc.constantFrom('>', '<', '=', '>=', '!='), fc.integer({ min: -2, max: 8 })).map(([v, op, n]) => `=${v} ${op} ${n}`),
  fc.tuple(numberVar, numberVar).map(([x, y]) => `=${x} < ${y}`),
  fc.constantFrom('=flag = true', '=flag = false', '=a + b > 5', '=is defined(c) and c > 1', '=true', '=false'),
);

/** Script tasks: ordinary arithmetic, a string, a list, a call of an unknown function (null), and expensive ones over the FEEL budget or near it. */
const script: fc.Arbitrary<Block> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(numberVar, fc.integer({ min: 1, max: 3 })).map(([v, n]): Block => ({ kind: 'script', expression: `=${v} + ${n}`, result: v })),
  },
  { weight: 2, arbitrary: fc.tuple(numberVar, numberVar).map(([x, y]): Block => ({ kind: 'script', expression: `=${x} * 2 - ${y}`, result: y })) },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'script', expression: '=not(flag)', result: 'flag' }) },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'script', expression: '=string(a) + "-" + string(b)', result: 'label' }) },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'script', expression: '=sum(for i in 1..a return i)', result: 'c' }) },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'script', expression: '=tidakAda(a)', result: 'b' }) },
  // A constant range over the budget is refused at deploy; one over a variable fails at run time (an incident) unless a is 0.
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'script', expression: '=count(for i in 1..(a * 1000000) return i)', result: 'c' }) },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'script', expression: '=count(for i in 1..(b * 1000) return i)', result: 'c' }) },
);

const leaf: fc.Arbitrary<Block> = fc.oneof(
  { weight: 5, arbitrary: script },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: 'user' }) },
  { weight: 1, arbitrary: fc.boolean().map((interrupting): Block => ({ kind: 'timed', interrupting })) },
);

/** A block of at most `depth` levels of nesting. */
export function block(depth: number): fc.Arbitrary<Block> {
  if (depth <= 0) return leaf;
  const inner = block(depth - 1);
  const maybe = fc.option(inner, { nil: null, freq: 3 });
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 3, arbitrary: fc.array(inner, { minLength: 2, maxLength: 3 }).map((items): Block => ({ kind: 'seq', items })) },
    {
      weight: 3,
      arbitrary: fc
        .record({
          branches: fc.array(fc.record({ condition, body: maybe, end: fc.constantFrom<XorBranch['end']>('none', 'none', 'none', 'plain', 'terminate') }), {
            minLength: 2,
            maxLength: 3,
          }),
          withDefault: fc.boolean(),
        })
        // One branch at least goes on to the join, so what follows the block is reachable.
        .map(({ branches, withDefault }): Block => ({ kind: 'xor', withDefault, branches: branches.map((b, i) => (i === 0 ? { ...b, end: 'none' } : b)) })),
    },
    { weight: 2, arbitrary: fc.array(maybe, { minLength: 2, maxLength: 3 }).map((branches): Block => ({ kind: 'and', branches })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ body: inner, counter: numberVar, increment: fc.boolean(), limit: fc.integer({ min: 0, max: 6 }) })
        .map((l): Block => ({ kind: 'loop', ...l })),
    },
    { weight: 1, arbitrary: inner.map((body): Block => ({ kind: 'sub', body })) },
    { weight: 1, arbitrary: fc.record({ body: inner, condition, caught: fc.boolean() }).map((g): Block => ({ kind: 'guarded', ...g })) },
  );
}

export interface RandomDiagram {
  key: string;
  xml: string;
  /** Every element id in the diagram (the process, nodes and flows). */
  ids: Set<string>;
  userTasks: number;
}

/** Start variables: each a value, or missing. */
export const startVariables: fc.Arbitrary<Record<string, unknown>> = fc.record(
  { a: fc.integer({ min: -2, max: 8 }), b: fc.integer({ min: -2, max: 8 }), c: fc.integer({ min: -2, max: 8 }), flag: fc.boolean() },
  { requiredKeys: [] },
);

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The process in BPMN XML; `key` is its process id (the SOP key). */
export function renderDiagram(key: string, root: Block): RandomDiagram {
  let n = 0;
  const ids = new Set<string>([key]);
  let userTasks = 0;
  const errorId = `Err_${key}`;
  ids.add(errorId);
  const id = (prefix: string) => {
    const made = `${prefix}_${++n}`;
    ids.add(made);
    return made;
  };

  interface Scope {
    xml: string[];
  }
  const flow = (scope: Scope, from: string, to: string, cond?: string) => {
    const f = id('Flow');
    scope.xml.push(
      cond === undefined
        ? `<bpmn:sequenceFlow id="${f}" sourceRef="${from}" targetRef="${to}"/>`
        : `<bpmn:sequenceFlow id="${f}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${escape(cond)}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
    return f;
  };
  const endEvent = (scope: Scope, terminate: boolean) => {
    const e = id(terminate ? 'Terminate' : 'End');
    scope.xml.push(terminate ? `<bpmn:endEvent id="${e}"><bpmn:terminateEventDefinition/></bpmn:endEvent>` : `<bpmn:endEvent id="${e}"/>`);
    return e;
  };

  /** Renders `b` into `scope`; returns its entry and exit node ids. `underAnd`: a parallel join of this scope waits for this block. */
  const render = (b: Block, scope: Scope, underAnd: boolean): { first: string; last: string } => {
    switch (b.kind) {
      case 'script': {
        const s = id('Script');
        scope.xml.push(
          `<bpmn:scriptTask id="${s}" name="Hitung ${s}"><bpmn:extensionElements><zeebe:script expression="${escape(b.expression)}" resultVariable="${b.result}"/></bpmn:extensionElements></bpmn:scriptTask>`,
        );
        return { first: s, last: s };
      }
      case 'user': {
        const t = id('Task');
        userTasks++;
        scope.xml.push(
          `<bpmn:userTask id="${t}" name="Periksa ${t}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>`,
        );
        return { first: t, last: t };
      }
      case 'seq': {
        const parts = b.items.map((item) => render(item, scope, underAnd));
        for (let i = 1; i < parts.length; i++) flow(scope, parts[i - 1]!.last, parts[i]!.first);
        return { first: parts[0]!.first, last: parts.at(-1)!.last };
      }
      case 'xor': {
        const split = id('Gateway');
        const join = id('Join');
        const out: string[] = [];
        let defaultFlow: string | undefined;
        b.branches.forEach((branch, i) => {
          const isDefault = b.withDefault && i === b.branches.length - 1;
          const cond = isDefault ? undefined : branch.condition;
          const end = branch.end === 'plain' && underAnd ? 'terminate' : branch.end;
          const inner = branch.body ? render(branch.body, scope, underAnd) : undefined;
          const target = inner?.first ?? (end === 'none' ? join : endEvent(scope, end === 'terminate'));
          const f = flow(scope, split, target, cond);
          if (isDefault) defaultFlow = f;
          if (inner) flow(scope, inner.last, end === 'none' ? join : endEvent(scope, end === 'terminate'));
        });
        out.push(
          `<bpmn:exclusiveGateway id="${split}" name="Pilih ${split}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`,
          `<bpmn:exclusiveGateway id="${join}"/>`,
        );
        scope.xml.push(...out);
        return { first: split, last: join };
      }
      case 'and': {
        const split = id('Fork');
        const join = id('Sync');
        scope.xml.push(`<bpmn:parallelGateway id="${split}"/>`, `<bpmn:parallelGateway id="${join}"/>`);
        for (const branch of b.branches) {
          if (!branch) {
            flow(scope, split, join);
            continue;
          }
          const inner = render(branch, scope, true);
          flow(scope, split, inner.first);
          flow(scope, inner.last, join);
        }
        return { first: split, last: join };
      }
      case 'loop': {
        // join -> [counter + 1] -> body -> check: back to the join while counter < limit, else on (the default flow).
        const entry = id('Again');
        const check = id('Check');
        scope.xml.push(`<bpmn:exclusiveGateway id="${entry}"/>`);
        let first = entry;
        if (b.increment) {
          const inc = id('Count');
          scope.xml.push(
            `<bpmn:scriptTask id="${inc}" name="Tambah ${b.counter}"><bpmn:extensionElements><zeebe:script expression="=if ${b.counter} = null then 1 else ${b.counter} + 1" resultVariable="${b.counter}"/></bpmn:extensionElements></bpmn:scriptTask>`,
          );
          flow(scope, entry, inc);
          first = inc;
        }
        const inner = render(b.body, scope, underAnd);
        flow(scope, first, inner.first);
        flow(scope, inner.last, check);
        flow(scope, check, entry, `=${b.counter} < ${b.limit}`);
        const exit = id('Exit');
        scope.xml.push(`<bpmn:exclusiveGateway id="${check}" name="Ulang ${check}?" default="${exit}Flow"/>`, `<bpmn:exclusiveGateway id="${exit}"/>`);
        const exitFlow = `${exit}Flow`;
        ids.add(exitFlow);
        scope.xml.push(`<bpmn:sequenceFlow id="${exitFlow}" sourceRef="${check}" targetRef="${exit}"/>`);
        return { first: entry, last: exit };
      }
      case 'sub':
      case 'guarded': {
        const sub = id('Sub');
        const inside: Scope = { xml: [] };
        const start = id('SubStart');
        inside.xml.push(`<bpmn:startEvent id="${start}"/>`);
        const body = render(b.body, inside, false);
        flow(inside, start, body.first);
        if (b.kind === 'sub') {
          flow(inside, body.last, endEvent(inside, false));
          scope.xml.push(`<bpmn:subProcess id="${sub}" name="Sub ${sub}">${inside.xml.join('')}</bpmn:subProcess>`);
          return { first: sub, last: sub };
        }
        const check = id('Refuse');
        const thrown = id('Thrown');
        const fine = `${check}Fine`;
        ids.add(fine);
        flow(inside, body.last, check);
        inside.xml.push(
          `<bpmn:exclusiveGateway id="${check}" name="Tolak ${check}?" default="${fine}"/>`,
          `<bpmn:endEvent id="${thrown}"><bpmn:errorEventDefinition errorRef="${errorId}"/></bpmn:endEvent>`,
        );
        flow(inside, check, thrown, b.condition);
        const end = endEvent(inside, false);
        inside.xml.push(`<bpmn:sequenceFlow id="${fine}" sourceRef="${check}" targetRef="${end}"/>`);
        scope.xml.push(`<bpmn:subProcess id="${sub}" name="Sub ${sub}">${inside.xml.join('')}</bpmn:subProcess>`);
        if (!b.caught) return { first: sub, last: sub };
        const join = id('Caught');
        const boundary = id('OnError');
        scope.xml.push(
          `<bpmn:boundaryEvent id="${boundary}" attachedToRef="${sub}"><bpmn:errorEventDefinition errorRef="${errorId}"/></bpmn:boundaryEvent>`,
          `<bpmn:exclusiveGateway id="${join}"/>`,
        );
        flow(scope, sub, join);
        flow(scope, boundary, join);
        return { first: sub, last: join };
      }
      case 'timed': {
        const t = id('Task');
        userTasks++;
        const boundary = id('Late');
        scope.xml.push(
          `<bpmn:userTask id="${t}" name="Periksa ${t}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>`,
          `<bpmn:boundaryEvent id="${boundary}" attachedToRef="${t}" cancelActivity="${b.interrupting}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
        );
        if (!b.interrupting) {
          // An extra token: it may end on its own, even where a parallel join waits for the task's.
          flow(scope, boundary, endEvent(scope, false));
          return { first: t, last: t };
        }
        const join = id('OnTime');
        scope.xml.push(`<bpmn:exclusiveGateway id="${join}"/>`);
        flow(scope, t, join);
        flow(scope, boundary, join);
        return { first: t, last: join };
      }
    }
  };

  const top: Scope = { xml: [] };
  const start = id('Start');
  top.xml.push(`<bpmn:startEvent id="${start}"/>`);
  const body = render(root, top, false);
  flow(top, start, body.first);
  flow(top, body.last, endEvent(top, false));
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_${key}" targetNamespace="https://alur.go.id/test/acak">
<bpmn:error id="${errorId}" name="Ditolak" errorCode="DITOLAK"/>
<bpmn:process id="${key}" name="Acak ${key}" isExecutable="true">
${top.xml.join('\n')}
</bpmn:process>
</bpmn:definitions>`;
  return { key, xml, ids, userTasks };
}

/** The diagram with one sequence flow left out (a broken diagram the compiler must refuse or accept, naming elements, never throwing). */
export function withoutOneFlow(d: RandomDiagram, pick: number): { xml: string; removed: string } | undefined {
  const flows = [...d.xml.matchAll(/<bpmn:sequenceFlow id="([^"]+)"[^>]*?(?:\/>|>.*?<\/bpmn:sequenceFlow>)/g)];
  if (flows.length === 0) return undefined;
  const m = flows[pick % flows.length]!;
  return { xml: d.xml.replace(m[0], ''), removed: m[1]! };
}
