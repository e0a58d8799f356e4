// Embedded sub-process (test/fixtures/sub-proses-survei.bpmn): its own start
// and end events, variables visible inside, a terminate end event that ends
// only the sub-process, and an interrupting timer boundary event on the
// sub-process that cancels everything inside.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('sub-proses-survei.bpmn'));
});
afterAll(() => h?.close());

it('runs the steps inside, then goes on after the sub-process', async () => {
  const c = await h.start('sub-proses-survei', { variables: { batasVerifikasi: 'PT1H' } });
  expect(c.openTaskIds).toEqual(['Dokumentasi', 'Survei']);
  await c.complete('Dokumentasi');
  await c.complete('Survei', { lokasiSesuai: true });
  await c.complete('Keputusan');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Bagi:completed',
    'Dokumentasi:completed',
    'DokSelesai:completed',
    'Survei:completed',
    'CekLokasi:completed',
    'SubSelesai:completed',
    'Verifikasi:completed',
    'Keputusan:completed',
    'End:completed',
  ]);
  expect(c.history.find((s) => s.elementId === 'Verifikasi')!.type).toBe('subProcess');
});

it('a terminate end event inside ends only the sub-process: the parallel task is cancelled, the case goes on', async () => {
  const c = await h.start('sub-proses-survei', { variables: { batasVerifikasi: 'PT1H' } });
  const dokumentasi = await c.task('Dokumentasi');
  await c.complete('Survei', { lokasiSesuai: false });
  await c.task('Keputusan');
  expect(c.openTaskIds).toEqual(['Keputusan']);
  expect(c.eventsOfKind('task.cancelled').map((e) => e.taskId)).toEqual([dokumentasi.taskId]);
  await c.complete('Keputusan');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Bagi:completed',
    'Survei:completed',
    'CekLokasi:completed',
    'Batal:completed',
    'Dokumentasi:cancelled',
    'Verifikasi:completed',
    'Keputusan:completed',
    'End:completed',
  ]);
});

it('an interrupting timer on the sub-process cancels everything inside and leaves by the timer', async () => {
  // The sub-process's own SLA (PT1H): without one its SLA is the boundary timer's, both timers fire in the same instant,
  // and Temporal's time-skipping test server then sometimes refuses the activation that cancels the other one
  // ("invalid history builder state for action") and the case hangs; the dev server takes it.
  const c = await h.start('sub-proses-survei', { variables: { batasVerifikasi: 'PT2S' }, slaOverrides: { Verifikasi: 'PT1H' } });
  const [survei, dokumentasi] = await Promise.all([c.task('Survei'), c.task('Dokumentasi')]);
  await h.skip(2_000);
  await c.complete('Eskalasi');

  expect((await c.ended()).status).toBe('completed');
  const history = c.outcomes;
  expect(history.slice(0, 3)).toEqual(['Start:completed', 'SubStart:completed', 'Bagi:completed']);
  // Both tasks inside are cancelled (in either order) before the sub-process itself, then the timer's path runs.
  expect(history.slice(3, 5).sort()).toEqual(['Dokumentasi:cancelled', 'Survei:cancelled']);
  expect(history.slice(5)).toEqual(['Verifikasi:cancelled', 'BatasWaktu:completed', 'Eskalasi:completed', 'EndEskalasi:completed']);
  expect(
    c
      .eventsOfKind('task.cancelled')
      .map((e) => e.taskId)
      .sort(),
  ).toEqual([survei.taskId, dokumentasi.taskId].sort());
  const kinds = c.events.map((e) => e.kind);
  expect(kinds.filter((k) => k === 'task.cancelled')).toHaveLength(2);
  expect(kinds.at(-1)).toBe('case.ended');
  await c.recordHistory('sub-process-timer-boundary');
});
