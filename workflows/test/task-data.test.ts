// Compiler checks and evaluation of the data parts of activities: input/output
// mappings, user task forms and due dates, business rule tasks, and the
// binding of deployed forms and decisions at SOP deploy.
import { describe, expect, it } from 'vitest';
import { bindResources, compileBpmn, irHash, type CompileError } from '../src/compiler';
import type { DecisionTable, IrBusinessRuleTask, IrNode, IrUserTask, SopIR } from '../src/ir';
import { evaluateInputs, evaluateOutputs } from '../src/interpreter/io-mapping';
import { taskDates } from '../src/interpreter/task-schedule';
import { between, processXml, flow, userTask } from './support/bpmn';

async function compiled(xml: string): Promise<SopIR> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n'));
  return result.ir;
}

async function errorsOf(xml: string): Promise<CompileError[]> {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected the diagram to be rejected');
  return result.errors;
}

/** A user task `t` with extra extension elements and attributes. */
const task = (extensions: string, attrs = '') =>
  between(
    `<bpmn:userTask id="t" name="Periksa"${attrs ? ` ${attrs}` : ''}><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/>${extensions}</bpmn:extensionElements></bpmn:userTask>`,
    't',
  );

const zeebeIo = (inputs: [string, string][], outputs: [string, string][] = []) =>
  `<zeebe:ioMapping>${inputs.map(([s, t]) => `<zeebe:input source="${s}" target="${t}"/>`).join('')}${outputs.map(([s, t]) => `<zeebe:output source="${s}" target="${t}"/>`).join('')}</zeebe:ioMapping>`;

