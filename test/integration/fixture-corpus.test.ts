// Every BPMN fixture in test/fixtures, deployed and driven to completion
// through the API on real Temporal and PostgreSQL: the driver completes the
// open tasks, sends each waiting subscription one message, broadcasts the
// signals cases wait for and lets timers fire, in the case and in the cases
// its call activities started. What a fixture needs beyond
// that (start variables, answers that satisfy its forms and gateways, timer
// lengths) is in DRIVERS. A new fixture is picked up on its own; if the
// generic driver cannot finish it, its test fails naming where its case got
// stuck, so it needs an entry here, never a skip.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopIR } from '@alur/workflows';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { startWebhookReceiver } from '../support/webhook-receiver';

interface Driver {
  /** The case's first variables (a message or signal start: the message's or signal's variables); a function for values computed at start. */
  start?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Variables a user task is completed with, by element id (default: none). */
  tasks?: Record<string, Record<string, unknown>>;
  /** Variables sent with a message, by message name (default: none). */
  messages?: Record<string, Record<string, unknown>>;
  /** How long the case may take (timers included); default 30 s. */
  timeoutMs?: number;
}

const DRIVERS: Record<string, Driver> = {
  'aduan-lapor.bpmn': { start: { pelapor: 'Warga' } },
  'cari-lokasi-berurutan.bpmn': { start: { kandidat: ['Blok A', 'Blok B'] } },
  'eskalasi-kepala.bpmn': { start: { pengingat: 'P1D' } },
  'galat-eskalasi.bpmn': { tasks: { Periksa: { hasil: 'lengkap' } } },
  'gerbang-inklusif.bpmn': { start: { perluSurvei: true, perluUji: true } },
  'izin-pesan.bpmn': { start: { nomorPermohonan: 'KORPUS-1', batasBayar: 'P1D' } },
  'izin-reklame.bpmn': { start: { alamat: 'Jl. Korpus 1', pemohon: 'Ani', batasSurvei: 'P1D' } },
  'izin-reklame-c7.bpmn': { start: { alamat: 'Jl. Korpus 2', pemohon: 'Budi' } },
  'permohonan-izin.bpmn': {
    start: { pemohon: { nama: 'Ani Suryani' }, tanggalPengajuan: '2026-12-01T09:00:00+07:00' },
    tasks: {
      IsiFormulir: { nama: 'Ani Suryani', jumlahBerkas: 3, email: 'ani@contoh.id', jenisIzin: 'usaha' },
      Verifikasi: { keputusan: 'setuju', catatan: 'lengkap' },
    },
  },
  'perubahan-data.bpmn': { start: { nomor: 'KORPUS-P' } },
  'konfirmasi-jadwal.bpmn': { start: { nomor: 'K-1', batasKonfirmasi: 'P1D' } },
  'pengaduan-warga.bpmn': { start: { nama: 'Siti Aminah', telepon: '+6281234567890', aduan: 'Lampu jalan padam sejak seminggu' } },
  'sub-proses-peristiwa.bpmn': { start: { tenggat: 'P1D' } },
  'sub-proses-survei.bpmn': { start: { batasVerifikasi: 'P1D' } },
  'survei-multi-lokasi.bpmn': { start: { daftarLokasi: ['Pasar', 'Terminal'] } },
  'verifikasi-berkas.bpmn': { start: () => ({ jumlahBerkas: 3, masaSanggah: 'PT1S', tanggalSidang: new Date(Date.now() + 3_000).toISOString() }) },
};

const fixturesDir = new URL('../fixtures/', import.meta.url);
const files = readdirSync(fixturesDir).sort();
const bpmnFiles = files.filter((f) => f.endsWith('.bpmn'));
const read = (name: string) => readFileSync(new URL(name, fixturesDir), 'utf8');

let alur: TestAlur;
let admin: string;
let driverToken: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const deployed = new Map<string, SopIR>();

/** Deploys every .bpmn (forms and decisions first); one that needs another (a call activity) is retried after the rest. */
async function deployAll(): Promise<void> {
  for (const form of files.filter((f) => f.endsWith('.form'))) {
    const res = await alur.call('POST', '/api/forms', { token: admin, json: JSON.parse(read(form)) });
    expect([200, 201], `${form}: ${JSON.stringify(res.body)}`).toContain(res.status);
  }
  for (const dmn of files.filter((f) => f.endsWith('.dmn'))) {
    const res = await alur.call('POST', '/api/decisions', { token: admin, xml: read(dmn) });
    expect([200, 201], `${dmn}: ${JSON.stringify(res.body)}`).toContain(res.status);
  }
  const base = receiver.url.replace(/\/notify$/, '/');
  let pending = [...bpmnFiles];
  for (let pass = 0; pending.length > 0 && pass < 3; pass++) {
    const failed: { file: string; body: unknown }[] = [];
    for (const file of pending) {
      const res = await alur.call('POST', '/api/sops', { token: admin, xml: read(file).replaceAll('http://127.0.0.1:1/', base) });
      if (res.status === 200 || res.status === 201) deployed.set(file, await latestIr(res.body.key as string));
      else failed.push({ file, body: res.body });
    }
    if (failed.length === pending.length || pass === 2) {
      expect.fail(`fixtures that do not deploy:\n${failed.map((f) => `${f.file}: ${JSON.stringify(f.body)}`).join('\n')}`);
    }
    pending = failed.map((f) => f.file);
  }
}

