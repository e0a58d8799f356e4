// Inclusive gateway (test/fixtures/gerbang-inklusif.bpmn): the split takes
// every branch whose condition holds (the default when none does); the join
// waits only for the branches that can still arrive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('gerbang-inklusif.bpmn'));
});
afterAll(() => h?.close());

it('takes only the branch whose condition holds, and the join does not wait for the others', async () => {
  const c = await h.start('gerbang-inklusif', { variables: { perluSurvei: true, perluUji: false } });
  expect(c.openTaskIds).toEqual(['Survei']);
  await c.complete('Survei');
  await c.complete('Putuskan');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual(['Start:completed', 'Kajian:completed', 'Survei:completed', 'Gabung:completed', 'Putuskan:completed', 'End:completed']);
});

it('takes both branches and the join waits for the second, which still has a step to go', async () => {
  const c = await h.start('gerbang-inklusif', { variables: { perluSurvei: true, perluUji: true } });
  expect(c.openTaskIds).toEqual(['Survei', 'UjiLab']);
  await c.complete('Survei');
  // The survey's token waits at the join: the lab test can still arrive.
  expect(c.openTaskIds).toEqual(['UjiLab']);
  expect(c.history.map((s) => s.elementId)).not.toContain('Gabung');
  await c.complete('UjiLab');
  await c.complete('Putuskan');

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'Start:completed',
    'Kajian:completed',
    'Survei:completed',
    'UjiLab:completed',
    'CatatUji:completed',
    'Gabung:completed',
    'Putuskan:completed',
    'End:completed',
  ]);
});

it('takes the default flow when no condition holds', async () => {
  const c = await h.start('gerbang-inklusif', { variables: { perluSurvei: false, perluUji: false } });
  await c.complete('Administrasi');
  await c.complete('Putuskan');
  await c.ended();
  expect(c.outcomes).toEqual(['Start:completed', 'Kajian:completed', 'Administrasi:completed', 'Gabung:completed', 'Putuskan:completed', 'End:completed']);
});
