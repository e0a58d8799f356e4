// Multi-instance tasks on the real servers: parallel user tasks over a list
// (all open at once, each seeing its own item, results collected in order),
// sequential script instances in order, a completion condition that cancels
// the tasks still open, and a collection that is not a list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes, incidentOf } from '../support/cases';
import { recordHistory } from '../support/histories';
import { startWebhookReceiver } from '../support/webhook-receiver';

let alur: TestAlur;
let admin: string;
let staf: string;
let steps: ReturnType<typeof caseSteps>;

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** start → `task` → end, in process `key`. */
const sop = (key: string, task: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D_${key}" targetNamespace="http://alur.test">` +
  `<bpmn:process id="${key}" name="${key}" isExecutable="true"><bpmn:startEvent id="Start"/>` +
  `<bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="T"/>${task}<bpmn:sequenceFlow id="f2" sourceRef="T" targetRef="End"/>` +
  '<bpmn:endEvent id="End"/></bpmn:process></bpmn:definitions>';

const loop = (attrs: string, inner = '', sequential = false) =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics ${attrs}/></bpmn:extensionElements>${inner}</bpmn:multiInstanceLoopCharacteristics>`;

const reviewTask = (inner = '') =>
  `<bpmn:userTask id="T" name="Telaah"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>` +
  `${loop('inputCollection="=pemeriksa" inputElement="p" outputCollection="hasil" outputElement="={oleh: p, setuju: setuju}"', inner)}</bpmn:userTask>`;

const SOPS = {
  'mi-paralel': sop('mi-paralel', reviewTask()),
  'mi-syarat': sop(
    'mi-syarat',
    reviewTask('<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>'),
  ),
  'mi-berurutan': sop(
    'mi-berurutan',
    '<bpmn:scriptTask id="T" name="Hitung"><bpmn:extensionElements><zeebe:script expression="=append(urutan, x * loopCounter)" resultVariable="urutan"/></bpmn:extensionElements>' +
      `${loop('inputCollection="=angka" inputElement="x" outputCollection="kali" outputElement="=x * 10"', '', true)}</bpmn:scriptTask>`,
  ),
};

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  staf = await alur.createUser(admin, 'sekar', ['staf']);
  steps = caseSteps(alur, admin);
  for (const xml of Object.values(SOPS)) {
    const deployed = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
  }
});
afterAll(() => alur?.close());

/** The case's tasks with the item each one was opened for, once `n` are there. */
async function tasksOf(caseId: string, n: number) {
  return eventually(async () => {
    const tasks = await alur.prisma.task.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
    return tasks.length >= n ? tasks.map((t) => ({ id: t.id, status: t.status, p: (t.inputs as { p?: string } | null)?.p })) : undefined;
  }, 20_000, `${n} tasks`);
}

async function complete(taskId: string, variables: Record<string, unknown>): Promise<void> {
  const res = await alur.call('POST', `/api/tasks/${taskId}/complete`, { token: staf, json: { variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

it('parallel: one open task per item at once, each completed, the output collection in item order', async () => {
  const id = await steps.start('mi-paralel', { pemeriksa: ['ani', 'budi', 'citra'] });
  const tasks = await tasksOf(id, 3);
  expect(tasks.map((t) => t.p).sort()).toEqual(['ani', 'budi', 'citra']);
  expect(tasks.every((t) => t.status === 'open')).toBe(true);
  const byItem = (p: string) => tasks.find((t) => t.p === p)!.id;
  // Completed out of order: the output collection still follows the input's order.
  await complete(byItem('citra'), { setuju: false });
  await complete(byItem('ani'), { setuju: true });
  await complete(byItem('budi'), { setuju: true });

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.hasil).toEqual([
    { oleh: 'ani', setuju: true },
    { oleh: 'budi', setuju: true },
    { oleh: 'citra', setuju: false },
  ]);
  // The instances' own variables stay theirs.
  expect(c.variables).not.toHaveProperty('p');
  expect(c.variables).not.toHaveProperty('loopCounter');
  const history = outcomes(c.history);
  expect(history.filter((s) => s === 'T:completed')).toHaveLength(4); // three instances and the body
  expect(history.at(-1)).toBe('End:completed');
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'multi-instance-parallel');
});

it('sequential: the instances run one after the other, in order', async () => {
  const id = await steps.start('mi-berurutan', { angka: [3, 5, 7], urutan: [] });
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.urutan).toEqual([3, 10, 21]);
  expect(c.variables.kali).toEqual([30, 50, 70]);
  expect(c.variables).not.toHaveProperty('x');
});

it('sequential service tasks call the webhook one at a time, in item order', async () => {
  let inFlight = 0;
  let mostInFlight = 0;
  const receiver = await startWebhookReceiver(async (call) => {
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    await new Promise((r) => setTimeout(r, 150));
    inFlight--;
    const { berkas } = (call.body as { variables: { berkas: string } }).variables;
    return { status: 200, body: { nomor: `${berkas}-OK` } };
  });
  try {
    const task =
      '<bpmn:serviceTask id="T" name="Kirim berkas"><bpmn:extensionElements><zeebe:taskDefinition type="webhook"/>' +
      `<zeebe:taskHeaders><zeebe:header key="url" value="${receiver.url}"/><zeebe:header key="resultVariable" value="respons"/></zeebe:taskHeaders>` +
      `</bpmn:extensionElements>${loop('inputCollection="=daftar" inputElement="berkas" outputCollection="nomor" outputElement="=respons.nomor"', '', true)}</bpmn:serviceTask>`;
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: sop('mi-layanan', task) })).status).toBe(201);
    const id = await steps.start('mi-layanan', { daftar: ['KTP', 'KK', 'Akta'] });
    const c = await steps.ended(id);
    expect(c.status).toBe('completed');
    expect(receiver.calls.map((call) => (call.body as { variables: { berkas: string; loopCounter: number } }).variables)).toMatchObject([
      { berkas: 'KTP', loopCounter: 1 },
      { berkas: 'KK', loopCounter: 2 },
      { berkas: 'Akta', loopCounter: 3 },
    ]);
    expect(mostInFlight).toBe(1);
    expect(c.variables.nomor).toEqual(['KTP-OK', 'KK-OK', 'Akta-OK']);
  } finally {
    await receiver.close();
  }
});

it('an empty collection completes at once', async () => {
  const id = await steps.start('mi-paralel', { pemeriksa: [] });
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.hasil).toEqual([]);
  expect(await alur.prisma.task.count({ where: { caseId: id } })).toBe(0);
});

it('the completion condition cancels the tasks still open', async () => {
  const id = await steps.start('mi-syarat', { pemeriksa: ['ani', 'budi', 'citra'] });
  const tasks = await tasksOf(id, 3);
  const byItem = (p: string) => tasks.find((t) => t.p === p)!.id;
  await complete(byItem('budi'), { setuju: true });
  await complete(byItem('citra'), { setuju: true });

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.hasil).toEqual([null, { oleh: 'budi', setuju: true }, { oleh: 'citra', setuju: true }]);
  expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: byItem('ani') } })).status).toBe('cancelled');
  const history = outcomes(c.history);
  expect(history.filter((s) => s === 'T:cancelled')).toHaveLength(1);
  expect(history.slice(-2)).toEqual(['T:completed', 'End:completed']);
});

it('an interrupting timer on the multi-instance task cancels every open instance', async () => {
  const xml = sop('mi-tenggat', reviewTask())
    .replace(
      '<bpmn:endEvent id="End"/>',
      '<bpmn:endEvent id="End"/><bpmn:boundaryEvent id="Tenggat" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
        '<bpmn:sequenceFlow id="f3" sourceRef="Tenggat" targetRef="Lewat"/><bpmn:endEvent id="Lewat"/>',
    );
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  const id = await steps.start('mi-tenggat', { pemeriksa: ['ani', 'budi'] });
  const tasks = await tasksOf(id, 2);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  for (const t of tasks) expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('cancelled');
  expect(outcomes(c.history)).toEqual(['Start:completed', 'T:cancelled', 'T:cancelled', 'T:cancelled', 'Tenggat:completed', 'Lewat:completed']);
  expect(c.variables).not.toHaveProperty('hasil');
});

it('a collection that is not a list is a case incident naming the element', async () => {
  const id = await steps.start('mi-paralel', { pemeriksa: 'ani' });
  const incident = await incidentOf(alur, admin, id);
  expect(incident.elementId).toBe('T');
  expect(incident.message).toBe('The input collection "pemeriksa" of multi-instance "Telaah" gave string "ani", not a list');
  expect(await alur.prisma.task.count({ where: { caseId: id } })).toBe(0);
});
