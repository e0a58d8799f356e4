// Camunda 7 (JUEL) conditions translated to FEEL at deploy (issue 15).
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { translateJuel } from '../src/compiler/juel';
import { evaluateCondition } from '../src/feel';
import { between, flow, userTask } from './support/bpmn';
import { errorsOf } from './support/compile';

const feel = (juel: string) => {
  const t = translateJuel(juel);
  if (!t.ok) throw new Error(`refused ${juel}: ${t.reason}`);
  return t.feel;
};
const refusal = (juel: string) => {
  const t = translateJuel(juel);
  if (t.ok) throw new Error(`translated ${juel} to ${t.feel}`);
  return t.reason;
};

describe('translateJuel', () => {
  it.each([
    ['${amount > 1000}', '=amount > 1000'],
    ['${approved}', '=approved'],
    ["${status == 'ok' && !urgent}", '=status = "ok" and not(urgent)'],
    ['#{a.b.c}', '=a.b.c'],
    ['${a != b}', '=a != b'],
    ['${a < 1 || a <= 2 || a >= 3 || a > 4}', '=a < 1 or a <= 2 or a >= 3 or a > 4'],
    ['${a eq 1 and b ne 2 or not c}', '=a = 1 and b != 2 or not(c)'],
    ['${a lt 1 && a le 2 && a gt 0 && a ge 0}', '=a < 1 and a <= 2 and a > 0 and a >= 0'],
    ['${a + b - c * d / e}', '=a + b - c * d / e'],
    ['${a div 2 mod 3}', '=modulo(a / 2, 3)'],
    ['${a % 2 == 0}', '=modulo(a, 2) = 0'],
    ['${-a > -1.5}', '=-a > -1.5'],
    ['${x == null || x == true || x == false}', '=x = null or x = true or x = false'],
    ['${(a || b) && c}', '=(a or b) and c'],
    ['${a || (b && c)}', '=a or (b and c)'],
    ['${!(a > 1)}', '=not(a > 1)'],
    ['${!a.b}', '=not(a.b)'],
    ['${-(a + b) * 2}', '=-(a + b) * 2'],
    ['${a < b == c}', '=(a < b) = c'],
    ['${empty nama}', '=(nama = null or (nama instance of string and nama = "") or (nama instance of list and count(nama) = 0))'],
    ['${not empty berkas}', '=not((berkas = null or (berkas instance of string and berkas = "") or (berkas instance of list and count(berkas) = 0)))'],
    ["${a ? 'x' : 'y'}", '=(if a then "x" else "y")'],
    ["${s == 'it\\'s \"so\"'}", '=s = "it\'s \\"so\\""'],
    ['${s == "back\\\\slash"}', '=s = "back\\\\slash"'],
    ['  ${ .5 + 2. }  ', '=0.5 + 2'],
  ])('%s -> %s', (juel, expected) => {
    expect(feel(juel)).toBe(expected);
  });

  it.each([
    ['${order.getTotal() > 10}', 'calls the method or function "order.getTotal(...)"'],
    ['${myBean.check(x)}', 'calls the method or function "myBean.check(...)"'],
    ['${isOk()}', 'calls the method or function "isOk(...)"'],
    ["${map['k'] > 1}", 'with brackets'],
    ['${execution.getVariable("x")}', 'Camunda 7 engine object'],
    ['${task}', 'Camunda 7 engine object'],
    ['${a} ${b}', 'mixes text and expressions'],
    ['amount ${a}', 'mixes text and expressions'],
    ['${1e3 > a}', 'exponent'],
    ['${a instanceof b}', 'instanceof'],
    ['${a > }', 'ends too early'],
    ['${(a > 1}', 'expected ")"'],
    ["${s == 'open}", 'no closing quote'],
    ['${a = 1}', '"=" at character 3'],
    ['${}', 'empty'],
    ['${a ? b}', 'expected ":"'],
  ])('refuses %s', (juel, reason) => {
    expect(refusal(juel)).toContain(reason);
  });

  it('keeps JUEL meaning when evaluated as FEEL', () => {
    const run = (juel: string, vars: Record<string, unknown>) => evaluateCondition(feel(juel).slice(1), vars);
    expect(run("${status == 'ok' && !urgent}", { status: 'ok', urgent: false })).toBe(true);
    expect(run("${status == 'ok' && !urgent}", { status: 'ok', urgent: true })).toBe(false);
    expect(run('${a + 2 * 3 == 7}', { a: 1 })).toBe(true);
    expect(run('${(a + 2) * 3 == 9}', { a: 1 })).toBe(true);
    for (const [value, empty] of [
      [null, true],
      ['', true],
      [[], true],
      ['x', false],
      [[1], false],
      [5, false],
    ] as const) {
      expect(run('${empty v}', { v: value }), JSON.stringify(value)).toBe(empty);
      expect(run('${not empty v}', { v: value }), JSON.stringify(value)).toBe(!empty);
    }
    expect(run('${empty missing}', {})).toBe(true);
  });
});

