// Camunda models as they come (issue 15), deployed and run to the end on the
// real servers: a collaboration with a documentation pool, an untyped task that
// passes through, and a user task with no candidate role done by the staff of
// the case's unit, and a Camunda 7 JUEL condition translated to FEEL. Also the
// deploy warning of a loop with no wait state (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes } from '../support/cases';

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"`;

/** As Camunda Modeler draws it: the office's pool runs, the citizen's pool (isExecutable="false") only documents. */
const COLLABORATION = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="Defs_kolab" targetNamespace="http://alur.test">
  <bpmn:collaboration id="Kolaborasi">
    <bpmn:participant id="PoolKantor" name="Kantor Kelurahan" processRef="kolab-surat" />
    <bpmn:participant id="PoolWarga" name="Warga" processRef="warga" />
    <bpmn:messageFlow id="Permohonan" sourceRef="Kirim" targetRef="Terima" />
  </bpmn:collaboration>
  <bpmn:process id="kolab-surat" name="Surat keterangan" isExecutable="true">
    <bpmn:startEvent id="Terima" />
    <bpmn:sequenceFlow id="k1" sourceRef="Terima" targetRef="Catat" />
    <bpmn:task id="Catat" name="Catat di buku register" />
    <bpmn:sequenceFlow id="k2" sourceRef="Catat" targetRef="Selesai" />
    <bpmn:endEvent id="Selesai" />
  </bpmn:process>
  <bpmn:process id="warga" name="Warga" isExecutable="false">
    <bpmn:startEvent id="WargaMulai" />
    <bpmn:sequenceFlow id="w1" sourceRef="WargaMulai" targetRef="Kirim" />
    <bpmn:task id="Kirim" name="Kirim permohonan" />
    <bpmn:sequenceFlow id="w2" sourceRef="Kirim" targetRef="WargaSelesai" />
    <bpmn:endEvent id="WargaSelesai" />
  </bpmn:process>
</bpmn:definitions>`;

/** A user task with no candidate group and no lane (Camunda allows it), with a Camunda 7 assignee Alur does not apply. */
const NO_ROLE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="Defs_tanpa" targetNamespace="http://alur.test">
  <bpmn:process id="tanpa-peran" name="Tanpa peran" isExecutable="true">
    <bpmn:startEvent id="Mulai" />
    <bpmn:sequenceFlow id="t1" sourceRef="Mulai" targetRef="Periksa" />
    <bpmn:userTask id="Periksa" name="Periksa berkas" camunda:assignee="demo" />
    <bpmn:sequenceFlow id="t2" sourceRef="Periksa" targetRef="Arsip" />
    <bpmn:task id="Arsip" name="Arsipkan" />
    <bpmn:sequenceFlow id="t3" sourceRef="Arsip" targetRef="Akhir" />
    <bpmn:endEvent id="Akhir" />
  </bpmn:process>
</bpmn:definitions>`;

/** The diagram of issue 11. */
const PUTAR = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="Defs_putar" targetNamespace="http://alur.test">
  <bpmn:process id="putar" isExecutable="true">
    <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="c1" sourceRef="S" targetRef="G1" />
    <bpmn:exclusiveGateway id="G1" default="c2" /><bpmn:sequenceFlow id="c2" sourceRef="G1" targetRef="G2" />
    <bpmn:exclusiveGateway id="G2" default="c3" /><bpmn:sequenceFlow id="c3" sourceRef="G2" targetRef="G1" />
    <bpmn:sequenceFlow id="c4" sourceRef="G2" targetRef="E"><bpmn:conditionExpression>=selesai = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:endEvent id="E" />
  </bpmn:process>
</bpmn:definitions>`;

/** A Camunda 7 diagram choosing with JUEL conditions (xsi:type tFormalExpression, as Camunda Modeler 7 writes them). */
const JUEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs_juel" targetNamespace="http://alur.test">
  <bpmn:process id="juel-jumlah" name="Cek jumlah" isExecutable="true">
    <bpmn:startEvent id="Mulai" /><bpmn:sequenceFlow id="j1" sourceRef="Mulai" targetRef="Cek" />
    <bpmn:exclusiveGateway id="Cek" />
    <bpmn:sequenceFlow id="Banyak" name="Banyak" sourceRef="Cek" targetRef="Verifikasi">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${jumlah &gt; 5}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Sedikit" name="Sedikit" sourceRef="Cek" targetRef="Langsung">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">#{jumlah le 5 &amp;&amp; !ditolak}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:task id="Verifikasi" /><bpmn:sequenceFlow id="j2" sourceRef="Verifikasi" targetRef="Akhir" />
    <bpmn:task id="Langsung" /><bpmn:sequenceFlow id="j3" sourceRef="Langsung" targetRef="Akhir" />
    <bpmn:endEvent id="Akhir" />
  </bpmn:process>
</bpmn:definitions>`;

let alur: TestAlur;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const post = (url: string, json: unknown) => alur.mustCall('POST', url, { token: admin, json });
  for (const code of ['kel-a', 'kel-b']) {
    await post('/api/units', { code, name: `Kelurahan ${code}`, kind: 'upt' });
    await post(`/api/units/${code}/roles`, { role: 'arsiparis', name: 'Arsiparis' });
  }
  tokens.ani = await alur.createUser(admin, 'ani', []);
  await post('/api/units/kel-a/staff', { username: 'ani', role: 'arsiparis' });
  tokens.budi = await alur.createUser(admin, 'budi', []);
  await post('/api/units/kel-b/staff', { username: 'budi', role: 'arsiparis' });
  // A global petugas: takes tasks with no candidate role of cases with no unit only.
  tokens.lama = await alur.createUser(admin, 'lama', ['petugas']);
});
afterAll(() => alur?.close());

