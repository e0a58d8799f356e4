// Every route x every role, anonymous included, against the real API: each
// route's expected audience is written down here, and the test fails for a
// route missing from the table, so a new route cannot ship without a decision
// on who may call it. "Allowed" means the caller gets past authentication and
// authorization (any answer but 401/403); a refused caller gets exactly 401
// (anonymous) or 403 (logged in, wrong role). Auditors read everything and
// change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

type Caller = 'anonymous' | 'admin' | 'designer' | 'supervisor' | 'petugas' | 'integrasi' | 'auditor';
const CALLERS: Caller[] = ['anonymous', 'admin', 'designer', 'supervisor', 'petugas', 'integrasi', 'auditor'];
const STAFF: Caller[] = ['admin', 'designer', 'supervisor', 'petugas', 'integrasi', 'auditor'];

/**
 * Who may call each route: everyone, any logged-in user, any logged-in user
 * auditors included also for a write about their own account (`own-account`),
 * or the listed roles.
 */
const POLICY: Record<string, 'public' | 'logged-in' | 'own-account' | Caller[]> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'own-account',
  'POST /api/auth/password': 'own-account',
  'GET /api/auth/me': 'logged-in',
  // Server-sent events (issue 13): what each user is sent is tested in live-events.test.ts.
  'GET /api/events/stream': 'logged-in',
  'GET /api/track/{trackingCode}': 'public',
  'GET /api/track/{trackingCode}/diagram': 'public',
  'GET /api/public/sops': 'public',
  'GET /api/public/sops/{key}': 'public',
  'POST /api/public/sops/{key}/requests': 'public',

  'GET /api/sops': 'logged-in',
  'GET /api/sops/{key}': 'logged-in',
  'GET /api/sops/{key}/versions/{version}/xml': 'logged-in',
  'POST /api/sops': ['admin', 'designer'],
  'POST /api/sops/validate': ['admin', 'designer'],
  'POST /api/sops/{key}/instances': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'PUT /api/sops/{key}/versions/{version}/slas': ['admin'],
  // The lifecycle (issue 17): any staff member may ask; who may move a version is decided per SOP (designers submit; the OPD's head approves).
  'GET /api/sops/{key}/versions/{version}/lifecycle': 'logged-in',
  'GET /api/sops/{key}/diff': 'logged-in',
  'POST /api/sops/{key}/versions/{version}/transitions': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/sops/{key}/versions/{version}/test-cases': ['admin', 'designer'],
  'GET /api/sops/{key}/versions/{version}/identity': 'logged-in',
  'PUT /api/sops/{key}/versions/{version}/identity': ['admin', 'designer'],
  'GET /api/sops/{key}/versions/{version}/sop-ap.pdf': 'public',
  'GET /api/public/sops/{key}/compliance': 'public',
  'GET /api/public/compliance.csv': 'public',
  'POST /api/forms': ['admin', 'designer'],
  'GET /api/forms/{id}': 'logged-in',
  'POST /api/decisions': ['admin', 'designer'],
  'GET /api/decisions/{id}': 'logged-in',

  'GET /api/instances/{id}': 'logged-in',
  'POST /api/instances/{id}/cancel': ['admin', 'supervisor'],
  'POST /api/instances/{id}/override': ['admin', 'supervisor'],
  // Incidents: global admins, supervisors (and auditors, reading); unit supervisors see their units' (test/integration/incidents.test.ts).
  'GET /api/incidents': ['admin', 'supervisor', 'auditor'],
  'POST /api/incidents/{id}/retry': ['admin', 'supervisor'],
  'POST /api/incidents/{id}/skip': ['admin', 'supervisor'],
  'POST /api/incidents/{id}/cancel': ['admin', 'supervisor'],
  'POST /api/instances/{id}/messages': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  // Documents: any staff at the role level; the case's unit decides further (test/integration/case-documents.test.ts).
  'POST /api/instances/{id}/documents': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'GET /api/instances/{id}/documents': 'logged-in',
  'GET /api/instances/{id}/documents/{documentId}': 'logged-in',
  'POST /api/messages': ['admin', 'integrasi'],
  // Complaints (issue 18): the desk (admin-pengaduan, not a caller here) is tested in test/integration/complaint-*.test.ts.
  'PUT /api/channels/{channel}': ['admin'],
  'GET /api/channels': ['admin', 'integrasi', 'auditor'],
  'POST /api/channels/{channel}/inbound': ['admin', 'integrasi'],
  'GET /api/instances/{id}/complaint': 'logged-in',
  'GET /api/complaints': ['admin', 'auditor'],
  'POST /api/instances/{id}/category': ['admin'],
  'POST /api/instances/{id}/disposition': ['admin'],
  'POST /api/instances/{id}/duplicate-of': ['admin'],
  'POST /api/instances/{id}/clarification': ['admin'],
  'POST /api/instances/{id}/clarification/answered': ['admin'],
  'POST /api/instances/{id}/refusal': ['admin'],
  'GET /api/notification-templates': ['admin', 'auditor'],
  'PUT /api/notification-templates/{event}': ['admin'],
  'GET /api/complaint-notifications': ['admin', 'auditor'],
  'GET /api/reports/complaints': ['admin', 'auditor'],
  'GET /api/track/{trackingCode}/complaint': 'public',
  // The citizen's verdict: no login needed; an auditor's session changes nothing, here neither.
  'POST /api/track/{trackingCode}/verdict': ['anonymous', 'admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/signals': ['admin', 'integrasi'],
  // Job workers (issue 15), at Camunda's paths: also the role worker (not a caller here; test/integration/job-workers.test.ts).
  'POST /v2/jobs/activation': ['admin', 'integrasi'],
  'POST /v2/jobs/{jobKey}/completion': ['admin', 'integrasi'],
  'POST /v2/jobs/{jobKey}/failure': ['admin', 'integrasi'],
  'POST /v2/jobs/{jobKey}/error': ['admin', 'integrasi'],
  'PATCH /v2/jobs/{jobKey}': ['admin', 'integrasi'],
  'POST /engine-rest/external-task/fetchAndLock': ['admin', 'integrasi'],
  'POST /engine-rest/external-task/{id}/complete': ['admin', 'integrasi'],
  'POST /engine-rest/external-task/{id}/failure': ['admin', 'integrasi'],
  'POST /engine-rest/external-task/{id}/bpmnError': ['admin', 'integrasi'],
  'POST /engine-rest/external-task/{id}/extendLock': ['admin', 'integrasi'],
  'POST /engine-rest/external-task/{id}/unlock': ['admin', 'integrasi'],

  'GET /api/tasks': 'logged-in',
  'GET /api/team': ['admin', 'supervisor'],
  'GET /api/tasks/{id}': 'logged-in',
  'POST /api/tasks/{id}/complete': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/tasks/{id}/claim': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/tasks/{id}/release': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/tasks/{id}/reassign': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/tasks/{id}/waiting': ['admin', 'designer', 'supervisor', 'petugas', 'integrasi'],
  'POST /api/tasks/{id}/allow-outside-role': ['admin'],

  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/{username}': ['admin'],
  'POST /api/users/{username}/password': ['admin'],
  'POST /api/users/{username}/disable': ['admin'],
  'POST /api/users/{username}/enable': ['admin'],
  'GET /api/units': ['admin'],
  'POST /api/units': ['admin'],
  'GET /api/units/{code}': ['admin'],
  'PATCH /api/units/{code}': ['admin'],
  'POST /api/units/{code}/roles': ['admin'],
  'DELETE /api/units/{code}/roles/{role}': ['admin'],
  'POST /api/units/{code}/staff': ['admin'],
  'DELETE /api/units/{code}/staff/{username}/{role}': ['admin'],
  'GET /api/calendars/{scope}': 'logged-in',
  'PUT /api/calendars/{scope}': ['admin'],
  'GET /api/calendars/{scope}/leave-days/{year}': ['admin'],
  'PUT /api/calendars/{scope}/leave-days/{year}': ['admin'],
  'GET /api/webhooks': ['admin'],
  'POST /api/webhooks': ['admin'],
  'DELETE /api/webhooks/{id}': ['admin'],

  'GET /api/deviations': ['admin', 'supervisor', 'auditor'],
  'GET /api/deviations/export.csv': ['admin', 'supervisor', 'auditor'],
  'GET /api/deviations/summary': ['admin', 'supervisor', 'auditor'],
  'GET /api/reports/sops/{key}/versions/{version}/steps': ['admin', 'supervisor', 'auditor'],
  'GET /api/reports/compliance': ['admin', 'supervisor', 'auditor'],
  // The SPBE evaluation report (issue 17): admins and auditors.
  'GET /api/reports/spbe': ['admin', 'auditor'],
  'GET /api/rejected-actions': ['admin', 'supervisor', 'auditor'],
  'GET /api/audit': ['admin', 'auditor'],
  'GET /api/audit/verify': ['admin', 'auditor'],
};

