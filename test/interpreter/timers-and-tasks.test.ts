// Script task, non-interrupting timer boundary, manual task and timer catch
// events (FEEL duration and FEEL date), with time skipped instead of waited
// for (test/fixtures/verifikasi-berkas.bpmn).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureXml } from './support/fixtures';
import { InterpreterHarness } from './support/harness';

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(fixtureXml('verifikasi-berkas.bpmn'));
});
afterAll(() => h?.close());

it('reminds a supervisor without interrupting, records the manual step, waits out both timers', async () => {
  const tanggalSidang = new Date((await h.env.currentTimeMs()) + 4_000).toISOString();
  const c = await h.start('verifikasi-berkas', { variables: { jumlahBerkas: 3, masaSanggah: 'PT1S', tanggalSidang } });
  expect((await c.snapshot()).variables.biaya).toBe(15000);

  await c.task('Periksa');
  // After 1 s the reminder goes to the supervisor; the verification task stays open.
  await h.skip(1_000);
  await c.task('TindakLanjut');
  expect(c.tasksFor('verifikator')).toHaveLength(1);

  await c.complete('Periksa');
  await c.complete('TindakLanjut');
  await h.skipTo(new Date(Date.parse(tanggalSidang) + 1_000));

  expect((await c.ended()).status).toBe('completed');
  const step = (elementId: string) => c.history.find((s) => s.elementId === elementId)!;
  expect(step('Periksa').outcome).toBe('completed');
  expect(step('Pengingat').outcome).toBe('completed');
  expect(step('Serahkan')).toBeTruthy();
  expect(Date.parse(step('MasaSanggah').endedAt) - Date.parse(step('MasaSanggah').startedAt)).toBeGreaterThanOrEqual(1_000);
  expect(Date.parse(step('Sidang').endedAt)).toBeGreaterThanOrEqual(Date.parse(tanggalSidang));
  expect(c.history.at(-1)!.elementId).toBe('End');
  await c.recordHistory('verifikasi-timers-manual-script');
});

it('stops the case at an incident on the timer when its expression gives no duration', async () => {
  const c = await h.start('verifikasi-berkas', { variables: { jumlahBerkas: 1, masaSanggah: 42, tanggalSidang: '2020-01-01T00:00:00Z' } });
  await c.complete('Periksa');
  const incident = await c.incident();
  expect(incident.message).toMatch(/Masa sanggah/);
  expect(incident.message).toMatch(/42/);
});
