// Where a citizen's request goes and what the citizen is told at the end. An
// office set up as the README says (a kecamatan with two kelurahan, each with
// its petugas and a lurah who supervises) publishes an SOP whose start form
// asks for the citizen's kelurahan (alur:unitField): the request lands in that
// kelurahan's inbox and team page, an option the form does not offer is
// refused, publishing warns about tasks nobody would get, and a refused
// request shows the citizen "ditolak" with the reason staff typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

const startForm = JSON.stringify({
  id: 'form-domisili',
  type: 'default',
  components: [
    { type: 'textfield', key: 'nama', label: 'Nama lengkap', validate: { required: true } },
    {
      type: 'select',
      key: 'kelurahan',
      label: 'Kelurahan',
      validate: { required: true },
      values: [
        { label: 'Kelurahan A', value: 'kel-a' },
        { label: 'Kelurahan B', value: 'kel-b' },
      ],
    },
  ],
});
const decisionForm = JSON.stringify({
  id: 'form-keputusan',
  type: 'default',
  components: [
    {
      type: 'radio',
      key: 'keputusan',
      label: 'Keputusan',
      validate: { required: true },
      values: [
        { label: 'Terima', value: 'terima' },
        { label: 'Tolak', value: 'tolak' },
      ],
    },
    { type: 'textarea', key: 'alasanPenolakan', label: 'Alasan penolakan' },
  ],
});

/** A request for a letter of domicile: the citizen picks the kelurahan, its petugas decides. */
function sopXml(opts: { key?: string; process?: string; startForm?: string } = {}): string {
  const key = opts.key ?? 'surat-domisili';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="${key}" name="Surat Keterangan Domisili" isExecutable="true" ${opts.process ?? 'alur:unitField="kelurahan"'}>
    <bpmn:extensionElements>
      <zeebe:userTaskForm id="FormMulai">${escapeXml(opts.startForm ?? startForm)}</zeebe:userTaskForm>
      <zeebe:userTaskForm id="FormKeputusan">${escapeXml(decisionForm)}</zeebe:userTaskForm>
    </bpmn:extensionElements>
    <bpmn:startEvent id="Ajukan" name="Permohonan diajukan">
      <bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:FormMulai"/></bpmn:extensionElements>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Ajukan" targetRef="Verifikasi"/>
    <bpmn:userTask id="Verifikasi" name="Verifikasi berkas">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="petugas"/>
        <zeebe:formDefinition formKey="camunda-forms:bpmn:FormKeputusan"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Verifikasi" targetRef="Putusan"/>
    <bpmn:exclusiveGateway id="Putusan" name="Diterima?"/>
    <bpmn:sequenceFlow id="fTerima" sourceRef="Putusan" targetRef="Terbit">
      <bpmn:conditionExpression>=keputusan = "terima"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fTolak" sourceRef="Putusan" targetRef="Ditolak">
      <bpmn:conditionExpression>=keputusan = "tolak"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="Terbit" name="Surat terbit" alur:outcome="selesai" alur:outcomeMessage="Surat dapat diambil di kantor kelurahan."/>
    <bpmn:endEvent id="Ditolak" name="Permohonan ditolak" alur:outcome="ditolak" alur:outcomeMessage="=alasanPenolakan"/>
  </bpmn:process>
</bpmn:definitions>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

let alur: TestAlur;
let admin: string;
const tokens: Record<string, string> = {};
const post = (url: string, json: unknown) => alur.mustCall('POST', url, { token: admin, json });
const deploy = (xml: string) => alur.call('POST', '/api/sops', { token: admin, xml });
const submit = (key: string, variables: Record<string, unknown>) => alur.call('POST', `/api/public/sops/${key}/requests`, { json: { variables } });
const inbox = async (who: string) => (await alur.call('GET', '/api/tasks', { token: tokens[who] })).body as { id: string; caseId: string }[];

async function openTask(trackingCode: string) {
  const c = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode } });
  const task = await eventually(() => alur.prisma.task.findFirst({ where: { caseId: c.id, status: 'open' } }).then((t) => t ?? undefined), 15_000, 'open task');
  return { case: c, task };
}

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  await post('/api/units', { code: 'kec-maju', name: 'Kecamatan Maju', kind: 'opd' });
  for (const code of ['kel-a', 'kel-b', 'kel-c']) {
    await post('/api/units', { code, name: `Kelurahan ${code.slice(-1).toUpperCase()}`, kind: 'kelurahan', parent: 'kec-maju' });
    await post(`/api/units/${code}/roles`, { role: 'petugas', name: 'Petugas pelayanan' });
    await post(`/api/units/${code}/roles`, { role: 'lurah', name: 'Lurah', supervisor: true });
  }
  for (const [username, unit, role, global] of [
    ['ani', 'kel-a', 'petugas', []],
    ['lurah-a', 'kel-a', 'lurah', ['supervisor']],
    ['citra', 'kel-c', 'petugas', []],
  ] as [string, string, string, string[]][]) {
    tokens[username] = await alur.createUser(admin, username, global);
    await post(`/api/units/${unit}/staff`, { username, role });
  }
  tokens.budi = await alur.createUser(admin, 'budi', []);
}, 60_000);
afterAll(() => alur?.close());