function allowedCallers(policy: (typeof POLICY)[string], method: string): Set<Caller> {
  const allowed = new Set<Caller>(policy === 'public' ? CALLERS : policy === 'logged-in' || policy === 'own-account' ? STAFF : policy);
  // Auditors read everything and change nothing (but their own session and password).
  if (method === 'GET' && policy !== 'public') allowed.add('auditor');
  if (method !== 'GET' && policy !== 'public' && policy !== 'own-account') allowed.delete('auditor');
  return allowed;
}

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

let alur: TestAlur;
const tokens = {} as Record<Caller, string | undefined>;
const passwords = {} as Record<Caller, string>;
/** Logging out ends the session: that route gets a token of its own for each caller. */
const ENDS_SESSION = new Set(['POST /api/auth/logout']);
/** Answers that never end (server-sent events): only the callers refused are asked here. */
const STREAMS = new Set(['GET /api/events/stream']);

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  tokens.anonymous = undefined;
  tokens.admin = await alur.login('admin', ADMIN_PASSWORD);
  for (const role of STAFF.filter((c) => c !== 'admin')) tokens[role] = await alur.createUser(tokens.admin, `user-${role}`, [role]);
  passwords.admin = ADMIN_PASSWORD;
  for (const role of STAFF.filter((c) => c !== 'admin')) passwords[role] = `user-${role}-password`; // as alur.createUser sets them
});
afterAll(async () => {
  await alur?.close();
});

