// Scale of reads: the inbox (first page, and a deep page) and tracking-code
// lookups with 1,000 and then 100,000 cases in the database, through the HTTP
// API of `npm start`. Goal: at 100,000 within 2x of the latency at 1,000.
// Cases are written straight into the projection tables (seed.ts: most of them
// closed, 5% open across 8 units), since only reads are measured. The reader is a
// petugas of two of the units.
//
//   npm run bench:reads [-- --small 1000 --large 100000 --requests 200]
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile } from '../support/percentile';
import { BENCH_ADMIN_PASSWORD, httpClient, startSystem } from '../support/system';
import { grantUnitRole, seedCases, seedUnits, STAFF_ROLE, UNIT_CODES } from './seed';

const { values: args } = parseArgs({
  options: { small: { type: 'string', default: '1000' }, large: { type: 'string', default: '100000' }, requests: { type: 'string', default: '200' } },
});
const REQUESTS = Number(args.requests);

const SOP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="https://alur.go.id/bench">
  <bpmn:process id="bench_baca" name="Izin usaha mikro" isExecutable="true">
    <bpmn:laneSet id="Lanes">
      <bpmn:lane id="LanePetugas" name="petugas"><bpmn:flowNodeRef>Mulai</bpmn:flowNodeRef><bpmn:flowNodeRef>Periksa</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="LaneKepala" name="kepala_seksi"><bpmn:flowNodeRef>Setujui</bpmn:flowNodeRef><bpmn:flowNodeRef>Selesai</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Mulai"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Periksa" name="Periksa berkas"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="Setujui" name="Setujui izin"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="Selesai"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Periksa" />
    <bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="Setujui" />
    <bpmn:sequenceFlow id="f3" sourceRef="Setujui" targetRef="Selesai" />
  </bpmn:process>
</bpmn:definitions>`;

console.log('starting the system (npm start, embedded servers)...');
const system = await startSystem({ ALUR_TRACK_RATE_LIMIT: '1000000', ALUR_LOGIN_RATE_LIMIT: '1000' });
const http = httpClient(system.baseUrl);
const db = new pg.Client({ connectionString: system.databaseUrl });
await db.connect();
try {
  const must = async <T>(what: string, p: Promise<{ status: number; body: T }>) => {
    const res = await p;
    if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const admin = (await must('login', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'admin', password: BENCH_ADMIN_PASSWORD } })))
    .token;
  await must('user', http.call('POST', '/api/users', { token: admin, json: { username: 'petugas1', password: 'petugas1-password', roles: [] } }));
  await seedUnits(db);
  await grantUnitRole(db, 'petugas1', STAFF_ROLE, UNIT_CODES.slice(0, 2));
  const staff = (
    await must('login', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'petugas1', password: 'petugas1-password' } }))
  ).token;
  await must('deploy', http.call('POST', '/api/sops', { token: admin, xml: SOP }));
  const {
    rows: [sop],
  } = await db.query(`SELECT id FROM "SopVersion" WHERE key = 'bench_baca'`);

  const measure = async (count: number) => {
    const { rows } = await db.query(`SELECT "trackingCode" FROM "Case" WHERE "sopKey" = 'bench_baca' ORDER BY random() LIMIT $1`, [REQUESTS]);
    const codes = rows.map((r: { trackingCode: string }) => r.trackingCode);
    const timings = {
      'inbox, first page': [] as number[],
      'inbox, page 10': [] as number[],
      'tracking code': [] as number[],
      'unknown tracking code': [] as number[],
    };
    const time = async (into: number[], path: string, token?: string) => {
      const t0 = performance.now();
      const res = await http.call('GET', path, { token });
      into.push(performance.now() - t0);
      if (res.status >= 500 || res.status === 429) throw new Error(`GET ${path}: HTTP ${res.status}`);
    };
    for (let i = 0; i < 20; i++) {
      // warm-up
      await time([], '/api/tasks?limit=50', staff);
      await time([], `/api/track/${codes[i % codes.length]}`);
    }
    for (let i = 0; i < REQUESTS; i++) {
      await time(timings['inbox, first page'], '/api/tasks?limit=50', staff);
      await time(timings['inbox, page 10'], '/api/tasks?limit=50&offset=450', staff);
      await time(timings['tracking code'], `/api/track/${codes[i % codes.length]}`);
      await time(timings['unknown tracking code'], `/api/track/ZZZZ-ZZZZ-${String(i).padStart(4, '0')}`);
    }
    const { rows: shape } = await db.query(`SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) AS tasks FROM "Task"`);
    const inbox = await http.call<unknown[]>('GET', '/api/tasks?limit=1', { token: staff });
    console.log(`${count} cases: ${shape[0].tasks} tasks, ${shape[0].open} open, ${inbox.headers.get('x-total-count')} in the reader's inbox`);
    return Object.fromEntries(
      Object.entries(timings).map(([k, xs]) => [k, { cases: count, 'p50 ms': +percentile(xs, 50).toFixed(1), 'p99 ms': +percentile(xs, 99).toFixed(1) }]),
    );
  };

  const small = Number(args.small);
  const large = Number(args.large);
  await seedCases(db, sop.id, 1, small);
  const atSmall = await measure(small);
  const t0 = performance.now();
  await seedCases(db, sop.id, small + 1, large);
  console.log(`seeded ${large - small} more cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const atLarge = await measure(large);

  console.log(`\nReads at scale over HTTP against npm start, ${REQUESTS} requests per figure`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const table: Record<string, Record<string, number | string>> = {};
  for (const name of Object.keys(atSmall)) {
    const a = atSmall[name]!;
    const b = atLarge[name]!;
    table[name] = {
      [`p50 @${small}`]: a['p50 ms']!,
      [`p50 @${large}`]: b['p50 ms']!,
      'p50 ratio': +(b['p50 ms']! / a['p50 ms']!).toFixed(2),
      [`p99 @${small}`]: a['p99 ms']!,
      [`p99 @${large}`]: b['p99 ms']!,
    };
  }
  console.table(table);
  console.log('goal: p50 ratio <= 2 for every row');
} finally {
  await db.end();
  await system.stop();
}
