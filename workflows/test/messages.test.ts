// Compiling message elements: catch events, receive and send tasks, message
// boundary events, message start/throw/end events, event-based gateways, and
// the correlation rule (zeebe:subscription key, else the tracking code).
import { describe, expect, it } from 'vitest';
import { compileBpmn, type CompileError } from '../src/compiler';
import type { SopIR } from '../src/ir';
import { definitions, flow, userTask } from './support/bpmn';

/** A document with bpmn:message elements (`id → [name, correlationKey?]`) and one process `p`. */
const doc = (messages: Record<string, [string, string?]>, content: string) =>
  definitions(
    `${Object.entries(messages)
      .map(([id, [name, key]]) =>
        key === undefined
          ? `<bpmn:message id="${id}" name="${name}"/>`
          : `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${key}"/></bpmn:extensionElements></bpmn:message>`,
      )
      .join('')}<bpmn:process id="p" isExecutable="true">${content}</bpmn:process>`,
  );

/** start → `middle` (entered at `first`, left at `last`) → end. */
const around = (middle: string, first: string, last = first) =>
  `<bpmn:startEvent id="start"/>${flow('fIn', 'start', first)}${middle}${flow('fOut', last, 'end')}<bpmn:endEvent id="end"/>`;

const catchEvent = (id: string, ref = 'M') =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="${ref}"/></bpmn:intermediateCatchEvent>`;
const webhook =
  '<bpmn:extensionElements><zeebe:taskDefinition type="webhook"/><zeebe:taskHeaders><zeebe:header key="url" value="https://lapor.go.id/hook"/></zeebe:taskHeaders></bpmn:extensionElements>';

async function compiled(xml: string): Promise<SopIR> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(`expected it to compile, got:\n${result.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n')}`);
  return result.ir;
}

async function errorsOf(xml: string): Promise<CompileError[]> {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected the diagram to be rejected');
  return result.errors;
}

function errorFor(errors: CompileError[], elementId: string): string {
  const matching = errors.filter((e) => e.elementId === elementId);
  expect(matching, `errors for ${elementId} in ${JSON.stringify(errors, null, 1)}`).toHaveLength(1);
  return matching[0]!.message;
}

describe('message catch events and receive tasks', () => {
  it('takes the name from bpmn:message and the FEEL correlation key from zeebe:subscription', async () => {
    const ir = await compiled(doc({ M: ['berkas-susulan', '=nomorPermohonan'] }, around(catchEvent('x'), 'x')));
    expect(ir.nodes.x).toMatchObject({ type: 'intermediateCatchEvent', message: { name: 'berkas-susulan', correlationKey: 'nomorPermohonan' } });
  });

  it('leaves the key out when the model has none (Camunda 7): the case then uses its tracking code', async () => {
    const ir = await compiled(doc({ M: ['bukti-bayar'] }, around('<bpmn:receiveTask id="x" messageRef="M"/>', 'x')));
    expect(ir.nodes.x).toEqual(expect.objectContaining({ type: 'receiveTask', message: { name: 'bukti-bayar' } }));
  });

  it('reads a key without = as a fixed text, and keeps a FEEL message name for the case to evaluate', async () => {
    const ir = await compiled(doc({ M: ['=&quot;dokumen-&quot; + jenis', 'ABC-1'] }, around(catchEvent('x'), 'x')));
    expect(ir.nodes.x).toMatchObject({ message: { name: '="dokumen-" + jenis', correlationKey: '"ABC-1"' } });
  });

  it('rejects a missing message, a nameless one, Camunda 7 expressions and invalid FEEL, naming the element', async () => {
    expect(
      errorFor(await errorsOf(doc({}, around('<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>', 'x'))), 'x'),
    ).toMatch(/has no message; choose or create one/);
    expect(errorFor(await errorsOf(doc({ M: [''] }, around(catchEvent('x'), 'x'))), 'x')).toMatch(/uses message "M", which has no name/);
    expect(errorFor(await errorsOf(doc({ M: ['${nama}'] }, around(catchEvent('x'), 'x'))), 'x')).toMatch(/Camunda 7 expression/);
    expect(errorFor(await errorsOf(doc({ M: ['m', '${nomor}'] }, around(catchEvent('x'), 'x'))), 'x')).toMatch(/correlation key with a Camunda 7 expression/);
    expect(errorFor(await errorsOf(doc({ M: ['m', '=nomor +'] }, around(catchEvent('x'), 'x'))), 'x')).toMatch(
      /correlation key "=nomor \+", which is not valid FEEL/,
    );
  });
});

