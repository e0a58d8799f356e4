// Camunda models run as they are (issue 15): every diagram in
// test/fixtures/camunda, written the way Camunda Web Modeler, Desktop Modeler 5
// (Camunda 8) and Camunda Modeler for Camunda 7 export them (DI, zeebe/camunda
// namespaces, modelerTemplate attributes, collaborations with documentation
// pools, connectors, job workers, zeebe:userTask with forms, JUEL conditions,
// events of every kind, call activities as Web Modeler writes them,
// multi-instance, event sub-processes, DMN), is deployed through the API
// unchanged and driven to its end on real Temporal and PostgreSQL: user tasks
// through the API, jobs by workers written only against Camunda's published
// REST shapes (plain fetch: /v2/jobs/... for Camunda 8, /engine-rest/external-task/...
// for Camunda 7), REST connector and webhook calls against a local HTTP
// server, messages and signals through the API, timers by waiting.
// What a diagram needs (start variables, task answers, job answers, which
// messages to send) is in DRIVERS; each entry also names the end event the
// case must finish at, so a diagram that runs the wrong way fails.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopIR } from '@alur/workflows';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { startWebhookReceiver } from '../support/webhook-receiver';

// ---------------------------------------------------------------------------
// Job workers: Camunda's published REST shapes, fetch only, nothing from Alur.
async function post<T = unknown>(base: string, token: string, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
interface Camunda8Job {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  elementId: string;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
}
interface Camunda7Task {
  id: string;
  topicName: string;
  activityId: string;
  processInstanceId: string;
}
/** Camunda 7's typed variables, as its REST API takes them. */
function typed(variables: Record<string, unknown>): Record<string, { value: unknown; type: string }> {
  const type = (v: unknown) =>
    typeof v === 'string' ? 'String' : typeof v === 'boolean' ? 'Boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'Integer' : 'Double') : 'Json';
  return Object.fromEntries(
    Object.entries(variables).map(([k, v]) => [k, { value: typeof v === 'object' && v !== null ? JSON.stringify(v) : v, type: type(v) }]),
  );
}
// ---------------------------------------------------------------------------

/** What a worker answers a job (by job type or Camunda 7 topic). */
type JobAnswer = { variables?: Record<string, unknown> } | { error: string; variables?: Record<string, unknown> };

interface Driver {
  /** The end event the case must finish at (its history must hold it, completed). */
  endsAt: string;
  /** Other steps the history must hold, completed. */
  passes?: string[];
  start?: Record<string, unknown>;
  /** Variables a user task is completed with, by element id. */
  tasks?: Record<string, Record<string, unknown>>;
  /** Jobs: what the worker answers, by job type or topic (default: complete with no variables). */
  jobs?: Record<string, JobAnswer>;
  /** The messages the driver sends, by name (default: every message the case waits for, with no variables). */
  messages?: Record<string, Record<string, unknown>>;
  /** Send messages and signals before completing tasks (to start non-interrupting event sub-processes while a task is open). */
  messagesFirst?: boolean;
  /** How long the case may take; default 30 s. */
  timeoutMs?: number;
  /** How the case ends; default completed (a terminate end event: terminated). */
  status?: 'completed' | 'terminated';
}

const DRIVERS: Record<string, Driver> = {
  // Camunda 8: Web Modeler and Desktop Modeler 5 exports.
  'c8-aduan-susulan-esp.bpmn': {
    start: { nomorAduan: 'A-17' },
    messagesFirst: true,
    endsAt: 'Event_1',
    passes: ['Event_susulan', 'Activity_arsip', 'Activity_tindak'],
  },
  'c8-batas-waktu-esp.bpmn': { start: { nomor: 'K-9', batasKonfirmasi: 'PT2S' }, messages: {}, endsAt: 'Event_b', passes: ['Event_batas'] },
  'c8-bayar-atau-batal.bpmn': { start: { nomorTagihan: 'T-1' }, messages: { 'tagihan-dibayar': { jumlah: 50_000 } }, endsAt: 'Event_lunas' },
  'c8-catat-buku-agenda.bpmn': { endsAt: 'Event_1', passes: ['Activity_agenda', 'Activity_disposisi'] },
  'c8-cek-nik-job.bpmn': {
    start: { pemohon: { nik: '3273010101010001', nama: 'Siti Aminah' } },
    jobs: { 'korpus-cek-nik': { variables: { namaTerdaftar: 'Siti Aminah' } } },
    endsAt: 'Event_valid',
  },
  'c8-eskalasi-atasan.bpmn': { endsAt: 'Event_1', passes: ['Event_lapor', 'Event_eskalasi', 'Activity_pantau'] },
  'c8-galat-esp.bpmn': { jobs: { 'korpus-cek-izin-lama': { error: 'IZIN_DICABUT' } }, endsAt: 'Event_e', passes: ['Event_galat', 'Activity_kabari'] },
  'c8-izin-usaha-formulir.bpmn': { tasks: { Activity_1q8xw3c: { keputusan: 'setuju', catatan: 'lengkap' } }, endsAt: 'Event_1terbit' },
  'c8-kirim-notifikasi-post.bpmn': { start: { sandiLapor: 'rahasia', judul: 'Jalan berlubang' }, endsAt: 'Event_1' },
  'c8-kirim-surel-sendgrid.bpmn': { start: { surelPemohon: 'ani@contoh.id', nomor: 'P-1' }, endsAt: 'Event_1', passes: ['Activity_surel'] },
  'c8-kirim-tembusan-berurutan.bpmn': { start: { tembusan: ['Bupati', 'Inspektorat', 'DPRD'] }, endsAt: 'Event_1' },
  'c8-link-ke-arsip.bpmn': { start: { lengkap: false }, endsAt: 'Event_1', passes: ['Activity_lengkapi', 'Event_lompatB', 'Event_arsip', 'Activity_arsip'] },
  'c8-kolaborasi-pemohon.bpmn': { endsAt: 'Event_selesai', passes: ['Activity_terima', 'Activity_tandatangan'] },
  'c8-panggil-survei-anak.bpmn': { endsAt: 'Event_1' },
  'c8-panggil-survei-induk.bpmn': { start: { alamat: 'Jl. Merdeka 1' }, tasks: { Activity_survei: { hasilSurvei: 'layak' } }, endsAt: 'Event_1' },
  'c8-paraf-berjenjang.bpmn': { start: { daftarPejabat: ['sekcam', 'camat'] }, tasks: { Activity_paraf: { setuju: true } }, endsAt: 'Event_1' },
  'c8-pembatalan-pemohon.bpmn': {
    start: { nomorSampel: 'S-3' },
    messages: { 'permohonan-dibatalkan': {} },
    status: 'terminated',
    endsAt: 'Event_akhiri',
    passes: ['Event_batal'],
  },
  // The default flow is taken only when no condition holds (BPMN), so the drawing check is skipped here.
  'c8-pemeriksaan-inklusif.bpmn': { start: { lantai: 4, luas: 2000 }, endsAt: 'Event_1', passes: ['Activity_struktur', 'Activity_amdal'] },
  'c8-pemetaan-variabel.bpmn': { start: { hariTerlambat: 3 }, endsAt: 'Event_1' },
  'c8-pengaduan-pesan-masuk.bpmn': { start: { isi: 'Lampu jalan padam' }, endsAt: 'Event_1', passes: ['Activity_telaah'] },
  'c8-pengingat-verifikasi.bpmn': { endsAt: 'Event_1', passes: ['Event_jeda', 'Activity_verifikasi'] },
  'c8-penugasan-langsung.bpmn': { start: { penelaah: 'penguji-camunda' }, endsAt: 'Event_1' },
  'c8-rest-connector-penduduk.bpmn': { start: { nik: '3273010101010002', tokenLayanan: 'tkn' }, endsAt: 'Event_selesai', passes: ['Activity_catat'] },
  'c8-rekap-terjadwal.bpmn': { endsAt: 'Event_1', passes: ['StartEvent_jadwal', 'Activity_rekap'] },
  'c8-subproses-galat.bpmn': { start: { jumlahBerkas: 1 }, endsAt: 'Event_2', passes: ['Event_kurang', 'Event_tangkap', 'Activity_minta'] },
  'c8-tarif-retribusi-dmn.bpmn': { start: { luas: 120 }, endsAt: 'Event_1', passes: ['Activity_tagih'] },
  'c8-terima-dokumen.bpmn': { start: { nomorPermohonan: 'P-77' }, endsAt: 'Event_1', passes: ['Activity_terima'] },
  'c8-tunggu-pembayaran.bpmn': { start: { nomorTagihan: 'T-2' }, endsAt: 'Event_lunas', passes: ['Event_bayar'] },
  'c8-tunggu-sinyal-banjir.bpmn': { endsAt: 'Event_1', passes: ['Event_surut'] },
  'c8-umumkan-libur.bpmn': { start: { tanggalLibur: '2026-12-24' }, endsAt: 'Event_umumkan' },
  'c8-validasi-npwp-galat.bpmn': {
    jobs: { 'korpus-validasi-npwp': { error: 'NPWP_TIDAK_VALID', variables: { alasan: 'NPWP tidak terdaftar' } } },
    endsAt: 'Event_tolak',
    passes: ['Event_tidakValid', 'Activity_beritahu'],
  },
  'c8-verifikasi-paralel.bpmn': {
    jobs: { 'korpus-cek-pajak': { variables: { tunggakan: 0 } } },
    endsAt: 'Event_1',
    passes: ['Activity_pajak', 'Activity_tataruang'],
  },
  'c8-webhook-simpeg.bpmn': { endsAt: 'Event_1', passes: ['Activity_kirim'] },
  // Camunda 7: Camunda Modeler exports for the Camunda 7 engine.
  'c7-batas-waktu-timer.bpmn': { start: { batasTanggapan: 'PT1S' }, messages: {}, endsAt: 'Event_2', passes: ['Event_lewat'] },
  'c7-bpmn-error-external.bpmn': { jobs: { 'korpus-cek-sertifikat': { error: 'SENGKETA' } }, endsAt: 'Event_2', passes: ['Activity_mediasi'] },
  'c7-cek-pajak-external.bpmn': { jobs: { 'korpus-cek-pbb': { variables: { tunggakan: 150_000 } } }, endsAt: 'Event_1', passes: ['Activity_tagih'] },
  'c7-cuti-pegawai-juel.bpmn': {
    start: { hari: 5, tenggat: '2026-12-31T16:00:00+07:00' },
    tasks: { Activity_atasan: { disetujui: true } },
    endsAt: 'Event_disetujui',
    passes: ['Activity_kepegawaian'],
  },
  'c7-kirim-dan-umumkan.bpmn': { endsAt: 'Event_1', passes: ['Activity_kirim', 'Event_umumkan'] },
  'c7-kolaborasi-lane.bpmn': { endsAt: 'Event_1', passes: ['Activity_terima', 'Activity_putus'] },
  'c7-modeler-lama.bpmn': { start: { jumlah: 2 }, tasks: { Task_1legalisir: { status: 'asli' } }, endsAt: 'EndEvent_selesai' },
  'c7-panggil-verifikasi-anak.bpmn': { endsAt: 'Event_1' },
  'c7-panggil-verifikasi-induk.bpmn': { start: { nomor: 'B-5' }, tasks: { Activity_verifikasi: { hasil: 'lengkap' } }, endsAt: 'Event_1' },
  'c7-pemeriksaan-inklusif.bpmn': { start: { perluSurvei: true, catatan: 'pagar roboh' }, endsAt: 'Event_1', passes: ['Activity_a', 'Activity_b'] },
  'c7-sinyal-esp.bpmn': { messagesFirst: true, endsAt: 'Event_1', passes: ['Event_darurat', 'Activity_layani'] },
  'c7-skrip-feel.bpmn': { start: { tahunTerbit: 2026 }, endsAt: 'Event_1', passes: ['Activity_hitung'] },
  'c7-survei-multi-lokasi.bpmn': { start: { daftarLokasi: ['Pasar', 'Terminal', 'Alun-alun'] }, endsAt: 'Event_1' },
  'c7-tarif-dmn.bpmn': { start: { luas: 30 }, endsAt: 'Event_gratis' },
  'c7-tunggu-pesan.bpmn': { endsAt: 'Event_1', passes: ['Event_berkas'] },
};

/** What the variables must hold when the case ends, by file: proof that mappings, connectors, scripts and decisions did their part. */
const ENDS_WITH: Record<string, Record<string, unknown>> = {
  'c8-cek-nik-job.bpmn': { pemohon: { nik: '3273010101010001', nama: 'Siti Aminah', namaDukcapil: 'Siti Aminah' } },
  'c8-kirim-notifikasi-post.bpmn': { nomorLapor: 'L-7' },
  'c8-panggil-survei-induk.bpmn': { hasilSurvei: 'layak' },
  'c8-paraf-berjenjang.bpmn': { semuaParaf: [true, true] },
  'c8-pemetaan-variabel.bpmn': { totalDenda: 15_000 },
  'c8-rest-connector-penduduk.bpmn': { namaPenduduk: 'Siti Aminah', ringkasan: 'Siti Aminah (3273010101010002)' },
  'c8-tarif-retribusi-dmn.bpmn': { tarif: { biaya: 1_200_000, golongan: 'sedang' } },
  'c8-webhook-simpeg.bpmn': { simpeg: { ok: true } },
  'c7-cek-pajak-external.bpmn': { tunggakan: 150_000 },
  'c7-panggil-verifikasi-induk.bpmn': { hasilVerifikasi: 'lengkap' },
  'c7-skrip-feel.bpmn': { tahunBerlaku: 2031 },
  'c7-tarif-dmn.bpmn': { tarif: { biaya: 0, golongan: 'rumah sederhana' } },
};

const dir = new URL('../fixtures/camunda/', import.meta.url);
const files = readdirSync(dir).sort();
const bpmnFiles = files.filter((f) => f.endsWith('.bpmn'));
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

let alur: TestAlur;
let admin: string;
let driverToken: string;
let workerToken: string;
let base: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const deployed = new Map<string, { ir: SopIR; warnings: { elementId: string; message: string }[] }>();

/** Forms and decisions first; a diagram calling another is retried after the rest. */
async function deployAll(): Promise<void> {
  for (const form of files.filter((f) => f.endsWith('.form'))) {
    const res = await alur.call('POST', '/api/forms', { token: admin, json: JSON.parse(read(form)) });
    expect([200, 201], `${form}: ${JSON.stringify(res.body)}`).toContain(res.status);
  }
  for (const dmn of files.filter((f) => f.endsWith('.dmn'))) {
    const res = await alur.call('POST', '/api/decisions', { token: admin, xml: read(dmn) });
    expect([200, 201], `${dmn}: ${JSON.stringify(res.body)}`).toContain(res.status);
  }
  const local = receiver.url.replace(/\/notify$/, '/');
  let pending = [...bpmnFiles];
  for (let pass = 0; pending.length > 0; pass++) {
    const failed: { file: string; body: unknown }[] = [];
    for (const file of pending) {
      // The only change to a file: its external system's address becomes the local server's.
      const res = await alur.call('POST', '/api/sops', { token: admin, xml: read(file).replaceAll('http://127.0.0.1:1/', local) });
      if (res.status === 201) {
        const row = await alur.prisma.sopVersion.findFirstOrThrow({ where: { key: res.body.key as string }, orderBy: { version: 'desc' } });
        deployed.set(file, { ir: row.ir as unknown as SopIR, warnings: res.body.warnings ?? [] });
      } else failed.push({ file, body: res.body });
    }
    if (failed.length === pending.length || pass === 2)
      expect.fail(`Camunda diagrams that do not deploy:\n${failed.map((f) => `${f.file}: ${JSON.stringify(f.body)}`).join('\n')}`);
    pending = failed.map((f) => f.file);
  }
}

async function startCase(ir: SopIR, variables: Record<string, unknown>, n: number): Promise<string> {
  const start = ir.nodes[ir.startEventId];
  if (start?.type === 'startEvent' && start.startTimer) {
    // A timer start event: its schedule starts the case (here once, two seconds after the deploy).
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const started = await alur.prisma.case.findFirst({ where: { sopKey: ir.key }, select: { id: true } });
      if (started) return started.id;
    }
    expect.fail(`${ir.key}: its timer start event started no case in 30 s`);
  }
  if (start?.type === 'startEvent' && start.message) {
    const res = await alur.call('POST', '/api/messages', { token: admin, json: { name: start.message.name, correlationKey: `CAMUNDA-${n}`, variables } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.instances.find((i: { sopKey: string }) => i.sopKey === ir.key).id;
  }
  const res = await alur.call('POST', `/api/sops/${ir.key}/instances`, { token: admin, json: { variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function caseTree(caseId: string): Promise<string[]> {
  const ids = [caseId];
  for (let i = 0; i < ids.length; i++) {
    const children = await alur.prisma.case.findMany({ where: { parentCaseId: ids[i], status: 'running' }, select: { id: true } });
    ids.push(...children.map((c) => c.id));
  }
  return ids;
}

/** Every job type (or Camunda 7 topic) in the IR: the service, send, message throw tasks no built-in runs. */
function jobTypes(ir: SopIR): string[] {
  const types = new Set<string>();
  JSON.stringify(ir, (key, value: unknown) => {
    if (key === 'taskType' && typeof value === 'string' && value !== 'webhook' && value !== 'io.camunda:http-json:1') types.add(value);
    return value;
  });
  return [...types];
}

/** One job of the case tree, if any is waiting: activated and answered the way the driver says, as a Camunda 8 or 7 worker. */
async function workOneJob(file: string, types: string[], driver: Driver): Promise<boolean> {
  if (types.length === 0) return false;
  const camunda7 = file.startsWith('c7-');
  for (const type of types) {
    const answer = driver.jobs?.[type] ?? {};
    if (!camunda7) {
      const res = await post<{ jobs: Camunda8Job[] }>(base, workerToken, '/v2/jobs/activation', {
        type,
        worker: 'korpus-camunda',
        timeout: 30_000,
        maxJobsToActivate: 1,
        requestTimeout: -1,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const job = res.body.jobs[0];
      if (!job) continue;
      const done =
        'error' in answer
          ? await post(base, workerToken, `/v2/jobs/${job.jobKey}/error`, {
              errorCode: answer.error,
              errorMessage: answer.error,
              variables: answer.variables ?? {},
            })
          : await post(base, workerToken, `/v2/jobs/${job.jobKey}/completion`, { variables: answer.variables ?? {} });
      expect(done.status, `${file}: job ${type}: ${JSON.stringify(done.body)}`).toBe(204);
      return true;
    }
    const res = await post<Camunda7Task[]>(base, workerToken, '/engine-rest/external-task/fetchAndLock', {
      workerId: 'korpus-camunda-7',
      maxTasks: 1,
      topics: [{ topicName: type, lockDuration: 30_000 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const task = res.body[0];
    if (!task) continue;
    const done =
      'error' in answer
        ? await post(base, workerToken, `/engine-rest/external-task/${task.id}/bpmnError`, {
            workerId: 'korpus-camunda-7',
            errorCode: answer.error,
            variables: typed(answer.variables ?? {}),
          })
        : await post(base, workerToken, `/engine-rest/external-task/${task.id}/complete`, {
            workerId: 'korpus-camunda-7',
            variables: typed(answer.variables ?? {}),
          });
    expect(done.status, `${file}: external task ${type}: ${JSON.stringify(done.body)}`).toBe(204);
    return true;
  }
  return false;
}

/** Sends one message or signal the case tree waits for (each subscription once); false when there is none to send. */
async function sendOne(file: string, tree: string[], driver: Driver, sent: Set<string>): Promise<boolean> {
  const waiting = await alur.prisma.messageSubscription.findMany({
    where: { caseId: { in: tree }, status: 'open', kind: { in: ['catch', 'signal'] } },
    orderBy: { openedAt: 'asc' },
  });
  const next = waiting.find((s) => !sent.has(s.id) && (!driver.messages || s.messageName in driver.messages || s.kind === 'signal'));
  if (!next) return false;
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
  return true;
}

/** Drives the case to its end; fails naming what it still waits for when it makes no progress in time. */
async function drive(caseId: string, file: string, ir: SopIR, driver: Driver): Promise<Record<string, unknown>> {
  const deadline = Date.now() + (driver.timeoutMs ?? 30_000);
  const sent = new Set<string>();
  const types = jobTypes(ir);
  for (;;) {
    const c = (await alur.call('GET', `/api/instances/${caseId}`, { token: admin })).body;
    if (c.status !== 'running') return c;
    const tree = await caseTree(caseId);
    if (driver.messagesFirst && (await sendOne(file, tree, driver, sent))) continue;
    const tasks: { id: string; elementId: string }[] = [];
    for (const id of tree) tasks.push(...(await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: driverToken })).body);
    if (tasks.length > 0) {
      const task = tasks[0]!;
      const res = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: driverToken, json: { variables: driver.tasks?.[task.elementId] ?? {} } });
      if (res.status !== 200 && res.status !== 409)
        expect.fail(`${file}: completing task ${task.elementId} answered ${res.status} ${JSON.stringify(res.body)}; add its variables to DRIVERS`);
      continue;
    }
    if (await workOneJob(file, types, driver)) continue;
    if (await sendOne(file, tree, driver, sent)) continue;
    if (Date.now() > deadline) {
      const steps = (c.activeSteps as { elementId: string }[]).map((s) => s.elementId).join(', ');
      expect.fail(`${file}: the case is still running at [${steps}] with no task, job or message to drive it on`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver((call) => {
    if (call.url.startsWith('/penduduk/')) return { status: 200, body: { nama: 'Siti Aminah', nik: call.url.split('/')[2]!.split('?')[0] } };
    if (call.url === '/laporan') return { status: 201, body: { nomor: 'L-7' } };
    return { status: 200, body: { ok: true } };
  });
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  await deployAll();
  const roles = new Set<string>(['petugas']);
  for (const { ir } of deployed.values())
    for (const node of Object.values(ir.nodes)) if (node.type === 'userTask') node.candidateRoles.forEach((r) => roles.add(r));
  driverToken = await alur.createUser(admin, 'penguji-camunda', [...roles]);
  workerToken = await alur.createUser(admin, 'pekerja-camunda', ['worker']);
  base = await alur.app.listen({ host: '127.0.0.1', port: 0 });
}, 240_000);

afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

describe('Camunda corpus', () => {
  it('holds at least 40 diagrams, Camunda 8 and Camunda 7, each with a driver', () => {
    expect(bpmnFiles.length).toBeGreaterThanOrEqual(40);
    expect(bpmnFiles.filter((f) => f.startsWith('c7-')).length).toBeGreaterThanOrEqual(10);
    expect(bpmnFiles.filter((f) => !DRIVERS[f])).toEqual([]);
    expect(Object.keys(DRIVERS).filter((f) => !bpmnFiles.includes(f))).toEqual([]);
  });

  it('every diagram is as a Camunda modeler exports it: diagram interchange and the exporter named', () => {
    for (const file of bpmnFiles) {
      const xml = read(file);
      expect(xml, file).toMatch(/exporter="Camunda (Web )?Modeler"/);
      expect(xml, file).toContain('<bpmndi:BPMNDiagram');
    }
  });

  it('Camunda 7 JUEL deploys translated (conditions, due dates, timers), each with a warning that shows the FEEL', () => {
    const warnings = deployed.get('c7-cuti-pegawai-juel.bpmn')!.warnings;
    expect(warnings).toContainEqual({
      elementId: 'Activity_kepegawaian',
      message: 'The due date of user task "Catat di kepegawaian" was JUEL ${tenggat}; Alur runs it as the FEEL =tenggat',
    });
    expect(deployed.get('c7-batas-waktu-timer.bpmn')!.warnings).toContainEqual({
      elementId: 'Event_lewat',
      message: 'The duration of timer boundary event "Lewat 1 detik" was JUEL ${batasTanggapan}; Alur runs it as the FEEL =batasTanggapan',
    });
    expect(warnings).toContainEqual({
      elementId: 'Flow_ya',
      message: 'Condition of flow "ya, singkat" was JUEL ${disetujui && hari <= 3}; Alur runs it as the FEEL =disetujui and hari <= 3',
    });
    expect(warnings).toContainEqual({
      elementId: 'Flow_tidak',
      message: 'Condition of flow "tidak" was JUEL ${!disetujui}; Alur runs it as the FEEL =not(disetujui)',
    });
  });

  it.each(bpmnFiles.map((file, i) => [file, i] as const))(
    '%s runs to its end',
    async (file, i) => {
      const { ir } = deployed.get(file)!;
      const driver = DRIVERS[file]!;
      const id = await startCase(ir, driver.start ?? {}, i);
      const ended = await drive(id, file, ir, driver);
      expect(ended.status, `${file}: ${String(ended.error ?? '')}`).toBe(driver.status ?? 'completed');
      const done = (ended.history as { elementId: string; outcome: string }[]).filter((s) => s.outcome === 'completed').map((s) => s.elementId);
      expect(done, file).toEqual(expect.arrayContaining([driver.endsAt, ...(driver.passes ?? [])]));
      if (ENDS_WITH[file]) expect(ended.variables, file).toMatchObject(ENDS_WITH[file]);
    },
    90_000,
  );
});