describe('input/output mappings: compiler', () => {
  it('compiles zeebe:ioMapping: FEEL sources without the =, other sources as fixed text', async () => {
    const ir = await compiled(
      task(
        zeebeIo(
          [
            ['=pemohon.nama', 'nama'],
            ['loket A', 'loket'],
          ],
          [['=keputusan = &quot;setuju&quot;', 'hasil.disetujui']],
        ),
      ),
    );
    expect(ir.nodes.t!.io).toEqual({
      inputs: [
        { source: 'pemohon.nama', target: 'nama' },
        { value: 'loket A', target: 'loket' },
      ],
      outputs: [{ source: 'keputusan = "setuju"', target: 'hasil.disetujui' }],
    });
  });

  it('compiles camunda:inputOutput: text, =FEEL, FEEL scripts, lists and maps', async () => {
    const io = `<camunda:inputOutput>
      <camunda:inputParameter name="teks">Selamat pagi</camunda:inputParameter>
      <camunda:inputParameter name="kosong"/>
      <camunda:inputParameter name="jumlah">=count(berkas)</camunda:inputParameter>
      <camunda:inputParameter name="skrip"><camunda:script scriptFormat="feel">upper case(nama)</camunda:script></camunda:inputParameter>
      <camunda:inputParameter name="daftar"><camunda:list><camunda:value>ktp</camunda:value><camunda:value>kk</camunda:value></camunda:list></camunda:inputParameter>
      <camunda:inputParameter name="peta"><camunda:map><camunda:entry key="a">1</camunda:entry></camunda:map></camunda:inputParameter>
      <camunda:outputParameter name="hasil">=keputusan</camunda:outputParameter>
    </camunda:inputOutput>`;
    const ir = await compiled(between(`<bpmn:manualTask id="m">${`<bpmn:extensionElements>${io}</bpmn:extensionElements>`}</bpmn:manualTask>`, 'm'));
    expect(ir.nodes.m!.io).toEqual({
      inputs: [
        { target: 'teks', value: 'Selamat pagi' },
        { target: 'kosong', value: null },
        { target: 'jumlah', source: 'count(berkas)' },
        { target: 'skrip', source: 'upper case(nama)' },
        { target: 'daftar', value: ['ktp', 'kk'] },
        { target: 'peta', value: { a: '1' } },
      ],
      outputs: [{ target: 'hasil', source: 'keputusan' }],
    });
  });

  it('refuses JUEL, other script languages, bad FEEL and bad targets, naming the element', async () => {
    const io = `<camunda:inputOutput>
      <camunda:inputParameter name="a">\${pemohon.getNama()}</camunda:inputParameter>
      <camunda:inputParameter name="b"><camunda:script scriptFormat="groovy">1 + 1</camunda:script></camunda:inputParameter>
      <camunda:inputParameter name="c"><camunda:list><camunda:value>#{x}</camunda:value></camunda:list></camunda:inputParameter>
      <camunda:outputParameter name="1x">=a</camunda:outputParameter>
    </camunda:inputOutput>`;
    const errors = await errorsOf(task(io));
    expect(errors.map((e) => e.elementId)).toEqual(['t', 't', 't', 't']);
    expect(errors.map((e) => e.message)).toEqual([
      'The input parameter "a" of user task "Periksa" is the Camunda 7 (JUEL) expression ${pemohon.getNama()}, which Alur cannot translate: it calls the method or function "pemohon.getNama(...)"; only variables, values and operators can be translated; write it in FEEL, e.g. =pemohon.nama',
      'The input parameter "b" of user task "Periksa" is a groovy script; only FEEL is supported (scriptFormat="feel", or write =expression as its value)',
      'The input parameter "c" of user task "Periksa" holds a Camunda 7 expression (#{x}); JUEL is not supported, write FEEL such as =pemohon.nama',
      'The output mapping target "1x" of user task "Periksa" is not a variable name or a dotted path of names (letters, digits and _)',
    ]);
    expect((await errorsOf(task(zeebeIo([['=a +', 'x']]))))[0]!.message).toMatch(
      /^The input mapping to "x" of user task "Periksa" has the expression "=a \+", which is not valid FEEL/,
    );
    expect((await errorsOf(task(zeebeIo([['', 'x']]))))[0]!.message).toMatch(/has no source/);
  });

  it('refuses mappings on elements whose mappings are not run (gateways), and inputs on events that send nothing', async () => {
    const gateway = processXml(
      `<bpmn:startEvent id="s"/>${flow('f', 's', 'g')}<bpmn:exclusiveGateway id="g"><bpmn:extensionElements>${zeebeIo([], [['=1', 'x']])}</bpmn:extensionElements></bpmn:exclusiveGateway>${flow('f2', 'g', 'e')}<bpmn:endEvent id="e"/>`,
    );
    expect(await errorsOf(gateway)).toEqual([
      { elementId: 'g', message: expect.stringMatching(/has input\/output mappings; they are not supported yet on this element/) },
    ]);
    const startInputs = processXml(
      `<bpmn:startEvent id="s"><bpmn:extensionElements>${zeebeIo([['=1', 'x']], [])}</bpmn:extensionElements></bpmn:startEvent>${flow('f', 's', 'e')}<bpmn:endEvent id="e"/>`,
    );
    expect(await errorsOf(startInputs)).toEqual([
      {
        elementId: 's',
        message:
          'Start event "s" has input mappings (to "x"); an event takes only output mappings, except a signal or message throw event, whose inputs are what it sends. Make them output mappings',
      },
    ]);
  });
});

describe('input/output mappings: evaluation', () => {
  const node = (io: IrNode['io']): IrNode => ({ id: 't', name: 'Periksa', type: 'manualTask', incoming: [], outgoing: [], boundaryEvents: [], io });

  it('inputs: in order, later ones seeing earlier ones; FEEL dates become ISO text', () => {
    const n = node({
      inputs: [
        { source: 'pemohon.nama', target: 'nama' },
        { source: 'upper case(nama)', target: 'judul' },
        { value: 'A', target: 'loket.kode' },
        { source: 'date("2026-12-01")', target: 'tanggal' },
      ],
      outputs: [],
    });
    expect(evaluateInputs(n, { pemohon: { nama: 'Ani' } })).toEqual({ nama: 'Ani', judul: 'ANI', loket: { kode: 'A' }, tanggal: '2026-12-01' });
  });

  it('outputs: from the case, the locals and the result; a dotted target changes a copy of the case context', () => {
    const n = node({
      inputs: [],
      outputs: [
        { source: 'setuju and nama = "Ani"', target: 'hasil.disetujui' },
        { source: 'tidakAda', target: 'kosong' },
      ],
    });
    const variables = { hasil: { nomor: 7 } };
    expect(evaluateOutputs(n, variables, { nama: 'Ani' }, { setuju: true })).toEqual({ hasil: { nomor: 7, disetujui: true }, kosong: null });
    expect(variables).toEqual({ hasil: { nomor: 7 } });
  });

  it('a missing variable maps to null, as in Camunda 8', () => {
    const n = node({ inputs: [{ source: 'pemohon.nama', target: 'nama' }], outputs: [] });
    expect(evaluateInputs(n, {})).toEqual({ nama: null });
  });
});

