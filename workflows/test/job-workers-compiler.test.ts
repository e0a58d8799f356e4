// Job workers (issue 15): a service or send task whose zeebe:taskDefinition
// type is not built in, or a Camunda 7 external task, compiles to a job that
// external workers activate (Camunda 8 REST) or fetch and lock (Camunda 7).
import { describe, expect, it } from 'vitest';
import type { IrSendTask, IrServiceTask } from '../src/ir';
import { isJobType } from '../src/ir';
import { between, definitions, flow } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';
import { checkOutboundUrls } from '../src/compiler/outbound-urls';
import { PUBLIC_ONLY } from '../src/common/outbound-policy';

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
    expect(java[0]?.message).toContain('has a Camunda 7 Java class or expression (camunda:delegateExpression="${kirim}"), which Alur cannot run');
    const retries = await errorsOf(between(jobTask('x', 'type="cek" retries="0"'), 'x'));
    expect(retries[0]?.message).toContain('retries must be a whole number of at least 1');
  });
});

describe('the REST connector io.camunda:http-json:1 (built in)', () => {
  const connector = (inputs: string, headers = '') =>
    between(
      `<bpmn:serviceTask id="c" name="Cek"><bpmn:extensionElements><zeebe:taskDefinition type="io.camunda:http-json:1" retries="2"/><zeebe:ioMapping>${inputs}</zeebe:ioMapping>${
        headers ? `<zeebe:taskHeaders>${headers}</zeebe:taskHeaders>` : ''
      }</bpmn:extensionElements></bpmn:serviceTask>`,
      'c',
    );
  const input = (target: string, source: string) => `<zeebe:input source="${source}" target="${target}"/>`;

  it('compiles with its inputs and headers, and is not a job', async () => {
    const ir = await compiled(
      connector(
        input('url', 'https://dukcapil.example.go.id/api') +
          input('method', 'post') +
          input('authentication.type', 'bearer') +
          input('authentication.token', '=token'),
        '<zeebe:header key="resultVariable" value="hasil"/><zeebe:header key="resultExpression" value="={nama: response.body.nama}"/>',
      ),
    );
    const node = ir.nodes.c as IrServiceTask;
    expect(node).toMatchObject({
      taskType: 'io.camunda:http-json:1',
      retries: 2,
      headers: { resultVariable: 'hasil', resultExpression: '={nama: response.body.nama}' },
    });
    expect(isJobType(node.taskType)).toBe(false);
    expect(node.io?.inputs.map((i) => i.target)).toEqual(['url', 'method', 'authentication.type', 'authentication.token']);
  });

  it('refuses what it cannot run, naming the element', async () => {
    const messages = async (xml: string) => (await errorsOf(xml)).map((e) => `${e.elementId}: ${e.message}`);
    expect(await messages(connector(input('method', 'GET')))).toEqual([
      'c: Service task "Cek" (REST connector) has no "url" input; map the address to call to the input "url"',
    ]);
    expect(
      await messages(connector(input('url', 'ftp://x') + input('method', 'FETCH') + input('authentication.type', 'oauth-client-credentials-flow'))),
    ).toEqual([
      'c: Service task "Cek" (REST connector) has the url "ftp://x", which is not an http(s) address like https://example.go.id/api',
      'c: Service task "Cek" (REST connector) has the method "FETCH"; it must be one of GET, POST, PUT, PATCH, DELETE',
      'c: Service task "Cek" (REST connector) has the authentication type "oauth-client-credentials-flow"; Alur supports noAuth, basic, bearer',
    ]);
    expect(await messages(connector(input('url', 'https://x.go.id') + input('authentication.token', '{{secrets.TOKEN}}')))).toEqual([
      'c: Service task "Cek" (REST connector) uses a connector secret in its "authentication.token" input; Alur has no connector secrets yet: map the value from a variable',
    ]);
    expect(await messages(connector(input('url', 'https://x.go.id'), '<zeebe:header key="resultExpression" value="nama"/>'))).toEqual([
      'c: Service task "Cek" (REST connector) has "resultExpression" header "nama": it must be a FEEL expression starting with =',
    ]);
  });

  it('a fixed internal url is refused at deploy by the outbound policy', async () => {
    const ir = await compiled(connector(input('url', 'http://169.254.169.254/latest')));
    const errors = checkOutboundUrls(ir, PUBLIC_ONLY);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ elementId: 'c' });
    expect(errors[0]!.message).toContain('"Cek" (REST connector) has the url "http://169.254.169.254/latest"');
  });
});
