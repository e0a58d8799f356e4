// Error and escalation events (test/fixtures/galat-eskalasi.bpmn): an error
// end event inside a sub-process caught by an interrupting error boundary
// event; an escalation intermediate throw event caught by a non-interrupting
// escalation boundary event; an error nobody catches stops the case at an
// incident naming the element and the code.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('galat-eskalasi.bpmn'));
});
afterAll(() => h?.close());

it('an error end event leaves the sub-process by its error boundary event', async () => {
  const c = await h.start('galat-eskalasi');
  await c.complete('Periksa', { hasil: 'palsu' });
  await c.complete('Tolak');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Periksa:completed',
    'Hasil:completed',
    'GalatPalsu:completed',
    'Pemeriksaan:cancelled',
    'TangkapPalsu:completed',
    'Tolak:completed',
    'EndTolak:completed',
  ]);
  expect(c.history.some((s) => s.elementId === 'Terbitkan')).toBe(false);
  await c.recordHistory('error-boundary-escalation');
});

it('an escalation reaches the non-interrupting boundary event while the sub-process goes on', async () => {
  const c = await h.start('galat-eskalasi');
  await c.complete('Periksa', { hasil: 'kurang' });
  await c.complete('Lengkapi');
  await c.complete('Terbitkan');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'SubStart:completed',
    'Periksa:completed',
    'Hasil:completed',
    'EskalasiKurang:completed',
    'TangkapKurang:completed',
    'Beritahu:completed',
    'EndBeritahu:completed',
    'Lengkapi:completed',
    'SubLengkap:completed',
    'Pemeriksaan:completed',
    'Terbitkan:completed',
    'End:completed',
  ]);
});

it('an error nothing catches stops the case at an incident on the end event that threw it, naming the code', async () => {
  const c = await h.start('galat-eskalasi');
  await c.complete('Periksa', { hasil: 'aneh' });

  const incident = await c.incident();
  expect(incident.elementId).toBe('GalatAneh');
  expect(incident.message).toBe(
    'Error "TIDAK_DIKENAL" thrown by end event "Temuan tidak dikenal" (GalatAneh) was not caught by any error boundary event or event sub-process',
  );
  // Cancelled from its incident, the case ends as cancelled cases do.
  await c.cancel('temuan di luar SOP');
  expect((await c.ended()).status).toBe('terminated');
});
