// Multi-instance tasks: parallel user tasks over a list (all open at once,
// each seeing its own item, results collected in order), sequential script
// instances in order, sequential webhook calls one at a time, a completion
// condition that cancels the tasks still open, and a collection that is not a
// list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InterpreterHarness, type TestCase } from './support/harness';

let h: InterpreterHarness;

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:alur="https://alur.go.id/schema/bpmn/1.0"';

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
  'mi-pemetaan': sop(
    'mi-pemetaan',
    '<bpmn:userTask id="T" name="Paraf"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/>' +
      '<zeebe:ioMapping><zeebe:output source="=setuju" target="hasilParaf"/></zeebe:ioMapping></bpmn:extensionElements>' +
      `${loop('inputCollection="=pemeriksa" inputElement="p" outputCollection="paraf" outputElement="=hasilParaf"', '', true)}</bpmn:userTask>`,
  ),
  'mi-berurutan': sop(
    'mi-berurutan',
    '<bpmn:scriptTask id="T" name="Hitung"><bpmn:extensionElements><zeebe:script expression="=append(urutan, x * loopCounter)" resultVariable="urutan"/></bpmn:extensionElements>' +
      `${loop('inputCollection="=angka" inputElement="x" outputCollection="kali" outputElement="=x * 10"', '', true)}</bpmn:scriptTask>`,
  ),
};

beforeAll(async () => {
  h = await InterpreterHarness.start();
  for (const xml of Object.values(SOPS)) await h.deploy(xml);
});
afterAll(() => h?.close());

/** The case's tasks with the item each one was opened for, once `n` are there. */
async function tasksOf(c: TestCase, n: number) {
  const created = await c.until(() => (c.eventsOfKind('task.created').length >= n ? c.eventsOfKind('task.created') : undefined), 10_000, `${n} tasks`);
  const open = new Set(c.openTasks.map((t) => t.taskId));
  return created.map((t) => ({ id: t.taskId, status: open.has(t.taskId) ? 'open' : 'closed', p: (t.inputs as { p?: string } | undefined)?.p }));
}

async function complete(c: TestCase, taskId: string, variables: Record<string, unknown>): Promise<void> {
  await c.completeTask(
    c.openTasks.find((t) => t.taskId === taskId)!,
    variables,
  );
}

it('parallel: one open task per item at once, each completed, the output collection in item order', async () => {
  const c = await h.start('mi-paralel', { variables: { pemeriksa: ['ani', 'budi', 'citra'] } });
  const tasks = await tasksOf(c, 3);
  expect(tasks.map((t) => t.p).sort()).toEqual(['ani', 'budi', 'citra']);
  expect(tasks.every((t) => t.status === 'open')).toBe(true);
  const byItem = (p: string) => tasks.find((t) => t.p === p)!.id;
  // Completed out of order: the output collection still follows the input's order.
  await complete(c, byItem('citra'), { setuju: false });
  await complete(c, byItem('ani'), { setuju: true });
  await complete(c, byItem('budi'), { setuju: true });

  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.hasil).toEqual([
    { oleh: 'ani', setuju: true },
    { oleh: 'budi', setuju: true },
    { oleh: 'citra', setuju: false },
  ]);
  // The instances' own variables stay theirs.
  expect(ended.variables).not.toHaveProperty('p');
  expect(ended.variables).not.toHaveProperty('loopCounter');
  const history = c.outcomes;
  expect(history.filter((s) => s === 'T:completed')).toHaveLength(4); // three instances and the body
  expect(history.at(-1)).toBe('End:completed');
  await c.recordHistory('multi-instance-parallel');
});

it("the output element reads what the instance's output mappings set (Camunda 8), not the case's value from before", async () => {
  const c = await h.start('mi-pemetaan', { variables: { pemeriksa: ['ani', 'budi'] } });
  const done = new Set<string>();
  for (const setuju of [true, false]) {
    const task = await c.until(() => c.openTasks.find((t) => !done.has(t.taskId)), 10_000, 'the next instance');
    done.add(task.taskId);
    await c.completeTask(task, { setuju });
  }
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.paraf).toEqual([true, false]);
  await c.recordHistory('multi-instance-output-after-mappings');
});

it('sequential: the instances run one after the other, in order', async () => {
  const c = await h.start('mi-berurutan', { variables: { angka: [3, 5, 7], urutan: [] } });
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.urutan).toEqual([3, 10, 21]);
  expect(ended.variables.kali).toEqual([30, 50, 70]);
  expect(ended.variables).not.toHaveProperty('x');
});