describe('authorization matrix', () => {
  it('has a decision for every route the API serves', async () => {
    const doc = (await alur.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(
      served.filter((r) => !(r in POLICY)),
      'routes missing from POLICY',
    ).toEqual([]);
    expect(
      Object.keys(POLICY).filter((r) => !served.includes(r)),
      'POLICY rows for routes that do not exist',
    ).toEqual([]);
  });

  it.each(Object.keys(POLICY))('%s', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const url = path.replace(/\{[^}]+\}/g, (p) => (p === '{version}' || p === '{year}' ? '1' : 'x0'));
    const allowed = allowedCallers(POLICY[route]!, method);
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      if (STREAMS.has(route) && allowed.has(caller)) continue;
      const token =
        ENDS_SESSION.has(route) && caller !== 'anonymous'
          ? await alur.login(caller === 'admin' ? 'admin' : `user-${caller}`, passwords[caller])
          : tokens[caller];
      const res = await alur.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
        },
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }),
      });
      const refused = res.statusCode === 401 || res.statusCode === 403;
      const expected = allowed.has(caller) ? 'allowed' : caller === 'anonymous' ? '401' : '403';
      const got = refused ? String(res.statusCode) : 'allowed';
      if (res.statusCode >= 500 || got !== expected) wrong.push(`${caller}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});