describe('user task forms: compiler', () => {
  const embedded = (json: string, formKey = 'camunda-forms:bpmn:UserTaskForm_1') =>
    processXml(
      `<bpmn:extensionElements><zeebe:userTaskForm id="UserTaskForm_1">${json}</zeebe:userTaskForm></bpmn:extensionElements><bpmn:startEvent id="start"/>${flow('f1', 'start', 't')}` +
        userTask('t').replace('</bpmn:extensionElements>', `<zeebe:formDefinition formKey="${formKey}"/></bpmn:extensionElements>`) +
        `${flow('f2', 't', 'end')}<bpmn:endEvent id="end"/>`,
    );

  it('embeds a zeebe:userTaskForm schema', async () => {
    const ir = await compiled(embedded('{"id":"f","components":[{"type":"number","key":"jumlah","validate":{"min":1}}]}'));
    expect((ir.nodes.t as IrUserTask).form).toEqual({
      formKey: 'camunda-forms:bpmn:UserTaskForm_1',
      schema: { id: 'f', components: [{ type: 'number', key: 'jumlah', validate: { min: 1 } }] },
    });
  });

  it('refuses a missing or broken embedded form, naming the task', async () => {
    expect(await errorsOf(embedded('{}', 'camunda-forms:bpmn:Lain'))).toEqual([
      { elementId: 't', message: 'User task "t" uses the embedded form "Lain" (camunda-forms:bpmn:Lain), which is not in the process (zeebe:userTaskForm)' },
    ]);
    expect(await errorsOf(embedded('{"components":[{"type":"textfield"}]}'))).toEqual([
      {
        elementId: 't',
        message: 'The embedded form "UserTaskForm_1" of user task "t": component 1 (textfield) of the form has no valid key (the variable it fills)',
      },
    ]);
  });

  it('keeps formId (bound at deploy), external references and app form keys', async () => {
    expect((await compiled(task('<zeebe:formDefinition formId="izin" bindingType="deployment"/>'))).nodes.t).toMatchObject({ form: { formId: 'izin' } });
    expect((await compiled(task('<zeebe:formDefinition externalReference="https://contoh.go.id/f"/>'))).nodes.t).toMatchObject({
      form: { externalReference: 'https://contoh.go.id/f' },
    });
    const result = await compileBpmn(task('', 'camunda:formKey="embedded:app:forms/izin.html"'));
    expect(result.ok && result.ir.nodes.t).toMatchObject({ form: { formKey: 'embedded:app:forms/izin.html' } });
    expect(result.ok && result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/Alur shows the key on the task but cannot check what is submitted/),
    );
  });

  it('refuses version-tag binding, two form sources, generated Camunda 7 forms', async () => {
    expect((await errorsOf(task('<zeebe:formDefinition formId="izin" bindingType="versionTag" versionTag="v1"/>')))[0]!.message).toMatch(
      /binds its form "izin" by versionTag/,
    );
    expect((await errorsOf(task('<zeebe:formDefinition formId="a" formKey="b"/>')))[0]!.message).toMatch(
      /more than one of formKey, formId and externalReference/,
    );
    expect((await errorsOf(task('<zeebe:formDefinition formId="a"/>', 'camunda:formKey="b"')))[0]!.message).toMatch(/both a Camunda 8 form/);
    expect((await errorsOf(task('<camunda:formData><camunda:formField id="nama" type="string"/></camunda:formData>')))[0]).toEqual({
      elementId: 't',
      message: 'User task "Periksa" has a generated Camunda 7 form (camunda:formData); it is not supported, use a Camunda Form (form-js) instead',
    });
  });
});

