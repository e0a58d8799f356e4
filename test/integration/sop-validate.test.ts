// POST /api/sops/validate: the designer's live check answers what a deploy
// would (the same compiler and deploy-time checks), with element names, and
// stores nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let admin: string;
let designer: string;
let petugas: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  designer = await alur.createUser(admin, 'perancang-cek', ['designer']);
  petugas = await alur.createUser(admin, 'petugas-cek', ['petugas']);
});
afterAll(() => alur?.close());

const diagram = ({ conditions, unit }: { conditions: boolean; unit?: string }) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="x">
  <bpmn:process id="cek-izin" name="Cek izin" isExecutable="true">
    <bpmn:startEvent id="Mulai" name="Permohonan masuk" />
    <bpmn:sequenceFlow id="F1" sourceRef="Mulai" targetRef="Activity_0uypqy3" />
    <bpmn:userTask id="Activity_0uypqy3" name="Verifikasi berkas"${unit ? ` alur:unit="${unit}"` : ''}>
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="petugas" assignee="siti" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Activity_0uypqy3" targetRef="Gateway_1" />
    <bpmn:exclusiveGateway id="Gateway_1" name="Berkas lengkap?" />
    <bpmn:sequenceFlow id="Flow_ya" name="ya" sourceRef="Gateway_1" targetRef="Selesai">${conditions ? '<bpmn:conditionExpression>=lengkap</bpmn:conditionExpression>' : ''}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_tidak" sourceRef="Gateway_1" targetRef="Ditolak">${conditions ? '<bpmn:conditionExpression>=not(lengkap)</bpmn:conditionExpression>' : ''}</bpmn:sequenceFlow>
    <bpmn:endEvent id="Selesai" name="Selesai" />
    <bpmn:endEvent id="Ditolak" name="Ditolak" />
  </bpmn:process>
</bpmn:definitions>`;

it("answers the compiler's errors with each element's name (the id when it has none), 200, and deploys nothing", async () => {
  const xml = diagram({ conditions: false });
  const res = await alur.call('POST', '/api/sops/validate', { token: designer, xml });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    errors: [
      { elementId: 'Flow_ya', elementName: 'ya', message: expect.stringMatching(/leaves exclusive gateway "Berkas lengkap\?" without a condition/) },
      { elementId: 'Flow_tidak', message: expect.stringMatching(/without a condition/) },
    ],
    warnings: [],
  });
  // The same problems a deploy refuses with.
  const deploy = await alur.call('POST', '/api/sops', { token: designer, xml });
  expect(deploy.status).toBe(422);
  expect(deploy.body.errors.map((e: { elementId: string; message: string }) => ({ elementId: e.elementId, message: e.message }))).toEqual(
    res.body.errors.map((e: { elementId: string; message: string }) => ({ elementId: e.elementId, message: e.message })),
  );
  expect((await alur.call('GET', '/api/sops/cek-izin', { token: admin })).status).toBe(404);
});

it('runs the deploy-time checks past the compiler too (here a unit that does not exist), with the warnings', async () => {
  const res = await alur.call('POST', '/api/sops/validate', { token: designer, xml: diagram({ conditions: true, unit: 'kelurahan-tidak-ada' }) });
  expect(res.status).toBe(200);
  expect(res.body.errors).toEqual([
    {
      elementId: 'Activity_0uypqy3',
      elementName: 'Verifikasi berkas',
      message: 'alur:unit "kelurahan-tidak-ada" is not a unit; create it first (POST /api/units)',
    },
  ]);
  expect(res.body.warnings).toEqual([{ elementId: 'Activity_0uypqy3', elementName: 'Verifikasi berkas', message: expect.stringMatching(/assignee/) }]);
});

it('answers no errors for a diagram a deploy takes, and still stores no version', async () => {
  const res = await alur.call('POST', '/api/sops/validate', { token: admin, xml: diagram({ conditions: true }) });
  expect(res.status).toBe(200);
  expect(res.body.errors).toEqual([]);
  expect(res.body.warnings).toHaveLength(1);
  expect(await alur.prisma.sopVersion.count({ where: { key: 'cek-izin' } })).toBe(0);
});

it('is for designers only, and takes XML only', async () => {
  expect((await alur.call('POST', '/api/sops/validate', { token: petugas, xml: diagram({ conditions: true }) })).status).toBe(403);
  expect((await alur.call('POST', '/api/sops/validate', { xml: diagram({ conditions: true }) })).status).toBe(401);
  expect((await alur.call('POST', '/api/sops/validate', { token: designer, json: { xml: 'x' } })).status).toBe(415);
  const broken = await alur.call('POST', '/api/sops/validate', { token: designer, xml: '<bpmn:definitions' });
  expect(broken.status).toBe(200);
  expect(broken.body.errors).toEqual([{ message: expect.stringMatching(/not valid BPMN XML/) }]);
});
