// Job workers (issue 15): a service or send task whose zeebe:taskDefinition
// type is not built in, or a Camunda 7 external task, compiles to a job that
// external workers activate (Camunda 8 REST) or fetch and lock (Camunda 7).
import { describe, expect, it } from 'vitest';
import type { IrSendTask, IrServiceTask } from '../src/ir';
import { isJobType } from '../src/ir';
import { between, definitions, flow } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';

const jobTask = (id: string, definition: string, headers = '', inner = '') =>
  `<bpmn:serviceTask id="${id}" name="Cek NIK"><bpmn:extensionElements><zeebe:taskDefinition ${definition}/>${
    headers ? `<zeebe:taskHeaders>${headers}</zeebe:taskHeaders>` : ''
  }${inner}</bpmn:extensionElements></bpmn:serviceTask>`;

describe('job worker tasks', () => {
  it('a zeebe:taskDefinition type that is not built in is a job, with its retries and task headers', async () => {
    const ir = await compiled(
      between(jobTask('cek', 'type="cek-nik" retries="5"', '<zeebe:header key="register" value="dukcapil"/><zeebe:header key="versi" value="2"/>'), 'cek'),
    );
    const node = ir.nodes.cek as IrServiceTask;
    expect(node).toMatchObject({ type: 'serviceTask', taskType: 'cek-nik', retries: 5, headers: { register: 'dukcapil', versi: '2' } });
    expect(isJobType(node.taskType)).toBe(true);
    expect(isJobType('webhook')).toBe(false);
  });

  it('retries default to 3; input and output mappings compile as on other tasks', async () => {
    const io = '<zeebe:ioMapping><zeebe:input source="=pemohon.nik" target="nik"/><zeebe:output source="=hasil.valid" target="nikValid"/></zeebe:ioMapping>';
    const ir = await compiled(between(jobTask('cek', 'type="io.camunda:sendgrid:1"', '', io), 'cek'));
    const node = ir.nodes.cek as IrServiceTask;
    expect(node).toMatchObject({ taskType: 'io.camunda:sendgrid:1', retries: 3, headers: {} });
    expect(node.io?.inputs).toHaveLength(1);
    expect(node.io?.outputs).toHaveLength(1);
  });

  it('a Camunda 7 external task is a job of its topic', async () => {
    const ir = await compiled(between('<bpmn:serviceTask id="bayar" name="Bayar" camunda:type="external" camunda:topic="pembayaran"/>', 'bayar'));
    expect(ir.nodes.bayar).toMatchObject({ type: 'serviceTask', taskType: 'pembayaran', retries: 3, headers: {} });
  });

  it('a send task with a job type is a job too', async () => {
    const xml = definitions(
      '<bpmn:message id="M" name="pemberitahuan"/><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="start"/>' +
        `${flow('f1', 'start', 'kirim')}<bpmn:sendTask id="kirim" messageRef="M"><bpmn:extensionElements><zeebe:taskDefinition type="kirim-surat"/></bpmn:extensionElements></bpmn:sendTask>` +
        `${flow('f2', 'kirim', 'end')}<bpmn:endEvent id="end"/></bpmn:process>`,
    );
    const node = (await compiled(xml)).nodes.kirim as IrSendTask;
    expect(node.send).toMatchObject({ messageName: 'pemberitahuan', taskType: 'kirim-surat', retries: 3 });
    const c7 = definitions(
      '<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="start"/>' +
        `${flow('f1', 'start', 'kirim')}<bpmn:sendTask id="kirim" camunda:type="external" camunda:topic="surat"/>` +
        `${flow('f2', 'kirim', 'end')}<bpmn:endEvent id="end"/></bpmn:process>`,
    );
    expect(((await compiled(c7)).nodes.kirim as IrSendTask).send).toMatchObject({ taskType: 'surat' });
  });

  it('refuses an external task without a topic or with an expression, a FEEL type, and Java delegates, naming the element', async () => {
    const noTopic = await errorsOf(between('<bpmn:serviceTask id="x" name="Bayar" camunda:type="external"/>', 'x'));
    expect(noTopic).toEqual([
      expect.objectContaining({
        elementId: 'x',
        message: 'Service task "Bayar" is a Camunda 7 external task without a camunda:topic; set the topic its workers fetch',
      }),
    ]);
    const juel = await errorsOf(between('<bpmn:serviceTask id="x" name="Bayar" camunda:type="external" camunda:topic="${jenis}"/>', 'x'));
    expect(juel[0]?.message).toContain('computes its external task topic with an expression ("${jenis}")');
    const feel = await errorsOf(between(jobTask('x', 'type="=jenis"'), 'x'));
    expect(feel[0]?.message).toContain('computes its task type with a FEEL expression ("=jenis")');
    const java = await errorsOf(between('<bpmn:serviceTask id="x" camunda:delegateExpression="${kirim}"/>', 'x'));
    expect(java[0]?.message).toContain('has a Camunda 7 Java class or expression, which Alur cannot run');
    const retries = await errorsOf(between(jobTask('x', 'type="cek" retries="0"'), 'x'));
    expect(retries[0]?.message).toContain('retries must be a whole number of at least 1');
  });
});