describe('publishing: whom the work reaches', () => {
  it('warns, naming the task and the role, about a kelurahan where nobody holds the role', async () => {
    const res = await deploy(sopXml());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings).toEqual([
      {
        elementId: 'Verifikasi',
        message: 'User task "Verifikasi berkas" reaches nobody in unit "kel-b": no one holds the role "petugas" there (POST /api/units/kel-b/staff)',
      },
    ]);
    // Once kel-b has its petugas, publishing the same diagram again warns no more.
    await post('/api/units/kel-b/staff', { username: 'budi', role: 'petugas' });
    const again = await deploy(sopXml());
    expect(again.status).toBe(200);
    expect(again.body.warnings).toBeUndefined(); // no warnings: none in the answer
  });

  it('warns when a case would have no unit and nobody holds the global role', async () => {
    const res = await deploy(sopXml({ key: 'tanpa-unit', process: '' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings).toHaveLength(1);
    expect(res.body.warnings[0].elementId).toBe('Verifikasi');
    expect(res.body.warnings[0].message).toMatch(
      /^User task "Verifikasi berkas" reaches nobody: its cases have no handling unit, so it goes to holders of the global role "petugas"/,
    );
  });

  it('refuses a unit choice that is not a select of existing units (422 naming the process)', async () => {
    const missingField = await deploy(sopXml({ key: 'salah-1', process: 'alur:unitField="desa"' }));
    expect(missingField.status).toBe(422);
    expect(missingField.body.errors).toEqual([{ elementId: 'salah-1', message: expect.stringContaining('"desa", which is not a field of the start form') }]);
    const textField = await deploy(sopXml({ key: 'salah-2', process: 'alur:unitField="nama"' }));
    expect(textField.status).toBe(422);
    expect(textField.body.errors[0].message).toMatch(/a textfield field; the unit choice must be a select or radio field/);
    const unknownOption = await deploy(sopXml({ key: 'salah-3', startForm: startForm.replace('"kel-b"', '"kel-z"') }));
    expect(unknownOption.status).toBe(422);
    expect(unknownOption.body.errors).toEqual([{ elementId: 'salah-3', message: expect.stringContaining('offers "kel-z", which is not a unit') }]);
    const unknownUnit = await deploy(sopXml({ key: 'salah-4', process: 'alur:unit="kel-z"' }));
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.errors).toEqual([{ elementId: 'salah-4', message: expect.stringContaining('alur:unit "kel-z" is not a unit') }]);
  });
});

