// Nested sub-processes (test/fixtures/sub-proses-bersarang.bpmn): an
// escalation and an error thrown two levels down travel outwards past the
// inner sub-process to the outer one's interrupting catch-all boundary events,
// cancelling both scopes on the way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('sub-proses-bersarang.bpmn'));
});
afterAll(() => h?.close());

it('completes both scopes in turn when nothing is thrown', async () => {
  const c = await h.start('sub-proses-bersarang');
  await c.complete('Periksa', { temuan: 'aman' });
  await c.complete('Nilai');
  await c.complete('Terbitkan');
  await c.ended();
  expect(c.outcomes).toEqual([
    'Start:completed',
    'PenilaianStart:completed',
    'InspeksiStart:completed',
    'Periksa:completed',
    'Temuan:completed',
    'InspeksiSelesai:completed',
    'Inspeksi:completed',
    'Nilai:completed',
    'PenilaianSelesai:completed',
    'Penilaian:completed',
    'Terbitkan:completed',
    'End:completed',
  ]);
});

it('an escalation from the inner sub-process interrupts the outer one at its escalation boundary event', async () => {
  const c = await h.start('sub-proses-bersarang');
  await c.complete('Periksa', { temuan: 'berat' });
  await c.complete('Sidang');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'PenilaianStart:completed',
    'InspeksiStart:completed',
    'Periksa:completed',
    'Temuan:completed',
    'TemuanBerat:completed',
    'Inspeksi:cancelled',
    'Penilaian:cancelled',
    'Eskalasi:completed',
    'Sidang:completed',
    'EndSidang:completed',
  ]);
  await c.recordHistory('nested-escalation-interrupting');
});

it("an error from the inner sub-process is caught by the outer one's catch-all error boundary event", async () => {
  const c = await h.start('sub-proses-bersarang');
  await c.complete('Periksa', { temuan: 'hilang' });

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'PenilaianStart:completed',
    'InspeksiStart:completed',
    'Periksa:completed',
    'Temuan:completed',
    'DokumenHilang:completed',
    'Inspeksi:cancelled',
    'Penilaian:cancelled',
    'Galat:completed',
    'EndGalat:completed',
  ]);
});
