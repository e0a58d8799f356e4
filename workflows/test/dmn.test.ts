import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDmn } from '../src/compiler/dmn';
import { DecisionError, evaluateDecision, evaluateDecisionCamunda7 } from '../src/interpreter/dmn-evaluate';
import type { DecisionTable, DmnAggregation, DmnHitPolicy } from '../src/ir';

const fixture = readFileSync(new URL('../../test/fixtures/kategori-pengaduan.dmn', import.meta.url), 'utf8');

async function decisions(xml: string): Promise<Record<string, DecisionTable>> {
  const result = await compileDmn(xml);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n'));
  return Object.fromEntries(result.decisions.map((d) => [d.decisionId, d]));
}

async function errorsOf(xml: string) {
  const result = await compileDmn(xml);
  if (result.ok) throw new Error('expected the DMN to be rejected');
  return result.errors;
}

/** A DMN file with one decision table `d`. */
const dmn = (table: string, decisionExtra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs" name="uji" namespace="http://alur.test">
  <decision id="d" name="Uji">${decisionExtra}${table}</decision>
</definitions>`;

/** One input `x`, one output `hasil`, and rules as [input entry, output entry]. */
const table = (hitPolicy: string, rules: [string, string][], aggregation?: string) =>
  dmn(`<decisionTable id="t" hitPolicy="${hitPolicy}"${aggregation ? ` aggregation="${aggregation}"` : ''}>
    <input id="i1" label="X"><inputExpression id="e1" typeRef="number"><text>x</text></inputExpression></input>
    <output id="o1" name="hasil" typeRef="string"><outputValues><text>"tinggi","sedang","rendah"</text></outputValues></output>
    ${rules.map(([input, output], i) => `<rule id="r${i + 1}"><inputEntry id="ie${i + 1}"><text>${input}</text></inputEntry><outputEntry id="oe${i + 1}"><text>${output}</text></outputEntry></rule>`).join('')}
  </decisionTable>`);

describe('compileDmn', () => {
  it('compiles a Camunda Modeler DMN file with two decisions (DI and modeler attributes ignored)', async () => {
    const tables = await decisions(fixture);
    expect(Object.keys(tables)).toEqual(['kategoriPengaduan', 'biayaLayanan']);
    expect(tables.kategoriPengaduan).toMatchObject({
      name: 'Kategori pengaduan',
      hitPolicy: 'UNIQUE',
      inputs: [
        { id: 'Input_jenis', label: 'Jenis pengaduan', expression: 'jenis' },
        { id: 'Input_kerugian', expression: 'nilaiKerugian' },
      ],
      outputs: [{ name: 'kategori', outputValues: ['"berat"', '"normatif"', '"ringan"'] }, { name: 'hariKerja' }],
    });
    expect(tables.kategoriPengaduan!.rules[1]).toEqual({ id: 'Rule_besar', inputEntries: ['"layanan"', '>= 10000000'], outputEntries: ['"normatif"', '14'] });
    expect(tables.biayaLayanan).toMatchObject({ hitPolicy: 'COLLECT', aggregation: 'SUM' });
  });

  it('refuses what it cannot evaluate, naming the decision or rule', async () => {
    expect(await errorsOf(table('OUTPUT ORDER', [['-', '"a"']]))).toEqual([
      { elementId: 'd', message: expect.stringMatching(/hit policy OUTPUT ORDER, which is not supported/) },
    ]);
    expect(await errorsOf(dmn('<literalExpression id="l"><text>1</text></literalExpression>'))).toEqual([
      { elementId: 'd', message: 'Decision "Uji" (d) is a LiteralExpression; only decision tables are supported' },
    ]);
    expect(
      await errorsOf(
        table('UNIQUE', [
          ['&lt; 10 20', '"a"'],
          ['-', '"a" +'],
        ]),
      ),
    ).toEqual([
      { elementId: 'r1', message: expect.stringMatching(/^Rule r1 of decision "Uji" \(d\): the entry "< 10 20" for input "X" is not a valid FEEL unary test/) },
      {
        elementId: 'r2',
        message:
          'Rule r2 of decision "Uji" (d): the entry ""a" +" for output "hasil" is not valid FEEL: the expression is incomplete (unfinished arithmetic expression)',
      },
    ]);
    const required = dmn(
      table('UNIQUE', []).match(/<decisionTable[\s\S]*<\/decisionTable>/)![0],
      '<informationRequirement id="ir"><requiredDecision href="#other"/></informationRequirement>',
    );
    expect((await errorsOf(required))[0]).toEqual({
      elementId: 'd',
      message: expect.stringMatching(/requires other decisions; decision requirement graphs are not supported yet/),
    });
    expect(await errorsOf(table('COLLECT', [['-', '"a"']], 'AVG'))).not.toHaveLength(0);
    expect((await errorsOf('<definitions'))[0]!.message).toMatch(/not valid DMN XML/);
  });

  it('refuses expression languages other than FEEL', async () => {
    const juel = table('UNIQUE', [['-', '"a"']]).replace(
      '<inputExpression id="e1" typeRef="number">',
      '<inputExpression id="e1" typeRef="number" expressionLanguage="juel">',
    );
    expect(await errorsOf(juel)).toEqual([{ elementId: 'i1', message: 'Input "X" of decision "Uji" (d) is written in "juel"; only FEEL is supported' }]);
  });
});

describe('evaluateDecision', () => {
  it('UNIQUE: the one matching rule, as a context when the table has several outputs; null when none matches', async () => {
    const { kategoriPengaduan: t } = await decisions(fixture);
    expect(evaluateDecision(t!, { jenis: 'pungli', nilaiKerugian: 0 })).toEqual({ kategori: 'berat', hariKerja: 60 });
    expect(evaluateDecision(t!, { jenis: 'layanan', nilaiKerugian: 25_000_000 })).toEqual({ kategori: 'normatif', hariKerja: 14 });
    expect(evaluateDecision(t!, { jenis: 'layanan', nilaiKerugian: 50_000 })).toEqual({ kategori: 'ringan', hariKerja: 2 });
    expect(evaluateDecision(t!, { jenis: 'lain' })).toBeNull();
  });

  it('UNIQUE: two matching rules are an error naming them', async () => {
    const { d } = await decisions(
      table('UNIQUE', [
        ['> 1', '"a"'],
        ['> 2', '"b"'],
      ]),
    );
    expect(evaluateDecision(d!, { x: 2 })).toBe('a');
    expect(() => evaluateDecision(d!, { x: 3 })).toThrow(new DecisionError('d', 'the hit policy is UNIQUE but rules r1, r2 all match'));
  });

  const rules: [string, string][] = [
    ['> 1', '"rendah"'],
    ['> 5', '"tinggi"'],
    ['> 3', '"sedang"'],
    ['> 3', '"rendah"'],
  ];
  const cases: [DmnHitPolicy, DmnAggregation | undefined, number, unknown][] = [
    ['FIRST', undefined, 6, 'rendah'],
    ['FIRST', undefined, 0, null],
    ['PRIORITY', undefined, 6, 'tinggi'],
    ['PRIORITY', undefined, 4, 'sedang'],
    ['RULE ORDER', undefined, 6, ['rendah', 'tinggi', 'sedang', 'rendah']],
    ['RULE ORDER', undefined, 0, []],
    ['COLLECT', undefined, 4, ['rendah', 'sedang', 'rendah']],
    ['COLLECT', 'COUNT', 4, 3],
    ['COLLECT', 'COUNT', 0, 0],
  ];
  it.each(cases)('%s %s with x = %d', async (hitPolicy, aggregation, x, expected) => {
    const { d } = await decisions(table(hitPolicy, rules, aggregation));
    expect(evaluateDecision(d!, { x })).toEqual(expected);
  });

  it('ANY: rules that match must agree', async () => {
    const { d } = await decisions(
      table('ANY', [
        ['> 1', '"a"'],
        ['> 2', '"a"'],
        ['> 3', '"b"'],
      ]),
    );
    expect(evaluateDecision(d!, { x: 3 })).toBe('a');
    expect(() => evaluateDecision(d!, { x: 4 })).toThrow(/ANY but rules r1 and r3 match with different outputs/);
  });

  it('COLLECT SUM, MIN, MAX over numbers computed by FEEL output entries', async () => {
    const { biayaLayanan: t } = await decisions(fixture);
    expect(evaluateDecision(t!, { jumlahBerkas: 3, kilat: true })).toBe(10000 + 15000 + 25000);
    expect(evaluateDecision(t!, { jumlahBerkas: 0, kilat: false })).toBe(10000);
    const numbers: [string, string][] = [
      ['> 0', '5'],
      ['> 1', '2'],
      ['> 2', '9'],
    ];
    expect(evaluateDecision((await decisions(table('COLLECT', numbers, 'MIN'))).d!, { x: 3 })).toBe(2);
    expect(evaluateDecision((await decisions(table('COLLECT', numbers, 'MAX'))).d!, { x: 3 })).toBe(9);
    expect(evaluateDecision((await decisions(table('COLLECT', numbers, 'SUM'))).d!, { x: 0 })).toBeNull();
    const texts = (await decisions(table('COLLECT', [['-', '"a"']], 'SUM'))).d!;
    expect(() => evaluateDecision(texts, { x: 0 })).toThrow(/COLLECT SUM needs numbers/);
  });

  it('input entries may use ranges, lists, negation and the input value `?`', async () => {
    const { d } = await decisions(
      table('FIRST', [
        ['[1..3]', '"a"'],
        ['not(4, 5)', '"b"'],
        ['? = 4', '"c"'],
        ['-', '"d"'],
      ]),
    );
    expect([2, 7, 4, 5].map((x) => evaluateDecision(d!, { x }))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('evaluateDecisionCamunda7 (camunda:mapDecisionResult)', () => {
  it('shapes the list of rule results as Camunda 7 does', async () => {
    const { kategoriPengaduan: t, biayaLayanan: sum } = await decisions(fixture);
    const vars = { jenis: 'layanan', nilaiKerugian: 50_000 };
    expect(evaluateDecisionCamunda7(t!, vars, 'resultList')).toEqual([{ kategori: 'ringan', hariKerja: 2 }]);
    expect(evaluateDecisionCamunda7(t!, vars, 'singleResult')).toEqual({ kategori: 'ringan', hariKerja: 2 });
    expect(evaluateDecisionCamunda7(t!, { jenis: 'lain' }, 'singleResult')).toBeNull();
    expect(() => evaluateDecisionCamunda7(t!, vars, 'singleEntry')).toThrow(/needs one output per result, but the result has 2/);
    expect(evaluateDecisionCamunda7(sum!, { jumlahBerkas: 1, kilat: false }, 'singleEntry')).toBe(15000);
    const { d } = await decisions(
      table('RULE ORDER', [
        ['> 1', '"a"'],
        ['> 2', '"b"'],
      ]),
    );
    expect(evaluateDecisionCamunda7(d!, { x: 3 }, 'collectEntries')).toEqual(['a', 'b']);
    expect(evaluateDecisionCamunda7(d!, { x: 3 }, 'resultList')).toEqual([{ hasil: 'a' }, { hasil: 'b' }]);
    expect(() => evaluateDecisionCamunda7(d!, { x: 3 }, 'singleEntry')).toThrow(/needs at most one result, but 2 rules match/);
  });
});
