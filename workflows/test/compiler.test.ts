import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compileBpmn, irHash, type CompileError, type CompileResult } from '../src/compiler';
import { IR_VERSION, type IrBoundaryEvent, type IrEndEvent, type IrExclusiveGateway, type IrServiceTask, type IrUserTask, type SopIR } from '../src/ir';
import { between, date, definitions, duration, flow, processXml, timerCatch, timerOn, userTask, webhookTask } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The single error about `elementId`, failing when there is none or several. */
function errorFor(errors: CompileError[], elementId: string): string {
  const matching = errors.filter((e) => e.elementId === elementId);
  expect(matching, `errors for ${elementId} in ${JSON.stringify(errors, null, 1)}`).toHaveLength(1);
  return matching[0]!.message;
}

describe('pengaduan.bpmn', () => {
  const xml = fixture('pengaduan.bpmn');

  it('compiles without warnings', async () => {
    const result: CompileResult = await compileBpmn(xml);
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it('has the process key, name, start event and everything in document order', async () => {
    const ir = await compiled(xml);
    expect(ir).toMatchObject({ irVersion: IR_VERSION, key: 'pengaduan', name: 'Penanganan Pengaduan Masyarakat', startEventId: 'Start' });
    expect(Object.keys(ir.nodes)).toEqual([
      'Start',
      'Terima',
      'Kategori',
      'TanggapanRingan',
      'EndRingan',
      'Split',
      'Investigasi',
      'Notifikasi',
      'Join',
      'Tanggapan',
      'BatasWaktu',
      'EndSelesai',
      'Eskalasi',
      'EndEskalasi',
    ]);
    expect(Object.keys(ir.flows)).toEqual(['f1', 'f2', 'fBerat', 'fRingan', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11']);
    for (const [id, node] of Object.entries(ir.nodes)) expect(node.id).toBe(id);
  });

  it('takes candidate roles from the lane, zeebe:assignmentDefinition, or the innermost lane', async () => {
    const { nodes } = await compiled(xml);
    expect((nodes.Terima as IrUserTask).candidateRoles).toEqual(['petugas']);
    expect((nodes.Investigasi as IrUserTask).candidateRoles).toEqual(['verifikator', 'inspektur']);
    expect((nodes.Tanggapan as IrUserTask).candidateRoles).toEqual(['Kepala UPT']);
    expect(nodes.Investigasi!.lane).toBe('Verifikator');
    expect(nodes.Terima).toEqual({
      type: 'userTask',
      id: 'Terima',
      name: 'Registrasi pengaduan',
      incoming: ['f1'],
      outgoing: ['f2'],
      lane: 'petugas',
      boundaryEvents: [],
      candidateRoles: ['petugas'],
    });
  });

  it('keeps the exclusive gateway default flow and strips `=` from conditions', async () => {
    const { nodes, flows } = await compiled(xml);
    expect(nodes.Kategori).toMatchObject<Partial<IrExclusiveGateway>>({ type: 'exclusiveGateway', defaultFlow: 'fRingan', outgoing: ['fBerat', 'fRingan'] });
    expect(flows.fBerat).toEqual({ id: 'fBerat', name: 'ya', source: 'Kategori', target: 'Split', condition: 'kategori = "berat"' });
    expect(flows.fRingan).toEqual({ id: 'fRingan', name: 'tidak', source: 'Kategori', target: 'TanggapanRingan' });
  });

  it('compiles parallel gateways, the webhook service task and names defaulting to ids', async () => {
    const { nodes } = await compiled(xml);
    expect(nodes.Split).toMatchObject({ type: 'parallelGateway', name: 'Split', incoming: ['fBerat'], outgoing: ['f4', 'f5'] });
    expect(nodes.Join).toMatchObject({ type: 'parallelGateway', incoming: ['f6', 'f7'], outgoing: ['f8'] });
    expect(nodes.Notifikasi).toEqual<IrServiceTask>({
      type: 'serviceTask',
      id: 'Notifikasi',
      name: 'Kabari pelapor',
      incoming: ['f5'],
      outgoing: ['f7'],
      lane: 'petugas',
      boundaryEvents: [],
      taskType: 'webhook',
      headers: { url: 'http://127.0.0.1:1/notify', resultVariable: 'notifikasi' },
      retries: 3,
    });
  });

  it('attaches the timer boundary event and marks the terminate end event', async () => {
    const { nodes } = await compiled(xml);
    expect(nodes.Tanggapan!.boundaryEvents).toEqual(['BatasWaktu']);
    expect(nodes.BatasWaktu).toEqual<IrBoundaryEvent>({
      type: 'boundaryEvent',
      id: 'BatasWaktu',
      name: 'Lewat batas waktu',
      incoming: [],
      outgoing: ['f10'],
      lane: 'Kepala UPT',
      boundaryEvents: [],
      attachedTo: 'Tanggapan',
      cancelActivity: true,
      timer: { duration: 'PT2S' },
    });
    expect((nodes.EndEskalasi as IrEndEvent).terminate).toBe(true);
    expect((nodes.EndSelesai as IrEndEvent).terminate).toBe(false);
  });

  it('is plain JSON', async () => {
    const ir = await compiled(xml);
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });
});

describe('Camunda 7 style diagram with diagram interchange', () => {
  const xml = fixture('izin-camunda7.bpmn');

  it('takes camunda:candidateGroups before the lane, and the innermost nested lane otherwise', async () => {
    const { nodes } = await compiled(xml);
    expect((nodes.Periksa as IrUserTask).candidateRoles).toEqual(['kasi', 'kabid']);
    expect((nodes.Terbitkan as IrUserTask).candidateRoles).toEqual(['Penerbitan']);
    expect((nodes.MintaLengkapi as IrUserTask).candidateRoles).toEqual(['Front office']);
    expect(nodes.Terbit!.lane).toBe('Back office');
  });

  it('normalizes names and falls back to the pool name for the SOP name', async () => {
    const ir = await compiled(xml);
    expect(ir.key).toBe('izin_usaha');
    expect(ir.name).toBe('Izin Usaha Mikro');
    expect(ir.nodes.Periksa!.name).toBe('Periksa kelengkapan berkas');
  });

  it('accepts a FEEL condition without `=` and an explicit feel language', async () => {
    const { flows } = await compiled(xml);
    expect(flows.Flow_ya!.condition).toBe('lengkap = true and jumlahDokumen >= 3');
  });

  it('warns about what it ignores: message flows and camunda:assignee', async () => {
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => w.elementId)).toEqual(['Msg_berkas', 'Periksa']);
    expect(result.warnings[1]!.message).toContain('camunda:assignee');
  });
});

describe('hash', () => {
  const xml = fixture('pengaduan.bpmn');

  it('is the sha256 of the canonical IR without the hash, stable across compilations', async () => {
    const [a, b] = await Promise.all([compiled(xml), compiled(xml)]);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(irHash(a)).toBe(a.hash);
    expect(irHash(JSON.parse(JSON.stringify(a)) as SopIR)).toBe(a.hash);
  });

  it('does not change with comments, whitespace or layout', async () => {
    const reformatted = xml.replace('<bpmn:process', '<!-- note -->\n\n  <bpmn:process');
    expect((await compiled(reformatted)).hash).toBe((await compiled(xml)).hash);
  });

  it('changes when the process changes', async () => {
    const base = (await compiled(xml)).hash;
    const changes = [
      xml.replace('kategori = "berat"', 'kategori = "sedang"'),
      xml.replace('<bpmn:timeDuration>PT2S</bpmn:timeDuration>', '<bpmn:timeDuration>PT3S</bpmn:timeDuration>'),
      xml.replace('name="Kepala UPT"', 'name="Kepala Dinas"'),
      xml.replace('retries="3"', 'retries="5"'),
    ];
    const hashes = await Promise.all(changes.map(async (changed) => (await compiled(changed)).hash));
    expect(changes.every((changed) => changed !== xml)).toBe(true);
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe('a diagram with many problems', () => {
  it('reports every problem at once, each with its element id', async () => {
    const errors = await errorsOf(fixture('many-problems.bpmn'));
    expect(errors.map((e) => e.elementId).sort()).toEqual(['Hitung', 'Lupa', 'Pilih', 'Sub', 'TanpaTipe', 'Tenggat', 'Tunggu', 'fBesar', 'fKecil'].sort());
    expect(errorFor(errors, 'Pilih')).toBe('Complex gateway "Pilih jalur" is not supported yet; use an exclusive, parallel or inclusive gateway');
    expect(errorFor(errors, 'Sub')).toBe(
      'Sub-process "Verifikasi berkas" is multi-instance without an input collection or a loop cardinality; say what it runs over (zeebe:loopCharacteristics inputCollection)',
    );
    expect(errorFor(errors, 'TanpaTipe')).toContain('Service task "Kirim notifikasi" has no zeebe:taskDefinition type');
    // A task type no built-in runs ("email") is a job for job workers (issue 15), no longer an error.
    expect(errorFor(errors, 'fBesar')).toContain('is not valid FEEL');
    expect(errorFor(errors, 'fKecil')).toContain('leaves exclusive gateway "Cek jumlah" without a condition');
    expect(errorFor(errors, 'Tenggat')).toContain('"3 hari" is not an ISO-8601 duration');
    expect(errorFor(errors, 'Lupa')).toContain('User task "Tugas terlupa" has no incoming sequence flow');
    expect(errorFor(errors, 'Hitung')).toContain('Script task "Hitung biaya" is written in "javascript"; only FEEL expressions are supported');
    expect(errorFor(errors, 'Tunggu')).toContain('"2026-12-01T09:00:00" has no UTC offset, so its time zone would be ambiguous');
  });
});

describe('unreadable files', () => {
  it.each([
    ['not XML at all', 'this is not xml'],
    ['truncated XML', processXml('<bpmn:startEvent id="s"/>').slice(0, -40)],
    ['an empty file', ''],
    ['XML that is not BPMN', '<?xml version="1.0"?><note><to>Budi</to></note>'],
  ])('%s: one error with the parser message and no element id', async (_what, xml) => {
    const errors = await errorsOf(xml);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.elementId).toBeUndefined();
    expect(errors[0]!.message).toMatch(/^The file is not valid BPMN XML: .*(unparsable content|failed to parse)/);
  });

  it('a duplicate id is an error naming the id', async () => {
    const errors = await errorsOf(between(`${userTask('t')}${userTask('t')}`, 't'));
    expect(errorFor(errors, 't')).toContain('The id "t" is used by more than one element');
  });

  it('an unresolved reference is an error on the referring element', async () => {
    const errors = await errorsOf(between(`${userTask('t')}${flow('fGhost', 't', 'ghost')}`, 't'));
    expect(errors).toEqual([{ elementId: 'fGhost', message: 'Sequence flow "fGhost" refers to "ghost" (targetRef), which is not in the diagram' }]);
  });

  it('an unresolved reference in the diagram layout is only a warning', async () => {
    const layout =
      '<bpmndi:BPMNDiagram id="d" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"><bpmndi:BPMNPlane id="plane" bpmnElement="p">' +
      '<bpmndi:BPMNShape id="shape" bpmnElement="gone"/></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>';
    const result = await compileBpmn(between(userTask('t'), 't').replace('</bpmn:definitions>', `${layout}</bpmn:definitions>`));
    expect(result).toMatchObject({ ok: true, warnings: [{ elementId: 'shape', message: expect.stringContaining('Diagram shape "shape" refers to "gone"') }] });
  });

  it('an unknown BPMN element is an error; unknown attributes and extension elements are warnings', async () => {
    expect((await errorsOf(between(`${userTask('t')}<bpmn:fooTask id="x"/>`, 't')))[0]!.message).toContain('<bpmn:fooTask> at line 1');
    const result = await compileBpmn(
      between(
        `<bpmn:userTask id="t" bogus="1"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/><zeebe:fancyNewThing/></bpmn:extensionElements></bpmn:userTask>`,
        't',
      ),
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings).toHaveLength(2);
      expect(result.warnings).toContainEqual({ elementId: 't', message: 'User task "t" has an unknown attribute "bogus", which is ignored' });
    }
  });
});

describe('process and structure', () => {
  it('compiles a minimal diagram without diagram interchange, naming nodes by id', async () => {
    const ir = await compiled(between(userTask('t'), 't'));
    expect(ir.name).toBe('Uji');
    expect(ir.nodes.t).toMatchObject({ name: 't', candidateRoles: ['staf'] });
    expect(ir.nodes.t).not.toHaveProperty('lane');
    expect(ir.flows.fIn).not.toHaveProperty('name');
  });

  it('needs a process with steps', async () => {
    const errors = await errorsOf(definitions('<bpmn:process id="kosong"/>'));
    expect(errors).toEqual([{ elementId: 'kosong', message: expect.stringContaining('no process with any steps') }]);
  });

  it('rejects two processes with steps, but ignores empty processes and black-box pools', async () => {
    const body = '<bpmn:startEvent id="s"/>';
    const errors = await errorsOf(definitions(`<bpmn:process id="a">${body}</bpmn:process><bpmn:process id="b"><bpmn:startEvent id="s2"/></bpmn:process>`));
    expect(errors.map((e) => e.elementId)).toEqual(['a', 'b']);
    expect(errors[0]!.message).toContain('an SOP must be exactly one process');

    const xml = between(userTask('t'), 't').replace(
      '<bpmn:process',
      '<bpmn:collaboration id="c"><bpmn:participant id="pool" processRef="p"/><bpmn:participant id="citizen" name="Warga"/><bpmn:participant id="other" processRef="empty"/></bpmn:collaboration><bpmn:process id="empty"/><bpmn:process',
    );
    expect((await compiled(xml)).key).toBe('p');
  });

  it('needs exactly one start event', async () => {
    const none = await errorsOf(processXml(`${userTask('t')}${flow('f', 't', 'end')}<bpmn:endEvent id="end"/>`));
    expect(errorFor(none, 'p')).toBe('Process "Uji" has no start event');
    const two = await errorsOf(between(`${userTask('t')}<bpmn:startEvent id="start2"/>${flow('f2', 'start2', 't')}`, 't'));
    expect(errorFor(two, 'start')).toContain('is one of 2 start events');
    expect(errorFor(two, 'start2')).toContain('is one of 2 start events');
  });

  it('checks each node has the flows it needs', async () => {
    const errors = await errorsOf(
      processXml(
        `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'a')}${userTask('a')}${flow('f2', 'a', 'end')}<bpmn:endEvent id="end"/>` +
          `${flow('fBack', 'end', 'a')}${userTask('deadEnd')}${flow('f3', 'a', 'deadEnd')}${flow('f4', 'a', 'start')}`,
      ),
    );
    expect(errorFor(errors, 'end')).toContain('End event "end" must not have outgoing sequence flows');
    expect(errorFor(errors, 'deadEnd')).toContain('has no outgoing sequence flow');
    expect(errorFor(errors, 'start')).toContain('Start event "start" must not have incoming sequence flows');
    expect(errors).toHaveLength(3);
  });

  it('reports steps that cannot be reached from the start event', async () => {
    const loop = `${userTask('x')}${flow('fx', 'x', 'y')}${userTask('y')}${flow('fy', 'y', 'x')}${flow('fyEnd', 'y', 'end')}`;
    const errors = await errorsOf(between(`${userTask('t')}${loop}`, 't'));
    expect(errors.map((e) => e.elementId)).toEqual(['x', 'y']);
    expect(errors[0]!.message).toBe('User task "x" cannot be reached from the start event');
  });

  it('accepts implicit splits and merges on tasks and events', async () => {
    const ir = await compiled(
      processXml(
        `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'a')}${flow('f2', 'start', 'b')}${userTask('a')}${userTask('b')}` +
          `${flow('f3', 'a', 'c')}${flow('f4', 'b', 'c')}${userTask('c')}${flow('f5', 'c', 'end')}<bpmn:endEvent id="end"/>`,
      ),
    );
    expect(ir.nodes.start!.outgoing).toEqual(['f1', 'f2']);
    expect(ir.nodes.c!.incoming).toEqual(['f3', 'f4']);
  });

  it('ignores data objects, text annotations, associations and groups', async () => {
    const extras =
      '<bpmn:dataObjectReference id="ref" dataObjectRef="data"/><bpmn:dataObject id="data"/>' +
      '<bpmn:textAnnotation id="note"><bpmn:text>catatan</bpmn:text></bpmn:textAnnotation><bpmn:association id="as" sourceRef="t" targetRef="note"/>' +
      '<bpmn:group id="grp"/>';
    const ir = await compiled(between(`${userTask('t')}${extras}`, 't'));
    expect(Object.keys(ir.nodes)).toEqual(['start', 't', 'end']);
  });
});

describe('unsupported elements', () => {
  it.each([
    ['Complex gateway', '<bpmn:complexGateway id="x"/>'],
    ['Transaction sub-process', '<bpmn:transaction id="x"/>'],
    ['Ad-hoc sub-process', '<bpmn:adHocSubProcess id="x"/>'],
  ])('%s', async (label, element) => {
    const errors = await errorsOf(between(element, 'x'));
    expect(errors).toEqual([{ elementId: 'x', message: expect.stringMatching(new RegExp(`^${label} "x" is not supported yet`)) }]);
  });

  it('a timer start event without a time', async () => {
    const errors = await errorsOf(
      between(userTask('t'), 't').replace('<bpmn:startEvent id="start"/>', '<bpmn:startEvent id="start"><bpmn:timerEventDefinition/></bpmn:startEvent>'),
    );
    expect(errors).toEqual([{ elementId: 'start', message: expect.stringContaining('Timer start event "start" has no time; set a date') }]);
  });

  it('multi-instance and loop markers', async () => {
    const errors = await errorsOf(
      between(
        `${userTask('mi', 'staf', '<bpmn:multiInstanceLoopCharacteristics/>')}${flow('f', 'mi', 'loop')}${userTask('loop', 'staf', '<bpmn:standardLoopCharacteristics/>')}`,
        'mi',
        'loop',
      ),
    );
    expect(errorFor(errors, 'mi')).toBe(
      'User task "mi" is multi-instance without an input collection or a loop cardinality; say what it runs over (zeebe:loopCharacteristics inputCollection)',
    );
    expect(errorFor(errors, 'loop')).toContain('has a loop marker with neither a loop condition nor a loop maximum, so it would loop for ever');
  });

  it('Camunda 8 settings Alur does not run are warnings', async () => {
    const task = `<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf" assignee="budi"/><zeebe:taskListeners><zeebe:taskListener eventType="complete" type="audit"/></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>`;
    const result = await compileBpmn(between(task, 't'));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.warnings.map((w) => w.message)).toEqual([
        'User task "t" has task listeners (zeebe:taskListeners), which Alur ignores',
        'User task "t" names users (zeebe:assignmentDefinition assignee "budi"), which Alur does not apply yet: the task goes to roles, its candidate groups or lane, or with none to the staff of the case\'s unit',
      ]);
  });
});

describe('user tasks', () => {
  it('accepts a FEEL list literal of candidate groups', async () => {
    const ir = await compiled(between(userTask('t', '=[&quot;kasi&quot;, &quot;kabid&quot;]'), 't'));
    expect((ir.nodes.t as IrUserTask).candidateRoles).toEqual(['kasi', 'kabid']);
  });

  it('rejects candidate groups computed from case variables', async () => {
    const errors = await errorsOf(between(userTask('t', '=petugasBertugas'), 't'));
    expect(errorFor(errors, 't')).toContain('computes its candidate groups with a FEEL expression');
    const juel = await errorsOf(between('<bpmn:userTask id="t" camunda:candidateGroups="${grup}"/>', 't'));
    expect(errorFor(juel, 't')).toContain('Camunda 7 expression');
  });

  it('zeebe candidate groups win over camunda ones and the lane', async () => {
    const task = `<bpmn:userTask id="t" camunda:candidateGroups="c7"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="c8"/></bpmn:extensionElements></bpmn:userTask>`;
    const xml = between(task, 't').replace(
      '<bpmn:startEvent',
      '<bpmn:laneSet id="ls"><bpmn:lane id="l" name="lajur"><bpmn:flowNodeRef>t</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet><bpmn:startEvent',
    );
    const ir = await compiled(xml);
    expect((ir.nodes.t as IrUserTask).candidateRoles).toEqual(['c8']);
    expect(ir.nodes.t!.lane).toBe('lajur');
  });

  it('a user task outside any lane and without candidate groups goes to the staff of the unit, with a warning', async () => {
    const result = await compileBpmn(between('<bpmn:userTask id="t" name="Tanpa peran"/>', 't'));
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect((result.ir.nodes.t as IrUserTask).candidateRoles).toEqual([]);
    expect(result.warnings).toEqual([
      {
        elementId: 't',
        message:
          'User task "Tanpa peran" has no candidate role (no candidate groups, no named lane): it goes to the staff of the case\'s handling unit (any role there), or, for a case with no unit, to holders of the global role petugas',
      },
    ]);
  });
});

describe('service tasks', () => {
  it('normalizes the webhook method and reads retries', async () => {
    const ir = await compiled(between(webhookTask('w', { url: 'https://contoh.go.id/hook', method: 'put' }, 'type="webhook" retries="5"'), 'w'));
    expect(ir.nodes.w).toMatchObject({ taskType: 'webhook', headers: { url: 'https://contoh.go.id/hook', method: 'PUT' }, retries: 5 });
  });

  it('defaults retries to 3 and leaves the method to the runtime default', async () => {
    const ir = await compiled(between(webhookTask('w', { url: 'http://a.test/x' }), 'w'));
    expect(ir.nodes.w).toMatchObject({ retries: 3, headers: { url: 'http://a.test/x' } });
    expect((ir.nodes.w as IrServiceTask).headers).not.toHaveProperty('method');
  });

  it.each([
    ['a missing url', {}, '', 'has no "url" task header'],
    ['a non-http url', { url: 'ftp://contoh.go.id/x' }, '', 'is not an http(s) address'],
    ['a relative url', { url: '/hook' }, '', 'is not an http(s) address'],
    ['a FEEL url', { url: '=alamat' }, '', 'computes its "url" header with a FEEL expression'],
    ['an unknown method', { url: 'http://a.test', method: 'FETCH' }, '', 'it must be one of GET, POST, PUT, PATCH, DELETE'],
    ['a bad result variable', { url: 'http://a.test', resultVariable: 'hasil panggilan' }, '', 'it must be a variable name'],
    ['zero retries', { url: 'http://a.test' }, 'type="webhook" retries="0"', 'retries must be a whole number of at least 1'],
    ['non-numeric retries', { url: 'http://a.test' }, 'type="webhook" retries="tiga"', 'retries must be a whole number of at least 1'],
    ['a FEEL task type', { url: 'http://a.test' }, 'type="=tipe"', 'computes its task type with a FEEL expression'],
  ])('rejects %s', async (_what, headers: Record<string, string>, definition, message) => {
    const errors = await errorsOf(between(webhookTask('w', headers, definition || undefined), 'w'));
    expect(errorFor(errors, 'w')).toContain(message);
  });

  it('reports several problems of one task together', async () => {
    const errors = await errorsOf(between(webhookTask('w', { method: 'FETCH' }, 'type="webhook" retries="-1"'), 'w'));
    expect(errors.map((e) => e.elementId)).toEqual(['w', 'w', 'w']);
  });

  it('points Camunda 7 implementations at the missing task definition', async () => {
    const errors = await errorsOf(between('<bpmn:serviceTask id="s" camunda:class="id.go.Kirim"/>', 's'));
    expect(errorFor(errors, 's')).toContain(
      'has a Camunda 7 Java class or expression (camunda:class="id.go.Kirim"), which Alur cannot run; make it an external task (camunda:type="external" camunda:topic)',
    );
  });
});

describe('gateways and conditions', () => {
  const gateway = (attrs: string, flows: string) =>
    between(
      `<bpmn:exclusiveGateway id="g" name="Cek" ${attrs}/>${flows}${userTask('a')}${userTask('b')}${flow('fa', 'a', 'end')}${flow('fb', 'b', 'end')}`,
      'g',
    ).replace(flow('fOut', 'g', 'end'), '');

  it('compiles conditions on every outgoing flow without a default', async () => {
    const ir = await compiled(gateway('', `${flow('g1', 'g', 'a', '=x &gt; 1')}${flow('g2', 'g', 'b', 'x &lt;= 1')}`));
    expect(ir.nodes.g).not.toHaveProperty('defaultFlow');
    expect([ir.flows.g1!.condition, ir.flows.g2!.condition]).toEqual(['x > 1', 'x <= 1']);
  });

  it('accepts a single outgoing flow without a condition', async () => {
    await compiled(between('<bpmn:exclusiveGateway id="g"/>', 'g'));
  });

  it('rejects a default flow that has a condition or does not leave the gateway', async () => {
    const conditional = await errorsOf(gateway('default="g2"', `${flow('g1', 'g', 'a', '=x')}${flow('g2', 'g', 'b', '=y')}`));
    expect(errorFor(conditional, 'g2')).toContain('is the default flow of exclusive gateway "Cek" and must not have a condition');
    const elsewhere = await errorsOf(gateway('default="fa"', `${flow('g1', 'g', 'a', '=x')}${flow('g2', 'g', 'b')}`));
    expect(errorFor(elsewhere, 'g')).toContain('has default flow "fa", which does not leave this gateway');
    expect(errorFor(elsewhere, 'g2')).toContain('without a condition');
  });

  it('rejects conditions outside exclusive gateways', async () => {
    const onTask = await errorsOf(between(`${userTask('t')}${flow('fc', 't', 'end', '=ok')}`, 't'));
    expect(errorFor(onTask, 'fc')).toContain('conditional flows are not supported yet');
    const parallel = await errorsOf(between(`<bpmn:parallelGateway id="g"/>${flow('p1', 'g', 'a', '=ok')}${userTask('a')}${flow('pa', 'a', 'end')}`, 'g'));
    expect(errorFor(parallel, 'p1')).toContain('leaves parallel gateway "g" and must not have a condition');
  });

  it('rejects a default flow on a task', async () => {
    const errors = await errorsOf(between(`<bpmn:userTask id="t" default="fOut" camunda:candidateGroups="staf"/>`, 't'));
    expect(errorFor(errors, 't')).toContain('default flows are only supported on exclusive gateways');
  });

  it('explains Camunda 7 conditions and other languages', async () => {
    const juel = await errorsOf(gateway('default="g2"', `${flow('g1', 'g', 'a', '${x.size() &gt; 1}')}${flow('g2', 'g', 'b')}`));
    expect(errorFor(juel, 'g1')).toContain('is a Camunda 7 (JUEL) expression Alur cannot translate');
    const js = await errorsOf(
      gateway(
        'default="g2"',
        `<bpmn:sequenceFlow id="g1" sourceRef="g" targetRef="a"><bpmn:conditionExpression language="javascript">x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>${flow('g2', 'g', 'b')}`,
      ),
    );
    expect(errorFor(js, 'g1')).toContain('is written in "javascript"; only FEEL is supported');
  });
});

describe('timers', () => {
  /** The same timer checks run on both kinds of timer event. */
  const onBoundary = (timer: string) => between(`${userTask('t')}${timerOn('t', timer)}`, 't');
  const onCatch = (timer: string) => between(timerCatch('timer', timer), 'timer');

  describe.each([
    ['timer boundary event', onBoundary],
    ['timer intermediate catch event', onCatch],
  ])('on a %s', (_kind, diagram) => {
    it.each([
      ['a calendar duration (trimmed)', duration(' P1M '), { duration: 'P1M' }],
      ['a date with an offset', date('2026-12-01T09:00:00+07:00'), { date: '2026-12-01T09:00:00+07:00' }],
      ['a UTC date with fractional seconds', date('2026-12-01T02:00:00.500Z'), { date: '2026-12-01T02:00:00.500Z' }],
      ['a FEEL duration, kept with its =', duration('=tenggat'), { duration: '=tenggat' }],
      ['a FEEL date, kept with its =', date('=tanggalSidang'), { date: '=tanggalSidang' }],
      ['a Camunda 7 duration, translated to FEEL', duration('${tenggat}'), { duration: '=tenggat' }],
    ])('compiles %s', async (_what, timer, expected) => {
      const ir = await compiled(diagram(timer));
      expect(ir.nodes.timer).toMatchObject({ timer: expected });
    });

    it.each([
      ['a cycle', '<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>', 'repeats on a cycle (timeCycle "R3/PT1H"); repeating timers are not supported yet'],
      ['no time at all', '', 'has no time; set a duration such as PT2H or P3D, or a date such as 2026-12-01T09:00:00+07:00'],
      ['an empty duration', duration('  '), 'has no time'],
      ['both a duration and a date', `${duration('PT1H')}${date('2026-12-01T09:00:00Z')}`, 'has both a duration and a date'],
      ['an invalid duration', duration('3 hari'), 'has an invalid duration: "3 hari" is not an ISO-8601 duration'],
      [
        'a Camunda 7 expression it cannot translate',
        duration('${kalender.tambah(tenggat)}'),
        'is the Camunda 7 (JUEL) expression ${kalender.tambah(tenggat)}, which Alur cannot translate',
      ],
      ['a date without an offset', date('2026-12-01T09:00:00'), '"2026-12-01T09:00:00" has no UTC offset, so its time zone would be ambiguous'],
      ['a date without a time', date('2026-12-01'), 'has no UTC offset'],
      ['a date that does not exist', date('2026-02-29T09:00:00+07:00'), '"2026-02-29T09:00:00+07:00" is not a real date and time'],
      ['a date in another format', date('1 Desember 2026'), 'is not an ISO-8601 date-time with an offset such as 2026-12-01T09:00:00+07:00'],
      [
        'a FEEL expression with a syntax error',
        duration('=tenggat +'),
        'computes its duration with "=tenggat +", which is not valid FEEL: the expression is incomplete',
      ],
    ])('rejects %s', async (_what, timer, message) => {
      const errors = await errorsOf(diagram(timer));
      expect(errorFor(errors, 'timer')).toContain(message);
    });
  });
});

describe('timer boundary events', () => {
  it('interrupt by default and with cancelActivity="true"', async () => {
    for (const attrs of ['', 'cancelActivity="true"']) {
      const ir = await compiled(between(`${userTask('t')}${timerOn('t', duration('PT1H'), attrs)}`, 't'));
      expect(ir.nodes.timer).toMatchObject({ type: 'boundaryEvent', attachedTo: 't', cancelActivity: true });
    }
  });

  it('compile non-interrupting (cancelActivity="false"), next to an interrupting one on the same task', async () => {
    const ir = await compiled(
      between(
        `${webhookTask('t', { url: 'https://contoh.go.id/hook' })}${timerOn('t', duration('PT1H'), 'cancelActivity="false"', 'remind')}${timerOn('t', duration('P1D'))}`,
        't',
      ),
    );
    expect(ir.nodes.t!.boundaryEvents).toEqual(['remind', 'timer']);
    expect(ir.nodes.remind).toEqual<IrBoundaryEvent>({
      type: 'boundaryEvent',
      id: 'remind',
      name: 'Tenggat',
      incoming: [],
      outgoing: ['remindFlow'],
      boundaryEvents: [],
      attachedTo: 't',
      cancelActivity: false,
      timer: { duration: 'PT1H' },
    });
    expect(ir.nodes.timer).toMatchObject({ cancelActivity: true, timer: { duration: 'P1D' } });
  });

  it('rejects other boundary events', async () => {
    const errors = await errorsOf(
      between(
        `${userTask('t')}<bpmn:boundaryEvent id="sig" attachedToRef="t" cancelActivity="false"><bpmn:conditionalEventDefinition/></bpmn:boundaryEvent>${flow('fm', 'sig', 'end')}`,
        't',
      ),
    );
    expect(errorFor(errors, 'sig')).toMatch(
      /^Conditional boundary event "sig" is not supported yet; only timer, error, escalation, message and signal boundary events are supported/,
    );
  });

  it('rejects timers on manual and script tasks, which never wait', async () => {
    const manual = await errorsOf(between(`<bpmn:manualTask id="m" name="Serahkan"/>${timerOn('m', duration('PT1H'))}`, 'm'));
    expect(errorFor(manual, 'timer')).toBe(
      'Timer boundary event "Tenggat" is attached to Manual task "Serahkan", which completes as soon as it is reached, so the timer could never fire; attach it to a user or service task',
    );
    const script = `<bpmn:scriptTask id="s"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="satu"/></bpmn:extensionElements></bpmn:scriptTask>`;
    const onScript = await errorsOf(between(`${script}${timerOn('s', duration('PT1H'))}`, 's'));
    expect(errorFor(onScript, 'timer')).toContain('is attached to Script task "s", which completes as soon as it is reached');
  });

  it('rejects timers on anything else but user and service tasks', async () => {
    const onGateway = await errorsOf(between(`<bpmn:exclusiveGateway id="g"/>${timerOn('g', duration('PT1H'))}`, 'g'));
    expect(errorFor(onGateway, 'timer')).toBe(
      'Timer boundary event "Tenggat" is attached to Exclusive gateway "g"; timer boundary events can only be attached to user, service, send and receive tasks, sub-processes and call activities',
    );
  });

  it('report the host and the timer problems together', async () => {
    const errors = await errorsOf(between(`<bpmn:manualTask id="m"/>${timerOn('m', duration('soon'))}`, 'm'));
    expect(errors.filter((e) => e.elementId === 'timer').map((e) => e.message)).toEqual([
      expect.stringContaining('which completes as soon as it is reached'),
      expect.stringContaining('has an invalid duration'),
    ]);
  });

  it('need exactly one outgoing and no incoming flow', async () => {
    const errors = await errorsOf(
      between(`${userTask('t')}${timerOn('t', duration('PT1H'))}${flow('fExtra', 'timer', 'end')}${flow('fInto', 't', 'timer')}`, 't'),
    );
    expect(errors.filter((e) => e.elementId === 'timer').map((e) => e.message)).toEqual([
      'Timer boundary event "Tenggat" must not have incoming sequence flows',
      'Timer boundary event "Tenggat" needs exactly one outgoing sequence flow; it has 2',
    ]);
  });
});

describe('timer intermediate catch events', () => {
  it('compile to a waiting step on the path', async () => {
    const ir = await compiled(between(`${userTask('t')}${flow('f', 't', 'wait')}${timerCatch('wait', duration('P3D'))}`, 't', 'wait'));
    expect(ir.nodes.wait).toEqual({
      type: 'intermediateCatchEvent',
      id: 'wait',
      name: 'Tunggu',
      incoming: ['f'],
      outgoing: ['fOut'],
      boundaryEvents: [],
      timer: { duration: 'P3D' },
    });
  });

  it('need flows in and out like any step', async () => {
    const errors = await errorsOf(between(`${userTask('t')}${flow('f', 't', 'wait')}${timerCatch('wait', duration('P3D'))}`, 't'));
    expect(errorFor(errors, 'wait')).toContain('Timer intermediate catch event "Tunggu" has no outgoing sequence flow');
  });

  it('reject catch events with more than one trigger', async () => {
    const element = `<bpmn:intermediateCatchEvent id="x"><bpmn:timerEventDefinition>${duration('PT1H')}</bpmn:timerEventDefinition><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>`;
    const errors = await errorsOf(between(element, 'x'));
    expect(errorFor(errors, 'x')).toBe(
      'Multiple-trigger intermediate catch event "x" is not supported yet; only timer, message, signal and link intermediate catch events are supported',
    );
  });
});

describe('manual tasks', () => {
  it('compile to a step the case records and passes', async () => {
    const xml = between('<bpmn:manualTask id="m" name="Serahkan tanda terima"/>', 'm').replace(
      '<bpmn:startEvent',
      '<bpmn:laneSet id="ls"><bpmn:lane id="l" name="Loket"><bpmn:flowNodeRef>m</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet><bpmn:startEvent',
    );
    const ir = await compiled(xml);
    expect(ir.nodes.m).toEqual({
      type: 'manualTask',
      id: 'm',
      name: 'Serahkan tanda terima',
      incoming: ['fIn'],
      outgoing: ['fOut'],
      lane: 'Loket',
      boundaryEvents: [],
    });
  });

  it('reject multi-instance markers without a collection like other tasks', async () => {
    const errors = await errorsOf(between('<bpmn:manualTask id="m"><bpmn:multiInstanceLoopCharacteristics/></bpmn:manualTask>', 'm'));
    expect(errorFor(errors, 'm')).toBe(
      'Manual task "m" is multi-instance without an input collection or a loop cardinality; say what it runs over (zeebe:loopCharacteristics inputCollection)',
    );
  });
});

describe('script tasks', () => {
  const zeebeScript = (attrs: string, extra = '') =>
    between(
      `<bpmn:scriptTask id="s" name="Hitung biaya"><bpmn:extensionElements><zeebe:script ${attrs}/>${extra}</bpmn:extensionElements></bpmn:scriptTask>`,
      's',
    );
  const camundaScript = (attrs: string, body?: string) =>
    between(`<bpmn:scriptTask id="s" name="Hitung biaya" ${attrs}>${body === undefined ? '' : `<bpmn:script>${body}</bpmn:script>`}</bpmn:scriptTask>`, 's');

  it('compile a Camunda 8 zeebe:script, without the leading =', async () => {
    const ir = await compiled(zeebeScript('expression="= jumlahBerkas * 5000" resultVariable=" biaya "'));
    expect(ir.nodes.s).toEqual({
      type: 'scriptTask',
      id: 's',
      name: 'Hitung biaya',
      incoming: ['fIn'],
      outgoing: ['fOut'],
      boundaryEvents: [],
      expression: 'jumlahBerkas * 5000',
      resultVariable: 'biaya',
    });
  });

  it('compile a Camunda 7 FEEL script (scriptFormat in any case) with camunda:resultVariable', async () => {
    for (const format of ['feel', 'FEEL', 'Feel']) {
      const ir = await compiled(camundaScript(`scriptFormat="${format}" camunda:resultVariable="lengkap"`, ' jumlahDokumen &gt;= 3 '));
      expect(ir.nodes.s).toMatchObject({ type: 'scriptTask', expression: 'jumlahDokumen >= 3', resultVariable: 'lengkap' });
    }
  });

  it.each([
    [
      'a JavaScript script',
      camundaScript('scriptFormat="javascript" camunda:resultVariable="x"', 'a + b'),
      'Script task "Hitung biaya" is written in "javascript"; only FEEL expressions are supported',
    ],
    ['a Groovy script', camundaScript('scriptFormat="groovy" camunda:resultVariable="x"', 'a + b'), 'is written in "groovy"'],
    [
      'a script without a format',
      camundaScript('camunda:resultVariable="x"', 'a + b'),
      'has a script without a script format; only FEEL expressions are supported, so set scriptFormat="feel"',
    ],
    [
      'a script from a resource',
      camundaScript('scriptFormat="feel" camunda:resultVariable="x" camunda:resource="hitung.feel"'),
      'loads its script from "hitung.feel" (camunda:resource)',
    ],
    ['no script at all', camundaScript(''), 'has no script; give it a FEEL expression and a result variable (zeebe:script)'],
    [
      'a job worker',
      between('<bpmn:scriptTask id="s"><bpmn:extensionElements><zeebe:taskDefinition type="hitung"/></bpmn:extensionElements></bpmn:scriptTask>', 's'),
      'has no script (job workers, zeebe:taskDefinition, are not supported)',
    ],
    ['a zeebe:script without an expression', zeebeScript('resultVariable="biaya"'), 'has no expression'],
    ['a blank Camunda 7 script', camundaScript('scriptFormat="feel" camunda:resultVariable="x"', '  '), 'has no expression'],
    ['no result variable', zeebeScript('expression="=1"'), 'has no result variable'],
    [
      'a result variable that is not a name',
      zeebeScript('expression="=1" resultVariable="hasil akhir"'),
      'has result variable "hasil akhir"; it must be a variable name of letters, digits and _',
    ],
    [
      'invalid FEEL',
      zeebeScript('expression="=jumlah *" resultVariable="biaya"'),
      'The expression "=jumlah *" of script task "Hitung biaya" is not valid FEEL',
    ],
    [
      'two zeebe:scripts',
      zeebeScript('expression="=1" resultVariable="a"', '<zeebe:script expression="=2" resultVariable="b"/>'),
      'has more than one zeebe:script',
    ],
  ])('reject %s', async (_what, xml, message) => {
    const errors = await errorsOf(xml);
    expect(errorFor(errors, 's')).toContain(message);
  });

  it('report a bad expression and a missing result variable together', async () => {
    const errors = await errorsOf(zeebeScript('expression="=jumlah *"'));
    expect(errors.map((e) => e.elementId)).toEqual(['s', 's']);
  });

  it('warn that a bpmn:script next to a zeebe:script is ignored', async () => {
    const xml = zeebeScript('expression="=1" resultVariable="a"').replace('</bpmn:extensionElements>', '</bpmn:extensionElements><bpmn:script>2</bpmn:script>');
    const result = await compileBpmn(xml);
    expect(result).toMatchObject({
      ok: true,
      warnings: [{ elementId: 's', message: 'Script task "Hitung biaya" has both a zeebe:script and a bpmn:script; the bpmn:script is ignored' }],
    });
  });
});