describe('message boundary events', () => {
  it('compile on a user task, interrupting or not', async () => {
    const boundaries =
      `<bpmn:boundaryEvent id="cabut" attachedToRef="t"><bpmn:messageEventDefinition messageRef="M"/></bpmn:boundaryEvent>${flow('f1', 'cabut', 'end')}` +
      `<bpmn:boundaryEvent id="tanya" attachedToRef="t" cancelActivity="false"><bpmn:messageEventDefinition messageRef="N"/></bpmn:boundaryEvent>${flow('f2', 'tanya', 'end')}`;
    const ir = await compiled(doc({ M: ['pencabutan', '=nomor'], N: ['pertanyaan', '=nomor'] }, around(userTask('t') + boundaries, 't')));
    expect(ir.nodes.cabut).toMatchObject({
      type: 'boundaryEvent',
      attachedTo: 't',
      cancelActivity: true,
      message: { name: 'pencabutan', correlationKey: 'nomor' },
    });
    expect(ir.nodes.tanya).toMatchObject({ cancelActivity: false, message: { name: 'pertanyaan' } });
    expect(ir.nodes.t!.boundaryEvents).toEqual(['cabut', 'tanya']);
  });

  it('are refused on a task that completes at once', async () => {
    const xml = doc(
      { M: ['m'] },
      around(
        `<bpmn:manualTask id="t"/><bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:messageEventDefinition messageRef="M"/></bpmn:boundaryEvent>${flow('f1', 'b', 'end')}`,
        't',
      ),
    );
    expect(errorFor(await errorsOf(xml), 'b')).toMatch(/completes as soon as it is reached/);
  });
});

describe('sending messages through a service', () => {
  it('compiles a send task, a message throw event and a message end event with a webhook', async () => {
    const content =
      `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'kirim')}<bpmn:sendTask id="kirim" messageRef="A">${webhook}</bpmn:sendTask>${flow('f2', 'kirim', 'lempar')}` +
      `<bpmn:intermediateThrowEvent id="lempar">${webhook}<bpmn:messageEventDefinition messageRef="B"/></bpmn:intermediateThrowEvent>${flow('f3', 'lempar', 'akhir')}` +
      `<bpmn:endEvent id="akhir">${webhook}<bpmn:messageEventDefinition messageRef="C"/></bpmn:endEvent>`;
    const ir = await compiled(doc({ A: ['permintaan'], B: ['pemberitahuan'], C: ['selesai'] }, content));
    const send = (messageName: string) => ({ messageName, taskType: 'webhook', headers: { url: 'https://lapor.go.id/hook' }, retries: 3 });
    expect(ir.nodes.kirim).toMatchObject({ type: 'sendTask', send: send('permintaan') });
    expect(ir.nodes.lempar).toMatchObject({ type: 'intermediateThrowEvent', send: send('pemberitahuan') });
    expect(ir.nodes.akhir).toMatchObject({ type: 'endEvent', terminate: false, send: send('selesai') });
  });

  it('needs a service to send with', async () => {
    const xml = doc({ A: ['a'] }, around('<bpmn:sendTask id="x" messageRef="A" camunda:class="id.go.Kirim"/>', 'x'));
    expect(errorFor(await errorsOf(xml), 'x')).toMatch(
      /has no service to send its message with \(Camunda 7 Java classes and expressions are not supported; external tasks are\); give it zeebe:taskDefinition type="webhook"/,
    );
    const end = doc(
      { A: ['a'] },
      `<bpmn:startEvent id="s"/>${flow('f', 's', 'e')}<bpmn:endEvent id="e"><bpmn:messageEventDefinition messageRef="A"/></bpmn:endEvent>`,
    );
    expect(errorFor(await errorsOf(end), 'e')).toMatch(/has no service to send its message with/);
  });
});