async function latestIr(key: string): Promise<SopIR> {
  const row = await alur.prisma.sopVersion.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } });
  return row.ir as unknown as SopIR;
}

/** Starts a case the way the SOP starts: plainly, by a published message, or by a broadcast signal. */
async function startCase(ir: SopIR, variables: Record<string, unknown>, n: number): Promise<string> {
  const start = ir.nodes[ir.startEventId];
  if (start?.type === 'startEvent' && start.message) {
    const res = await alur.call('POST', '/api/messages', { token: admin, json: { name: start.message.name, correlationKey: `KORPUS-${n}`, variables } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.instances.find((i: { sopKey: string }) => i.sopKey === ir.key).id;
  }
  if (start?.type === 'startEvent' && start.signal) {
    const res = await alur.call('POST', '/api/signals', { token: admin, json: { name: start.signal.name, variables } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.started.find((c: { sopKey: string }) => c.sopKey === ir.key).id;
  }
  const res = await alur.call('POST', `/api/sops/${ir.key}/instances`, { token: admin, json: { variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** The case and the running cases its call activities started, at any depth. */
async function caseTree(caseId: string): Promise<string[]> {
  const ids = [caseId];
  for (let i = 0; i < ids.length; i++) {
    const children = await alur.prisma.case.findMany({ where: { parentCaseId: ids[i], status: 'running' }, select: { id: true } });
    ids.push(...children.map((c) => c.id));
  }
  return ids;
}

/** Drives the case until it ends; fails naming what it still waits for when it makes no progress in time. */
async function drive(caseId: string, file: string, driver: Driver): Promise<{ status: string; error?: string }> {
  const deadline = Date.now() + (driver.timeoutMs ?? 30_000);
  const sent = new Set<string>();
  for (;;) {
    const c = (await alur.call('GET', `/api/instances/${caseId}`, { token: admin })).body;
    if (c.status !== 'running') return c;
    const tree = await caseTree(caseId);
    const tasks: { id: string; elementId: string }[] = [];
    for (const id of tree) tasks.push(...(await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: driverToken })).body);
    if (tasks.length > 0) {
      const task = tasks[0]!;
      const res = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: driverToken, json: { variables: driver.tasks?.[task.elementId] ?? {} } });
      // 409: the task closed meanwhile (a boundary event fired); anything else means the driver needs an entry.
      if (res.status !== 200 && res.status !== 409)
        expect.fail(`${file}: completing task ${task.elementId} answered ${res.status} ${JSON.stringify(res.body)}; add its variables to DRIVERS`);
      continue;
    }
    const waiting = await alur.prisma.messageSubscription.findMany({
      where: { caseId: { in: tree }, status: 'open', kind: { in: ['catch', 'signal'] } },
      orderBy: { openedAt: 'asc' },
    });
    const next = waiting.find((s) => !sent.has(s.id));
    if (next) {
      sent.add(next.id);
      const variables = driver.messages?.[next.messageName] ?? {};
      const res =
        next.kind === 'signal'
          ? await alur.call('POST', '/api/signals', { token: admin, json: { name: next.messageName, variables } })
          : await alur.call('POST', `/api/instances/${next.caseId}/messages`, {
              token: admin,
              json: { name: next.messageName, correlationKey: next.correlationKey, variables },
            });
      if (res.status !== 200 && res.status !== 409)
        expect.fail(`${file}: sending ${next.kind} "${next.messageName}" answered ${res.status} ${JSON.stringify(res.body)}`);
      continue;
    }
    if (Date.now() > deadline) {
      const steps = (c.activeSteps as { elementId: string }[]).map((s) => s.elementId).join(', ');
      expect.fail(`${file}: the case is still running at [${steps}] with no task or message to drive it on; add a DRIVERS entry (variables, shorter timers)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => ({ status: 200, body: { ok: true } }));
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  await deployAll();
  const roles = new Set<string>();
  for (const ir of deployed.values())
    for (const node of Object.values(ir.nodes)) if (node.type === 'userTask') node.candidateRoles.forEach((r) => roles.add(r));
  driverToken = await alur.createUser(
    admin,
    'penguji-korpus',
    [...roles].filter((r) => !r.startsWith('=')),
  );
}, 180_000);

afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

describe('fixture corpus', () => {
  it('has a driver entry only for fixtures that exist', () => {
    expect(Object.keys(DRIVERS).filter((f) => !bpmnFiles.includes(f))).toEqual([]);
  });

  it.each(bpmnFiles.map((file, i) => [file, i] as const))(
    '%s runs to completion',
    async (file, i) => {
      const ir = deployed.get(file)!;
      const driver = DRIVERS[file] ?? {};
      const id = await startCase(ir, typeof driver.start === 'function' ? driver.start() : (driver.start ?? {}), i);
      const ended = await drive(id, file, driver);
      expect(ended.status, `${file}: ${ended.error ?? ''}`).toBe('completed');
    },
    90_000,
  );
});
