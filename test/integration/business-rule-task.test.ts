// A business rule task evaluating a deployed DMN decision table routes a
// complaint through an exclusive gateway, on the real Temporal server and
// PostgreSQL. Camunda Modeler files: test/fixtures/pengaduan-kategori.bpmn
// and test/fixtures/kategori-pengaduan.dmn.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { incidentOf } from '../support/cases';
import { recordHistory } from '../support/histories';

const bpmn = readFileSync(new URL('../fixtures/pengaduan-kategori.bpmn', import.meta.url), 'utf8');
const dmn = readFileSync(new URL('../fixtures/kategori-pengaduan.dmn', import.meta.url), 'utf8');

let alur: TestAlur;
let admin: string;
let inspektur: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  inspektur = await alur.createUser(admin, 'inspektur-dmn', ['inspektur']);
});
afterAll(() => alur?.close());

async function start(laporan: Record<string, unknown>): Promise<string> {
  const res = await alur.call('POST', '/api/sops/pengaduan-kategori/instances', { token: admin, json: { variables: { laporan } } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function ended(id: string, status = 'completed') {
  return eventually(
    async () => {
      const x = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
      return x.status === status ? x : undefined;
    },
    20_000,
    `case ${status}`,
  );
}

const path = (c: { history: { elementId: string }[] }) => c.history.map((h) => h.elementId);

it('refuses the SOP until its decision is deployed, and a DMN file it cannot evaluate', async () => {
  const early = await alur.call('POST', '/api/sops', { token: admin, xml: bpmn });
  expect(early.status).toBe(422);
  expect(early.body.errors).toEqual([
    {
      elementId: 'TentukanKategori',
      message: 'Business rule task "Tentukan kategori" calls the decision "kategoriPengaduan", which is not deployed; deploy it first (POST /api/decisions)',
    },
  ]);
  const unsupported = await alur.call('POST', '/api/decisions', { token: admin, xml: dmn.replace('hitPolicy="UNIQUE"', 'hitPolicy="OUTPUT ORDER"') });
  expect(unsupported.status).toBe(422);
  expect(unsupported.body.errors).toEqual([
    { elementId: 'kategoriPengaduan', message: expect.stringMatching(/hit policy OUTPUT ORDER, which is not supported/) },
  ]);
  expect((await alur.call('POST', '/api/decisions', { token: admin, json: {} })).status).toBe(415);
});

it('routes by the decision: a heavy complaint goes to investigation, a light one gets a quick reply', async () => {
  const deployed = await alur.call('POST', '/api/decisions', { token: admin, xml: dmn });
  expect(deployed.status).toBe(201);
  expect(deployed.body.decisions).toEqual([
    { decisionId: 'kategoriPengaduan', name: 'Kategori pengaduan', version: 1, created: true },
    { decisionId: 'biayaLayanan', name: 'Biaya layanan', version: 1, created: true },
  ]);
  expect((await alur.call('GET', '/api/decisions/kategoriPengaduan', { token: admin })).body).toMatchObject({
    hitPolicy: 'UNIQUE',
    rules: 3,
    outputs: ['kategori', 'hariKerja'],
  });
  expect((await alur.call('POST', '/api/sops', { token: admin, xml: bpmn })).status).toBe(201);

  const heavy = await start({ jenis: 'pungli', kerugian: 0 });
  const task = await eventually(
    async () => {
      const res = await alur.call('GET', `/api/tasks?instanceId=${heavy}`, { token: inspektur });
      return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === 'Investigasi');
    },
    15_000,
    'investigation task',
  );
  expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: inspektur, json: {} })).status).toBe(200);
  const h = await ended(heavy);
  expect(path(h)).toEqual(['Masuk', 'TentukanKategori', 'Berat', 'Investigasi', 'Ditangani']);
  // The result variable holds the decision's output context; the input mappings' locals stay out of the case.
  expect(h.variables).toEqual({ laporan: { jenis: 'pungli', kerugian: 0 }, penilaian: { kategori: 'berat', hariKerja: 60 } });
  const changed = await alur.prisma.caseEvent.findFirstOrThrow({ where: { caseId: heavy, kind: 'variables.changed' } });
  expect(changed.data).toEqual({ source: 'decision:TentukanKategori', variables: { penilaian: { kategori: 'berat', hariKerja: 60 } } });
  await recordHistory(alur.temporal, alur.temporalAddress, heavy, 'business-rule-task-routing');

  const light = await ended(await start({ jenis: 'layanan', kerugian: 50_000 }));
  expect(path(light)).toEqual(['Masuk', 'TentukanKategori', 'Berat', 'BalasCepat', 'Dibalas']);
  expect(light.variables.penilaian).toEqual({ kategori: 'ringan', hariKerja: 2 });
  expect(light.variables.balasan).toBe('Selesai dalam 2 hari kerja');
});

it('keeps the decision an SOP version was deployed with; deploying the SOP again binds the new one', async () => {
  const changed = dmn.replace('<text>"berat"</text>', '<text>"normatif"</text>');
  const redeployed = await alur.call('POST', '/api/decisions', { token: admin, xml: changed });
  expect(redeployed.body.decisions).toEqual([
    { decisionId: 'kategoriPengaduan', name: 'Kategori pengaduan', version: 2, created: true },
    { decisionId: 'biayaLayanan', name: 'Biaya layanan', version: 1, created: false },
  ]);
  // SOP version 1 still has decision version 1 in its IR.
  const stillHeavy = await start({ jenis: 'korupsi', kerugian: 0 });
  await eventually(
    async () => {
      const c = (await alur.call('GET', `/api/instances/${stillHeavy}`, { token: admin })).body;
      return c.activeSteps.some((s: { elementId: string }) => s.elementId === 'Investigasi') ? c : undefined;
    },
    15_000,
    'investigation step',
  );
  await alur.call('POST', `/api/instances/${stillHeavy}/cancel`, { token: admin, json: { reason: 'uji' } });

  // The same XML deployed again is a new SOP version, bound to decision version 2.
  const sop = await alur.call('POST', '/api/sops', { token: admin, xml: bpmn });
  expect(sop).toMatchObject({ status: 201, body: { version: 2 } });
  const nowNormative = await ended(await start({ jenis: 'korupsi', kerugian: 0 }));
  expect(path(nowNormative)).toEqual(['Masuk', 'TentukanKategori', 'Berat', 'BalasCepat', 'Dibalas']);
  expect(nowNormative.variables.penilaian).toEqual({ kategori: 'normatif', hariKerja: 60 });
});

it('stops at an incident on the element when the decision cannot decide (two rules of a UNIQUE table)', async () => {
  const overlapping = dmn.replace('<text>"layanan"</text>', '<text>"layanan","pungli"</text>');
  const deployed = await alur.call('POST', '/api/decisions', { token: admin, xml: overlapping });
  expect(deployed.body.decisions.map((d: { version: number }) => d.version)).toEqual([3, 1]);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml: bpmn })).body.version).toBe(3);
  const incident = await incidentOf(alur, admin, await start({ jenis: 'pungli', kerugian: 20_000_000 }));
  expect(incident.elementId).toBe('TentukanKategori');
  expect(incident.message).toBe(
    'Business rule task "Tentukan kategori": decision "kategoriPengaduan" failed: the hit policy is UNIQUE but rules Rule_pungli, Rule_besar all match',
  );
});