describe('message start events', () => {
  it('start a process without a none start event; the IR starts there', async () => {
    const ir = await compiled(
      doc(
        { M: ['aduan-lapor', '=abaikan'] },
        `<bpmn:startEvent id="masuk"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>${flow('f', 'masuk', 'e')}<bpmn:endEvent id="e"/>`,
      ),
    );
    expect(ir.startEventId).toBe('masuk');
    expect(ir.nodes.masuk).toMatchObject({ type: 'startEvent', message: { name: 'aduan-lapor' } });
    expect((ir.nodes.masuk as { message: object }).message).not.toHaveProperty('correlationKey');
  });

  it('sit beside a none start event, which stays the start of a plain case; both paths must be reachable', async () => {
    const content =
      `<bpmn:startEvent id="biasa"/>${flow('f1', 'biasa', 't')}<bpmn:startEvent id="pesan"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>${flow('f2', 'pesan', 'u')}` +
      `${userTask('t')}${userTask('u')}${flow('f3', 't', 'e')}${flow('f4', 'u', 'e')}<bpmn:endEvent id="e"/>`;
    const ir = await compiled(doc({ M: ['=&quot;lapor&quot;'] }, content));
    expect(ir.startEventId).toBe('biasa');
    expect(ir.nodes.pesan).toMatchObject({ message: { name: 'lapor' } });
  });

  it('start an event sub-process with a correlation key of its own, but not an embedded sub-process', async () => {
    const esp = `<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>${flow('e1', 'espStart', 'espEnd')}<bpmn:endEvent id="espEnd"/></bpmn:subProcess>`;
    const ir = await compiled(doc({ M: ['perubahan-data', '=nomor'] }, around(userTask('t') + esp, 't')));
    expect(ir.nodes.esp).toMatchObject({ type: 'eventSubProcess', interrupting: false, message: { name: 'perubahan-data', correlationKey: 'nomor' } });
    expect(ir.nodes.espStart).not.toHaveProperty('message');

    const sub = `<bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>${flow('s1', 'subStart', 'subEnd')}<bpmn:endEvent id="subEnd"/></bpmn:subProcess>`;
    expect(errorFor(await errorsOf(doc({ M: ['m'] }, around(sub, 'sub'))), 'subStart')).toMatch(
      /not supported yet; the start event of an embedded sub-process has no trigger/,
    );
  });

  it('refuses two for one message, and a name that needs variables', async () => {
    const two = `<bpmn:startEvent id="a"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent><bpmn:startEvent id="b"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>${flow('f1', 'a', 'e')}${flow('f2', 'b', 'e')}<bpmn:endEvent id="e"/>`;
    expect(errorFor(await errorsOf(doc({ M: ['m'] }, two)), 'b')).toMatch(/both start on message "m"/);
    const feel = `<bpmn:startEvent id="a"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>${flow('f1', 'a', 'e')}<bpmn:endEvent id="e"/>`;
    expect(errorFor(await errorsOf(doc({ M: ['=kanal'] }, feel)), 'a')).toMatch(/needs a name known at deploy/);
  });
});

describe('event-based gateways', () => {
  const gateway = (targets: string, extra = '') => `<bpmn:startEvent id="start"/>${flow('f0', 'start', 'g')}<bpmn:eventBasedGateway id="g"/>${targets}${extra}`;
  const timer = (id: string) =>
    `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
  const branch = (n: number, target: string) => `${flow(`g${n}`, 'g', target)}${flow(`o${n}`, target, `e${n}`)}<bpmn:endEvent id="e${n}"/>`;

  it('compiles with message and timer catch events after it', async () => {
    const ir = await compiled(doc({ M: ['konfirmasi', '=nomor'] }, gateway(catchEvent('m') + branch(1, 'm') + timer('t') + branch(2, 't'))));
    expect(ir.nodes.g).toMatchObject({ type: 'eventBasedGateway', outgoing: ['g1', 'g2'] });
  });

  it('refuses a task after it, a single flow, the same message twice, and an event with another way in', async () => {
    const task = await errorsOf(doc({ M: ['m'] }, gateway(catchEvent('m') + branch(1, 'm') + userTask('t') + branch(2, 't'))));
    expect(errorFor(task, 'g2')).toMatch(/must lead to a message, signal or timer intermediate catch event/);
    const single = await errorsOf(doc({ M: ['m'] }, gateway(catchEvent('m') + branch(1, 'm'))));
    expect(errorFor(single, 'g')).toMatch(/needs at least two/);
    const twice = await errorsOf(doc({ M: ['m'], N: ['m'] }, gateway(catchEvent('a', 'M') + branch(1, 'a') + catchEvent('b', 'N') + branch(2, 'b'))));
    expect(errorFor(twice, 'b')).toMatch(/wait for the same message "m"/);
    const joined = await errorsOf(doc({ M: ['m'] }, gateway(catchEvent('m') + branch(1, 'm') + timer('t') + branch(2, 't'), flow('back', 'e1', 't'))));
    expect(joined.some((e) => e.elementId === 't' && /must have no other incoming sequence flow/.test(e.message))).toBe(true);
  });
});
