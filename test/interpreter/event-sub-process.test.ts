// Event sub-processes (test/fixtures/sub-proses-peristiwa.bpmn): a
// non-interrupting escalation one inside a sub-process, an interrupting error
// one at process level reached by an error propagating out of the
// sub-process, and an interrupting timer one at process level.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('sub-proses-peristiwa.bpmn'));
  await h.deploy(fixtureXml('eskalasi-kepala.bpmn'));
});
afterAll(() => h?.close());

it('an escalation end event starts the non-interrupting event sub-process; the sub-process ends after it', async () => {
  const c = await h.start('sub-proses-peristiwa', { variables: { tenggat: 'PT1H' } });
  await c.complete('Tangani', { tindakan: 'eskalasi' });
  await c.task('Tinjau');
  // The handling sub-process waits for its event sub-process.
  expect((await c.snapshot()).status).toBe('running');
  await c.complete('Tinjau');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Tangani:completed',
    'Tindakan:completed',
    'PerluAtasan:completed',
    'TinjauanStart:completed',
    'Tinjau:completed',
    'TinjauanSelesai:completed',
    'TinjauanAtasan:completed',
    'Penanganan:completed',
    'End:completed',
  ]);
  expect(c.history.find((s) => s.elementId === 'TinjauanAtasan')!.type).toBe('eventSubProcess');
});

it('an error no one inside catches leaves the sub-process and starts the process-level error event sub-process', async () => {
  const c = await h.start('sub-proses-peristiwa', { variables: { tenggat: 'PT1H' } });
  await c.complete('Tangani', { tindakan: 'cabut' });

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Tangani:completed',
    'Tindakan:completed',
    'Dicabut:completed',
    'Penanganan:cancelled',
    'PencabutanStart:completed',
    'Arsipkan:completed',
    'PencabutanSelesai:completed',
    'Pencabutan:completed',
  ]);
  await c.recordHistory('event-sub-process-error');
});

it('the interrupting timer event sub-process cancels the open task and closes the case', async () => {
  const c = await h.start('sub-proses-peristiwa', { variables: { tenggat: 'PT2S' } });
  const tangani = await c.task('Tangani');

  await h.skip(2_000);
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.statusAkhir).toBe('kedaluwarsa');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Tangani:cancelled',
    'Penanganan:cancelled',
    'KedaluwarsaStart:completed',
    'TutupOtomatis:completed',
    'KedaluwarsaSelesai:completed',
    'Kedaluwarsa:completed',
  ]);
  expect(c.eventsOfKind('task.cancelled').map((e) => e.taskId)).toEqual([tangani.taskId]);
  const kinds = c.events.map((e) => e.kind);
  expect(kinds.indexOf('task.cancelled')).toBeLessThan(kinds.lastIndexOf('step.started'));
  await c.recordHistory('event-sub-process-timer');
});

it('inside a sub-process: a timer event sub-process reminds without interrupting; an escalation throw event starts the interrupting one', async () => {
  const c = await h.start('eskalasi-kepala', { variables: { pengingat: 'PT1S' } });
  await c.task('Periksa');
  // The reminder runs beside the open task.
  await h.skip(1_000);
  await c.until(() => c.history.find((s) => s.elementId === 'Pengingat'), 10_000, 'the reminder');
  await c.complete('Periksa');
  await c.complete('Putuskan');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'PengingatStart:completed',
    'Ingatkan:completed',
    'PengingatSelesai:completed',
    'Pengingat:completed',
    'Periksa:completed',
    'PerluKepala:completed',
    'KeputusanStart:completed',
    'Putuskan:completed',
    'KeputusanSelesai:completed',
    'KeputusanKepala:completed',
    'Proses:completed',
    'End:completed',
  ]);
  expect(c.history.some((s) => s.elementId === 'Terbitkan')).toBe(false);
  await c.recordHistory('event-sub-process-in-sub-process');
});
