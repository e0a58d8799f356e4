// A complaint SOP and the desk, channel and staff the complaint tests share (issue 18).
import { ADMIN_PASSWORD, type TestAlur } from './alur';

export const complaintXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  xmlns:alur="https://alur.go.id/schema/bpmn/1.0"
                  id="Definitions_aduan" targetNamespace="http://alur.go.id/sop">
  <bpmn:process id="pengaduan" name="Penanganan pengaduan" isExecutable="true" alur:sla="5 hari kerja">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Tindak" />
    <bpmn:userTask id="Tindak" name="Tindak lanjut pengaduan" alur:sla="2 hari kerja" alur:slaPaused="true">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Tindak" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

export const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest-of-a-photo')]);

export interface ComplaintWorld {
  admin: string;
  desk: string;
  integrasi: string;
  /** Petugas of Dinas PUPR and of Dishub. */
  pupr: string;
  dishub: string;
  auditor: string;
}

/** Units pupr and dishub with a petugas each, the desk (admin-pengaduan), a channel integration, an auditor, the SOP and channel `whatsapp`. */
export async function complaintWorld(alur: TestAlur, channelBody: Record<string, unknown> = {}): Promise<ComplaintWorld> {
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const post = (url: string, json: unknown) => alur.mustCall('POST', url, { token: admin, json });
  for (const [code, name] of [
    ['pupr', 'Dinas PUPR'],
    ['dishub', 'Dinas Perhubungan'],
  ] as const) {
    await post('/api/units', { code, name, kind: 'opd' });
    await post(`/api/units/${code}/roles`, { role: 'petugas', name: 'Petugas' });
  }
  const world: ComplaintWorld = {
    admin,
    desk: await alur.createUser(admin, 'meja-aduan', ['admin-pengaduan']),
    integrasi: await alur.createUser(admin, 'gateway-wa', ['integrasi']),
    pupr: await alur.createUser(admin, 'budi-pupr', []),
    dishub: await alur.createUser(admin, 'sari-dishub', []),
    auditor: await alur.createUser(admin, 'inspektorat', ['auditor']),
  };
  await post('/api/units/pupr/staff', { username: 'budi-pupr', role: 'petugas' });
  await post('/api/units/dishub/staff', { username: 'sari-dishub', role: 'petugas' });
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: complaintXml });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  const put = await alur.call('PUT', '/api/channels/whatsapp', { token: admin, json: { sopKey: 'pengaduan', ...channelBody } });
  if (put.status !== 201) throw new Error(`channel: ${put.status} ${JSON.stringify(put.body)}`);
  return world;
}

let seq = 0;
/** An inbound WhatsApp-style complaint; `over` replaces fields. */
export function inbound(over: Record<string, unknown> = {}) {
  seq++;
  return {
    externalId: `wa-${Date.now()}-${seq}`,
    receivedAt: '2026-12-07T08:15:00+08:00',
    reporter: { name: 'Rahmat Hidayat', phone: '+6281234567890', email: 'rahmat@example.id', confidential: true },
    text: 'Jalan berlubang besar di depan SDN 3, sudah dua minggu belum diperbaiki.',
    category: 'jalan',
    location: { lat: -3.3186, lng: 114.5944, address: 'Jl. Ahmad Yani km 3, Banjarmasin' },
    ...over,
  };
}