it('sequential service tasks call the webhook one at a time, in item order', async () => {
  let inFlight = 0;
  let mostInFlight = 0;
  const calls: unknown[] = [];
  h.webhook = async (request) => {
    calls.push(request.body);
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    await new Promise((r) => setTimeout(r, 150));
    inFlight--;
    const { berkas } = (request.body as { variables: { berkas: string } }).variables;
    return { status: 200, body: { nomor: `${berkas}-OK` } };
  };
  const task =
    '<bpmn:serviceTask id="T" name="Kirim berkas"><bpmn:extensionElements><zeebe:taskDefinition type="webhook"/>' +
    '<zeebe:taskHeaders><zeebe:header key="url" value="https://layanan.example.go.id/berkas"/><zeebe:header key="resultVariable" value="respons"/></zeebe:taskHeaders>' +
    `</bpmn:extensionElements>${loop('inputCollection="=daftar" inputElement="berkas" outputCollection="nomor" outputElement="=respons.nomor"', '', true)}</bpmn:serviceTask>`;
  await h.deploy(sop('mi-layanan', task));
  const c = await h.start('mi-layanan', { variables: { daftar: ['KTP', 'KK', 'Akta'] } });
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(calls.map((body) => (body as { variables: { berkas: string; loopCounter: number } }).variables)).toMatchObject([
    { berkas: 'KTP', loopCounter: 1 },
    { berkas: 'KK', loopCounter: 2 },
    { berkas: 'Akta', loopCounter: 3 },
  ]);
  expect(mostInFlight).toBe(1);
  expect(ended.variables.nomor).toEqual(['KTP-OK', 'KK-OK', 'Akta-OK']);
});

it('an empty collection completes at once', async () => {
  const c = await h.start('mi-paralel', { variables: { pemeriksa: [] } });
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.hasil).toEqual([]);
  expect(c.eventsOfKind('task.created')).toHaveLength(0);
});

it('the completion condition cancels the tasks still open', async () => {
  const c = await h.start('mi-syarat', { variables: { pemeriksa: ['ani', 'budi', 'citra'] } });
  const tasks = await tasksOf(c, 3);
  const byItem = (p: string) => tasks.find((t) => t.p === p)!.id;
  await complete(c, byItem('budi'), { setuju: true });
  await complete(c, byItem('citra'), { setuju: true });

  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.hasil).toEqual([null, { oleh: 'budi', setuju: true }, { oleh: 'citra', setuju: true }]);
  expect(c.eventsOfKind('task.cancelled').map((e) => e.taskId)).toEqual([byItem('ani')]);
  const history = c.outcomes;
  expect(history.filter((s) => s === 'T:cancelled')).toHaveLength(1);
  expect(history.slice(-2)).toEqual(['T:completed', 'End:completed']);
});

it('an interrupting timer on the multi-instance task cancels every open instance', async () => {
  // The task's own SLA (PT1H): without one its SLA is the boundary timer's PT2S, both timers fire in the same
  // instant, and Temporal's time-skipping test server then sometimes refuses the activation that cancels the
  // other one ("invalid history builder state for action") and the case hangs; the dev server takes it.
  const xml = sop('mi-tenggat', reviewTask().replace('<bpmn:userTask id="T" name="Telaah">', '<bpmn:userTask id="T" name="Telaah" alur:sla="PT1H">')).replace(
    '<bpmn:endEvent id="End"/>',
    '<bpmn:endEvent id="End"/><bpmn:boundaryEvent id="Tenggat" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
      '<bpmn:sequenceFlow id="f3" sourceRef="Tenggat" targetRef="Lewat"/><bpmn:endEvent id="Lewat"/>',
  );
  await h.deploy(xml);
  const c = await h.start('mi-tenggat', { variables: { pemeriksa: ['ani', 'budi'] } });
  const tasks = await tasksOf(c, 2);
  await h.skip(2_000);
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(
    c
      .eventsOfKind('task.cancelled')
      .map((e) => e.taskId)
      .sort(),
  ).toEqual(tasks.map((t) => t.id).sort());
  expect(c.outcomes).toEqual(['Start:completed', 'T:cancelled', 'T:cancelled', 'T:cancelled', 'Tenggat:completed', 'Lewat:completed']);
  expect(ended.variables).not.toHaveProperty('hasil');
});

it('a collection that is not a list is a case incident naming the element', async () => {
  const c = await h.start('mi-paralel', { variables: { pemeriksa: 'ani' } });
  const incident = await c.incident();
  expect(incident.elementId).toBe('T');
  expect(incident.message).toBe('The input collection "pemeriksa" of multi-instance "Telaah" gave string "ani", not a list');
  expect(c.eventsOfKind('task.created')).toHaveLength(0);
});