describe("a citizen's request goes to the kelurahan chosen on the form", () => {
  it("reaches that kelurahan's petugas inbox and its lurah's team page, and nobody else", async () => {
    const res = await submit('surat-domisili', { nama: 'Dewi Lestari', kelurahan: 'kel-a' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { case: c, task } = await openTask(res.body.trackingCode);
    expect(c.unitId).toBe((await alur.prisma.unit.findUniqueOrThrow({ where: { code: 'kel-a' } })).id);
    expect((await inbox('ani')).map((t) => t.id)).toContain(task.id);
    expect((await inbox('budi')).map((t) => t.id)).not.toContain(task.id);
    expect((await inbox('citra')).map((t) => t.id)).not.toContain(task.id);
    const team = await alur.call('GET', '/api/team', { token: tokens['lurah-a'] });
    expect(team.status).toBe(200);
    expect(JSON.stringify(team.body)).toContain(task.id);

    const other = await submit('surat-domisili', { nama: 'Eko Prasetyo', kelurahan: 'kel-b' });
    const b = await openTask(other.body.trackingCode);
    expect((await inbox('budi')).map((t) => t.id)).toContain(b.task.id);
    expect((await inbox('ani')).map((t) => t.id)).not.toContain(b.task.id);
  });

  it('refuses a unit the form does not offer (an existing one too, or any id), naming the field, and starts no case', async () => {
    const before = await alur.prisma.case.count();
    const kelC = await alur.prisma.unit.findUniqueOrThrow({ where: { code: 'kel-c' } });
    for (const kelurahan of ['kel-c', kelC.id, 'kel-z', 42]) {
      const res = await submit('surat-domisili', { nama: 'Penyusup', kelurahan });
      expect(res.status, `${kelurahan}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['variables.kelurahan']);
    }
    expect(await alur.prisma.case.count()).toBe(before);
  });

  it('goes to the unit the process names (alur:unit) when the form has no unit choice', async () => {
    expect((await deploy(sopXml({ key: 'domisili-kel-b', process: 'alur:unit="kel-b"' }))).status).toBe(201);
    const res = await submit('domisili-kel-b', { nama: 'Fitri', kelurahan: 'kel-a' });
    expect(res.status).toBe(201);
    const { task } = await openTask(res.body.trackingCode);
    expect((await inbox('budi')).map((t) => t.id)).toContain(task.id);
    expect((await inbox('ani')).map((t) => t.id)).not.toContain(task.id);
  });
});

describe('what the citizen is told at the end', () => {
  it('a refused request shows "ditolak" with the reason the petugas typed; an accepted one "selesai" with its message', async () => {
    const refused = (await submit('surat-domisili', { nama: 'Gita', kelurahan: 'kel-a' })).body.trackingCode as string;
    const accepted = (await submit('surat-domisili', { nama: 'Hadi', kelurahan: 'kel-a' })).body.trackingCode as string;
    const reason = 'Alamat pada KTP berada di luar wilayah Kelurahan A.';
    for (const [code, variables] of [
      [refused, { keputusan: 'tolak', alasanPenolakan: reason }],
      [accepted, { keputusan: 'terima' }],
    ] as const) {
      const { task } = await openTask(code);
      const done = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.ani, json: { variables } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    const tracked = async (code: string) =>
      eventually(
        async () => {
          const res = await alur.call('GET', `/api/track/${code}`);
          return res.body.status === 'completed' ? res.body : undefined;
        },
        15_000,
        `case ${code} completed`,
      );
    expect((await tracked(refused)).outcome).toEqual({ kind: 'ditolak', message: reason });
    expect((await tracked(accepted)).outcome).toEqual({ kind: 'selesai', message: 'Surat dapat diambil di kantor kelurahan.' });

    // Staff read the same on the case.
    const c = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode: refused } });
    const staffView = await alur.call('GET', `/api/instances/${c.id}`, { token: tokens.ani });
    expect(staffView.body.outcome).toEqual({ kind: 'ditolak', message: reason });
  });

  it('a running case has no outcome yet', async () => {
    const running = (await submit('surat-domisili', { nama: 'Indra', kelurahan: 'kel-b' })).body.trackingCode as string;
    await openTask(running);
    expect((await alur.call('GET', `/api/track/${running}`)).body.outcome).toBeNull();
  });

  it('refuses an outcome that is not selesai, ditolak or dibatalkan, naming the end event', async () => {
    const res = await deploy(sopXml({ key: 'hasil-salah' }).replace('alur:outcome="ditolak"', 'alur:outcome="gagal"'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ elementId: 'Ditolak', message: expect.stringContaining('"gagal"; use one of selesai, ditolak, dibatalkan') }]);
  });
});
