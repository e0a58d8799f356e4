// Multi-instance sub-processes (test/fixtures/survei-multi-lokasi.bpmn,
// cari-lokasi-berurutan.bpmn): one scope per item, each with its own
// variables (the input element, the output element it fills), the results
// collected in order; sequential ones stop at the completion condition.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('survei-multi-lokasi.bpmn'));
  await h.deploy(fixtureXml('cari-lokasi-berurutan.bpmn'));
});
afterAll(() => h?.close());

it('runs one sub-process instance per location in parallel, each seeing its own location, and collects the findings in order', async () => {
  const c = await h.start('survei-multi-lokasi', { variables: { daftarLokasi: ['Pasar', 'Terminal', 'Alun-alun'] } });
  const tasks = await c.until(() => (c.tasksFor('surveyor').length === 3 ? c.tasksFor('surveyor') : undefined), 10_000, 'three survey tasks');
  const byLocation = new Map(tasks.map((t) => [(t.inputs ?? {}).lokasiTugas as string, t]));
  expect([...byLocation.keys()].sort()).toEqual(['Alun-alun', 'Pasar', 'Terminal']);

  for (const [lokasi, catatan] of [
    ['Terminal', 'ramai'],
    ['Pasar', 'bersih'],
    ['Alun-alun', 'luas'],
  ] as const) {
    await c.completeTask(byLocation.get(lokasi)!, { catatan });
  }
  await c.complete('Rekap');
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.hasil).toEqual(['Pasar: bersih', 'Terminal: ramai', 'Alun-alun: luas']);
  // Each instance's own variables stay in it.
  expect(ended.variables).not.toHaveProperty('lokasi');
  expect(ended.variables).not.toHaveProperty('temuan');
  expect(ended.variables).not.toHaveProperty('loopCounter');

  const history = c.outcomes;
  expect(history.filter((s) => s === 'SurveiSemua:completed')).toHaveLength(4); // three instances and the body
  expect(history.filter((s) => s === 'Periksa:completed')).toHaveLength(3);
  expect(history.filter((s) => s === 'Catat:completed')).toHaveLength(3);
  expect(history.slice(-3)).toEqual(['SurveiSemua:completed', 'Rekap:completed', 'End:completed']);
  const changed = c.eventsOfKind('variables.changed').map(({ source, variables }) => ({ source, variables }));
  expect(changed.at(-1)).toEqual({ source: 'multiInstance:SurveiSemua', variables: { hasil: ['Pasar: bersih', 'Terminal: ramai', 'Alun-alun: luas'] } });
  await c.recordHistory('multi-instance-sub-process');
});

it('runs sequential instances one at a time and stops when the completion condition holds', async () => {
  const c = await h.start('cari-lokasi-berurutan', { variables: { kandidat: ['Blok A', 'Blok B', 'Blok C'] } });
  for (const [i, layak] of [
    [1, false],
    [2, true],
  ] as const) {
    const open = await c.until(
      () => {
        const list = c.tasksFor('surveyor');
        return list.length === 1 && c.eventsOfKind('task.completed').length === i - 1 ? list : undefined;
      },
      10_000,
      `check ${i}`,
    );
    await c.completeTask(open[0]!, { layak });
  }
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.hasil).toEqual([null, 'Blok B', null]);
  expect(ended.variables).not.toHaveProperty('terpilih');
  const history = c.outcomes;
  expect(history.filter((s) => s === 'Cek:completed')).toHaveLength(2);
  expect(history.slice(-2)).toEqual(['Cari:completed', 'End:completed']);
});