describe('start forms', () => {
  it('keeps the form of the start event, for the API to check what a case starts with', async () => {
    const xml = task('').replace(
      '<bpmn:startEvent id="start"/>',
      '<bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formId="pengajuan"/></bpmn:extensionElements></bpmn:startEvent>',
    );
    const ir = await compiled(xml);
    expect(ir.nodes.start).toMatchObject({ type: 'startEvent', form: { formId: 'pengajuan' } });
    const bound = await bindResources(ir, { form: async () => undefined, decision: async () => undefined });
    expect(bound).toEqual({
      ok: false,
      errors: [{ elementId: 'start', message: 'Start event "start" uses the form "pengajuan", which is not deployed; deploy it first (POST /api/forms)' }],
    });
  });
});

describe('user task due dates', () => {
  it('compiles fixed and FEEL dates, refuses bad ones', async () => {
    const ir = await compiled(task('<zeebe:taskSchedule dueDate="=tenggat" followUpDate="2026-12-01T09:00:00+07:00"/>'));
    expect((ir.nodes.t as IrUserTask).schedule).toEqual({ dueDate: '=tenggat', followUpDate: '2026-12-01T09:00:00+07:00' });
    expect(await errorsOf(task('<zeebe:taskSchedule dueDate="2026-12-01" followUpDate="=now() +"/>'))).toEqual([
      { elementId: 't', message: expect.stringMatching(/^User task "Periksa" has an invalid due date: "2026-12-01" has no UTC offset/) },
      { elementId: 't', message: expect.stringMatching(/^User task "Periksa" computes its follow-up date with "=now\(\) \+", which is not valid FEEL/) },
    ]);
    expect((await errorsOf(task('', 'camunda:dueDate="${tenggat.plus(1)}"')))[0]!.message).toMatch(
      /Camunda 7 \(JUEL\) expression \$\{tenggat.plus\(1\)\}, which Alur cannot translate/,
    );
    // A Camunda 7 due date with a plain FEEL equivalent is translated (juel.test.ts: the warning).
    expect(((await compiled(task('', 'camunda:dueDate="${tenggat}"'))).nodes.t as IrUserTask).schedule).toEqual({ dueDate: '=tenggat' });
  });

  it('evaluates them when the task opens, to UTC ISO text; a value that is no date-time is an incident', () => {
    const node = {
      id: 't',
      name: 'Periksa',
      type: 'userTask',
      schedule: { dueDate: '=tenggat', followUpDate: '=date and time("2026-12-01T09:00:00+07:00")' },
    } as IrUserTask;
    expect(taskDates(node, { tenggat: '2026-12-03T17:00:00+07:00' })).toEqual({
      dueDate: '2026-12-03T10:00:00.000Z',
      followUpDate: '2026-12-01T02:00:00.000Z',
    });
    expect(() => taskDates(node, { tenggat: 'besok' })).toThrow(
      expect.objectContaining({ elementId: 't', message: expect.stringMatching(/^The due date of task "Periksa" is invalid: "besok"/) }),
    );
    expect(() => taskDates(node, { tenggat: 5 })).toThrow(/gave 5, not a date and time/);
    expect(taskDates({ ...node, schedule: undefined }, {})).toEqual({});
  });
});

