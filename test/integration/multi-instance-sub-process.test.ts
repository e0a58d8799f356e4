// Multi-instance sub-processes (test/fixtures/survei-multi-lokasi.bpmn,
// cari-lokasi-berurutan.bpmn): one scope per item, each with its own
// variables (the input element, the output element it fills), the results
// collected in order; sequential ones stop at the completion condition.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let surveyor: string;
let kepala: string;
let steps: ReturnType<typeof caseSteps>;

interface InboxTask { id: string; elementId: string; inputs?: Record<string, unknown> }

const inbox = async (id: string, token: string): Promise<InboxTask[]> => (await alur.call('GET', `/api/tasks?instanceId=${id}`, { token })).body;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  surveyor = await alur.createUser(admin, 'surya', ['surveyor']);
  kepala = await alur.createUser(admin, 'kartini', ['kepala']);
  steps = caseSteps(alur, admin);
  for (const name of ['survei-multi-lokasi.bpmn', 'cari-lokasi-berurutan.bpmn']) {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml(name) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => alur?.close());

it('runs one sub-process instance per location in parallel, each seeing its own location, and collects the findings in order', async () => {
  const id = await steps.start('survei-multi-lokasi', { daftarLokasi: ['Pasar', 'Terminal', 'Alun-alun'] });
  const tasks = await eventually(async () => {
    const open = await inbox(id, surveyor);
    return open.length === 3 ? open : undefined;
  }, 20_000, 'three survey tasks');
  const details = await Promise.all(tasks.map(async (t) => (await alur.call('GET', `/api/tasks/${t.id}`, { token: surveyor })).body as InboxTask));
  const byLocation = new Map(details.map((t) => [(t.inputs ?? {}).lokasiTugas as string, t.id]));
  expect([...byLocation.keys()].sort()).toEqual(['Alun-alun', 'Pasar', 'Terminal']);

  for (const [lokasi, catatan] of [['Terminal', 'ramai'], ['Pasar', 'bersih'], ['Alun-alun', 'luas']] as const) {
    const res = await alur.call('POST', `/api/tasks/${byLocation.get(lokasi)}/complete`, { token: surveyor, json: { variables: { catatan } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await steps.complete(id, 'Rekap', {}, kepala);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.hasil).toEqual(['Pasar: bersih', 'Terminal: ramai', 'Alun-alun: luas']);
  // Each instance's own variables stay in it.
  expect(c.variables).not.toHaveProperty('lokasi');
  expect(c.variables).not.toHaveProperty('temuan');
  expect(c.variables).not.toHaveProperty('loopCounter');

  const history = outcomes(c.history);
  expect(history.filter((s) => s === 'SurveiSemua:completed')).toHaveLength(4); // three instances and the body
  expect(history.filter((s) => s === 'Periksa:completed')).toHaveLength(3);
  expect(history.filter((s) => s === 'Catat:completed')).toHaveLength(3);
  expect(history.slice(-3)).toEqual(['SurveiSemua:completed', 'Rekap:completed', 'End:completed']);
  const changed = (await steps.events(id)).filter((e) => e.kind === 'variables.changed').map((e) => e.data as { source: string; variables: Record<string, unknown> });
  expect(changed.at(-1)).toEqual({ source: 'multiInstance:SurveiSemua', variables: { hasil: ['Pasar: bersih', 'Terminal: ramai', 'Alun-alun: luas'] } });
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'multi-instance-sub-process');
});

it('runs sequential instances one at a time and stops when the completion condition holds', async () => {
  const id = await steps.start('cari-lokasi-berurutan', { kandidat: ['Blok A', 'Blok B', 'Blok C'] });
  for (const [i, layak] of [[1, false], [2, true]] as const) {
    const open = await eventually(async () => {
      const list = await inbox(id, surveyor);
      return list.length === 1 ? list : undefined;
    }, 20_000, `check ${i}`);
    const res = await alur.call('POST', `/api/tasks/${open[0]!.id}/complete`, { token: surveyor, json: { variables: { layak } } });
    expect(res.status).toBe(200);
  }
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.hasil).toEqual([null, 'Blok B', null]);
  expect(c.variables).not.toHaveProperty('terpilih');
  const history = outcomes(c.history);
  expect(history.filter((s) => s === 'Cek:completed')).toHaveLength(2);
  expect(history.slice(-2)).toEqual(['Cari:completed', 'End:completed']);
});