describe('Camunda 7 conditions in a diagram', () => {
  const gateway = (c1: string) =>
    between(
      `<bpmn:exclusiveGateway id="g" name="Cek" default="g2"/>${flow('g1', 'g', 'a', c1).replace('id="g1"', 'id="g1" name="Besar"')}${flow('g2', 'g', 'b')}${userTask('a')}${userTask('b')}${flow('fa', 'a', 'end')}${flow('fb', 'b', 'end')}`,
      'g',
    ).replace(flow('fOut', 'g', 'end'), '');

  it('runs a translatable JUEL condition as FEEL, with a warning showing the FEEL', async () => {
    const result = await compileBpmn(gateway('${amount &gt; 1000}'));
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.flows.g1!.condition).toBe('amount > 1000');
    expect(result.warnings).toContainEqual({
      elementId: 'g1',
      message: 'Condition of flow "Besar" was JUEL ${amount > 1000}; Alur runs it as the FEEL =amount > 1000',
    });
  });

  it('also with xsi:type tFormalExpression and language="juel"', async () => {
    const xml = gateway('X').replace(
      '<bpmn:conditionExpression>X</bpmn:conditionExpression>',
      '<bpmn:conditionExpression xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression" language="juel">#{approved}</bpmn:conditionExpression>',
    );
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.flows.g1!.condition).toBe('approved');
  });

  it('refuses what it cannot translate, naming the flow and the expression', async () => {
    const errors = await errorsOf(gateway('${orderService.isBig(amount)}'));
    expect(errors).toContainEqual({
      elementId: 'g1',
      message:
        'The condition ${orderService.isBig(amount)} of sequence flow "Besar" is a Camunda 7 (JUEL) expression Alur cannot translate: it calls the method or function "orderService.isBig(...)"; only variables, values and operators can be translated; write it in FEEL, e.g. =amount > 1000',
    });
  });
});

describe('Camunda 7 expressions beyond conditions', () => {
  /** A Camunda 7 user task `t` (due date, input parameter, multi-instance) with a timer boundary event. */
  const c7Task = (opts: { due?: string; input?: string; completion?: string; timer?: string }) =>
    between(
      `<bpmn:userTask id="t" name="Periksa" camunda:candidateGroups="staf"${opts.due ? ` camunda:dueDate="${opts.due}"` : ''}>` +
        (opts.input
          ? `<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="lama">${opts.input}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>`
          : '') +
        (opts.completion
          ? `<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${berkas}" camunda:elementVariable="b"><bpmn:completionCondition>${opts.completion}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`
          : '') +
        '</bpmn:userTask>' +
        (opts.timer
          ? `<bpmn:boundaryEvent id="batas" name="Batas" attachedToRef="t"><bpmn:timerEventDefinition><bpmn:timeDuration>${opts.timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('fb', 'batas', 'end')}`
          : ''),
      't',
    );

  it('translates a due date, an input parameter, a completion condition and a timer, each with a warning showing the FEEL', async () => {
    const result = await compileBpmn(
      c7Task({ due: '${tenggat}', input: '${masa + 1}', completion: '${nrOfCompletedInstances &gt;= nrOfInstances / 2}', timer: '${batasWaktu}' }),
    );
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    const t = result.ir.nodes.t as unknown as Record<string, unknown>;
    expect(t.schedule).toEqual({ dueDate: '=tenggat' });
    expect(t.io).toEqual({ inputs: [{ target: 'lama', source: 'masa + 1' }], outputs: [] });
    expect(t.multiInstance).toMatchObject({ completionCondition: 'numberOfCompletedInstances >= numberOfInstances / 2' });
    expect(result.ir.nodes.batas).toMatchObject({ timer: { duration: '=batasWaktu' } });
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { elementId: 't', message: 'The due date of user task "Periksa" was JUEL ${tenggat}; Alur runs it as the FEEL =tenggat' },
        { elementId: 't', message: 'The input parameter "lama" of user task "Periksa" was JUEL ${masa + 1}; Alur runs it as the FEEL =masa + 1' },
        {
          elementId: 't',
          message:
            'The completion condition of user task "Periksa" was JUEL ${nrOfCompletedInstances >= nrOfInstances / 2}; Alur runs it as the FEEL =numberOfCompletedInstances >= numberOfInstances / 2',
        },
        { elementId: 'batas', message: 'The duration of timer boundary event "Batas" was JUEL ${batasWaktu}; Alur runs it as the FEEL =batasWaktu' },
      ]),
    );
  });

  it('refuses what it cannot translate, naming the element and the expression', async () => {
    const errors = await errorsOf(c7Task({ due: '${kalender.tambah(3)}', timer: '${execution.getVariable(&quot;x&quot;)}' }));
    expect(errors).toEqual([
      {
        elementId: 't',
        message:
          'The due date of user task "Periksa" is the Camunda 7 (JUEL) expression ${kalender.tambah(3)}, which Alur cannot translate: it calls the method or function "kalender.tambah(...)"; only variables, values and operators can be translated; write it in FEEL, e.g. =now() + duration("P3D")',
      },
      {
        elementId: 'batas',
        message:
          'The duration of timer boundary event "Batas" is the Camunda 7 (JUEL) expression ${execution.getVariable("x")}, which Alur cannot translate: "execution" is a Camunda 7 engine object (Java), not a case variable; write it in FEEL, e.g. =tenggat',
      },
    ]);
    expect(await errorsOf(c7Task({ input: 'Hari ke-${hari}' }))).toEqual([
      {
        elementId: 't',
        message:
          'The input parameter "lama" of user task "Periksa" is the Camunda 7 (JUEL) expression Hari ke-${hari}, which Alur cannot translate: it mixes text and expressions; write one expression ${...}; write it in FEEL, e.g. =pemohon.nama',
      },
    ]);
  });
});