describe('business rule tasks', () => {
  const rule = (extensions: string, attrs = '') =>
    between(
      `<bpmn:businessRuleTask id="b" name="Tentukan kategori" ${attrs}><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:businessRuleTask>`,
      'b',
    );

  it('compiles zeebe:calledDecision', async () => {
    const ir = await compiled(rule('<zeebe:calledDecision decisionId="kategoriPengaduan" resultVariable="kategori"/>'));
    expect(ir.nodes.b).toMatchObject({ type: 'businessRuleTask', decision: { decisionId: 'kategoriPengaduan', resultVariable: 'kategori' } });
  });

  it('compiles Camunda 7 decision references, with their result mapping (default resultList)', async () => {
    expect(
      (await compiled(rule('', 'camunda:decisionRef="kategori" camunda:resultVariable="k" camunda:mapDecisionResult="singleEntry"'))).nodes.b,
    ).toMatchObject({
      decision: { decisionId: 'kategori', resultVariable: 'k', camunda7Result: 'singleEntry' },
    });
    expect((await compiled(rule('', 'camunda:decisionRef="kategori" camunda:resultVariable="k"'))).nodes.b).toMatchObject({
      decision: { camunda7Result: 'resultList' },
    });
    expect(
      (
        await errorsOf(
          rule('', 'camunda:decisionRef="kategori" camunda:resultVariable="k" camunda:decisionRefBinding="version" camunda:decisionRefVersion="2"'),
        )
      )[0]!.message,
    ).toMatch(/binds its decision by version; .* \(decisionRefBinding latest or deployment\)/);
    expect((await errorsOf(rule('', 'camunda:decisionRef="${kode}" camunda:resultVariable="k"')))[0]!.message).toMatch(
      /computes its decision id with an expression/,
    );
  });

  it('refuses job workers, Java delegates, missing ids and result variables', async () => {
    expect((await errorsOf(rule('<zeebe:taskDefinition type="dmn"/>')))[0]!.message).toMatch(/job worker/);
    expect((await errorsOf(rule('', 'camunda:class="id.go.Aturan"')))[0]!.message).toMatch(/implemented in Java/);
    expect((await errorsOf(rule('')))[0]!.message).toMatch(/calls no decision/);
    expect((await errorsOf(rule('<zeebe:calledDecision resultVariable="1a"/>'))).map((e) => e.message)).toEqual([
      'Business rule task "Tentukan kategori" has no decision id',
      expect.stringMatching(/has result variable "1a"; it must be a variable name/),
    ]);
  });
});

describe('bindResources', () => {
  const table: DecisionTable = {
    decisionId: 'kategori',
    name: 'Kategori',
    version: 2,
    hitPolicy: 'FIRST',
    inputs: [],
    outputs: [{ id: 'o', name: 'k' }],
    rules: [],
  };
  const schema = { components: [{ type: 'textfield', key: 'nama' }] };
  const resources = {
    form: async (id: string) => (id === 'izin' ? { version: 3, schema } : undefined),
    decision: async (id: string) => (id === 'kategori' ? table : undefined),
  };
  const xml = (formId: string, decisionId: string) =>
    between(
      userTask('t').replace('</bpmn:extensionElements>', `<zeebe:formDefinition formId="${formId}"/></bpmn:extensionElements>`) +
        `${flow('fm', 't', 'b')}<bpmn:businessRuleTask id="b"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>`,
      't',
      'b',
    );

  it('copies the latest form and decision into the IR and re-hashes it', async () => {
    const ir = await compiled(xml('izin', 'kategori'));
    const result = await bindResources(ir, resources);
    if (!result.ok) throw new Error('expected binding to work');
    expect(result.bound).toBe(true);
    expect((result.ir.nodes.t as IrUserTask).form).toEqual({ formId: 'izin', formVersion: 3, schema });
    expect((result.ir.nodes.b as IrBusinessRuleTask).decision.table).toEqual(table);
    expect(result.ir.hash).not.toBe(ir.hash);
    const { hash, ...content } = result.ir;
    expect(hash).toBe(irHash(content));
  });

  it('names every element whose form or decision is not deployed', async () => {
    expect(await bindResources(await compiled(xml('lain', 'tidakAda')), resources)).toEqual({
      ok: false,
      errors: [
        { elementId: 't', message: 'User task "t" uses the form "lain", which is not deployed; deploy it first (POST /api/forms)' },
        { elementId: 'b', message: 'Business rule task "b" calls the decision "tidakAda", which is not deployed; deploy it first (POST /api/decisions)' },
      ],
    });
  });

  it('leaves an IR with nothing to bind as it is', async () => {
    const ir = await compiled(task(''));
    expect(await bindResources(ir, resources)).toEqual({ ok: true, ir, bound: false });
  });
});
