// The public catalogue and the tracked case's diagram: readable without a login,
// steps in the order a case meets them, nothing executable or internal leaks.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let admin: string;
const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
});
afterAll(() => alur?.close());

describe('public SOP catalogue', () => {
  it('lists published SOPs without a login', async () => {
    const res = await alur.call('GET', '/api/public/sops');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ key: 'surat-keterangan', name: 'Surat Keterangan Domisili', version: 1, stepCount: 2 })]);
  });

  it('gives the steps in order with pelaksana and mutu baku, the requirements and the SLA', async () => {
    const res = await alur.call('GET', '/api/public/sops/surat-keterangan');
    expect(res.status).toBe(200);
    expect(res.body.sla).toBe('P3D');
    expect(res.body.steps).toEqual([
      {
        elementId: 'Periksa',
        name: 'Periksa berkas',
        pelaksana: 'Petugas loket',
        kelengkapan: 'KTP; Kartu Keluarga',
        waktu: '1 hari kerja',
        output: 'Berkas terverifikasi',
      },
      {
        elementId: 'Tandatangani',
        name: 'Tandatangani surat',
        pelaksana: 'Lurah',
        kelengkapan: 'Berkas terverifikasi',
        waktu: '2 hari kerja',
        output: 'Surat keterangan domisili',
      },
    ]);
    expect(res.body.requirements).toEqual(['KTP', 'Kartu Keluarga', 'Berkas terverifikasi']);
  });

  it('serves the diagram without roles, conditions, documentation or extension namespaces', async () => {
    const { body } = await alur.call('GET', '/api/public/sops/surat-keterangan');
    expect(body.xml).toContain('<bpmndi:BPMNShape id="Periksa_di"');
    expect(body.xml).toContain('name="Periksa berkas"');
    for (const secret of ['candidateGroups', 'lengkap = true', 'Internal note', 'zeebe', 'extensionElements']) {
      expect(body.xml).not.toContain(secret);
    }
  });

  it('answers 404 for an unknown SOP', async () => {
    expect((await alur.call('GET', '/api/public/sops/nope')).status).toBe(404);
  });
});

describe('tracked case diagram', () => {
  it('names the current and completed elements of a case by its tracking code', async () => {
    const started = await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } });
    expect(started.status).toBe(201);
    const code: string = started.body.trackingCode;
    const first = await alur.call('GET', `/api/track/${code}/diagram`);
    expect(first.status).toBe(200);
    expect(first.body.activeElementIds).toEqual(['Periksa']);
    expect(first.body.completedElementIds).toEqual(['Start']);
    expect(first.body.xml).not.toContain('candidateGroups');

    const petugas = await alur.createUser(admin, 'petugas1', ['petugas']);
    const [task] = (await alur.call('GET', '/api/tasks', { token: petugas })).body;
    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: { variables: { lengkap: true } } })).status).toBe(200);
    const after = await eventually(async () => {
      const r = await alur.call('GET', `/api/track/${code.toLowerCase()}/diagram`);
      return r.body.activeElementIds.includes('Tandatangani') ? r.body : undefined;
    });
    expect(after.completedElementIds).toEqual(expect.arrayContaining(['Start', 'Periksa', 'Lengkap']));
    expect((await alur.call('GET', '/api/track/XXXX-XXXX-XXXX/diagram')).status).toBe(404);
  });
});