describe('Camunda models as they come', () => {
  it('a collaboration deploys its executable pool; the documentation pool is not run', async () => {
    const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: COLLABORATION });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    expect(deployed.body).toMatchObject({ key: 'kolab-surat', name: 'Surat keterangan' });
    expect((await alur.call('GET', '/api/sops/warga', { token: admin })).status).toBe(404);

    const steps = caseSteps(alur, admin);
    const id = await steps.start('kolab-surat');
    const ended = await steps.ended(id);
    expect(ended.status).toBe('completed');
    // The untyped task passed through and is in the history.
    expect(outcomes(ended.history)).toEqual(['Terima:completed', 'Catat:completed', 'Selesai:completed']);
  });

  it('a diagram whose only process is not executable is refused, saying so', async () => {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: NO_ROLE.replace('isExecutable="true"', 'isExecutable="false"') });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { elementId: 'tanpa-peran', message: 'Process "Tanpa peran" is marked not executable (isExecutable=false); set it executable to deploy' },
    ]);
  });

  it("a user task with no candidate role goes to the staff of the case's unit, who complete it", async () => {
    const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: NO_ROLE });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    expect(deployed.body.warnings.map((w: { elementId: string }) => w.elementId)).toEqual(['Periksa', 'Periksa']);

    const started = await alur.call('POST', '/api/sops/tanpa-peran/instances', { token: admin, json: { unit: 'kel-a', variables: {} } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id as string;
    const steps = caseSteps(alur, admin);
    const task = await steps.openTask(id, 'Periksa', tokens.ani);
    expect(task).toMatchObject({ candidateRoles: [], unit: 'kel-a' });

    // Staff of another unit and a global petugas neither see it nor may do it.
    expect(await steps.openTaskIds(id, tokens.budi)).toEqual([]);
    expect(await steps.openTaskIds(id, tokens.lama)).toEqual([]);
    const refused = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.budi, json: {} });
    expect(refused.status).toBe(403);
    expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens.lama })).status).toBe(403);

    expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens.ani })).status).toBe(200);
    await steps.complete(id, 'Periksa', { lengkap: true }, tokens.ani);
    const ended = await steps.ended(id);
    expect(ended.status).toBe('completed');
    expect(outcomes(ended.history)).toEqual(['Mulai:completed', 'Periksa:completed', 'Arsip:completed', 'Akhir:completed']);
  });

  it('with no unit, a task with no candidate role goes to holders of the global petugas role', async () => {
    const steps = caseSteps(alur, admin);
    const id = await steps.start('tanpa-peran');
    await steps.openTask(id, 'Periksa', tokens.lama);
    expect(await steps.openTaskIds(id, tokens.ani)).toEqual([]);
    await steps.complete(id, 'Periksa', {}, tokens.lama);
    expect((await steps.ended(id)).status).toBe('completed');
  });

  it('Camunda 7 JUEL conditions are translated at deploy, with a warning each, and choose the branch', async () => {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: JUEL });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings).toEqual([
      { elementId: 'Banyak', message: 'Condition of flow "Banyak" was JUEL ${jumlah > 5}; Alur runs it as the FEEL =jumlah > 5' },
      {
        elementId: 'Sedikit',
        message: 'Condition of flow "Sedikit" was JUEL #{jumlah le 5 && !ditolak}; Alur runs it as the FEEL =jumlah <= 5 and not(ditolak)',
      },
    ]);
    const steps = caseSteps(alur, admin);
    const many = await steps.start('juel-jumlah', { jumlah: 10, ditolak: false });
    const few = await steps.start('juel-jumlah', { jumlah: 3, ditolak: false });
    expect(outcomes((await steps.ended(many)).history)).toEqual(['Mulai:completed', 'Cek:completed', 'Verifikasi:completed', 'Akhir:completed']);
    expect(outcomes((await steps.ended(few)).history)).toEqual(['Mulai:completed', 'Cek:completed', 'Langsung:completed', 'Akhir:completed']);

    const bean = await alur.call('POST', '/api/sops', { token: admin, xml: JUEL.replace('${jumlah &gt; 5}', '${hitung.besar(jumlah)}') });
    expect(bean.status).toBe(422);
    expect(bean.body.errors).toEqual([
      {
        elementId: 'Banyak',
        message:
          'The condition ${hitung.besar(jumlah)} of sequence flow "Banyak" is a Camunda 7 (JUEL) expression Alur cannot translate: it calls the method or function "hitung.besar(...)"; only variables, values and operators can be translated; write it in FEEL, e.g. =amount > 1000',
      },
    ]);
  });

  it('a loop with no wait state deploys, with a warning naming its steps', async () => {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: PUTAR });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      {
        elementId: 'G1',
        message:
          'Steps G1 -> G2 -> G1 form a loop with no wait state (user task, receive task, timer, message or signal); a case that takes it may loop until its step budget stops it',
      },
    ]);
  });
});
