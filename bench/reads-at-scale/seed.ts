// The projection rows an office's history leaves behind, written straight into
// the tables (what the worker would have written), since only reads are measured.
//
// Shape: 8 units, each with petugas (checks the file) and kepala_seksi (approves).
// Of the cases, 94% are completed, 1% cancelled and 5% still running; a
// running case waits either at "Periksa berkas" (petugas) or, checked, at
// "Setujui" (kepala_seksi); a fifth of the open tasks are claimed by a colleague.
// An office with a steady workload keeps a roughly constant backlog while its
// history grows, so 5% open at 100,000 cases overstates the open load.
import type pg from 'pg';

export const UNIT_CODES = Array.from({ length: 8 }, (_, i) => `UPT-${i + 1}`);
export const STAFF_ROLE = 'petugas';
const SOP_KEY = 'bench_baca';

export async function seedUnits(db: pg.Client): Promise<void> {
  await db.query(
    `
    INSERT INTO "Unit" (id, code, name, kind)
    SELECT 'unit-' || g, 'UPT-' || g, 'UPT Pelayanan ' || g, 'upt' FROM generate_series(1, $1::int) g`,
    [UNIT_CODES.length],
  );
  await db.query(
    `
    INSERT INTO "UnitRole" ("unitId", role, name, supervisor)
    SELECT 'unit-' || g, r.role, r.name, r.supervisor FROM generate_series(1, $1::int) g,
           (VALUES ('petugas', 'Petugas pelayanan', false), ('kepala_seksi', 'Kepala seksi', true)) AS r(role, name, supervisor)`,
    [UNIT_CODES.length],
  );
}

/** Gives an existing user a role in the given units. */
export async function grantUnitRole(db: pg.Client, username: string, role: string, unitCodes: string[]): Promise<void> {
  await db.query(
    `
    INSERT INTO "UserRole" ("userId", "unitId", role)
    SELECT u.id, un.id, $2 FROM "User" u, "Unit" un WHERE u.username = $1 AND un.code = ANY($3)`,
    [username, role, unitCodes],
  );
}

/** Cases from..to (inclusive) with their steps and tasks. */
export async function seedCases(db: pg.Client, sopVersionId: string, from: number, to: number): Promise<void> {
  // Per case: its unit, whether it is still running and where it waits, derived from its number.
  const shape = `
    SELECT g, md5('bench' || g) AS h, 'unit-' || (1 + abs(hashint4(g)) % ${UNIT_CODES.length}) AS unit,
           CASE WHEN abs(hashint4(g + 7)) % 100 < 5 THEN 'running' WHEN abs(hashint4(g + 7)) % 100 = 5 THEN 'cancelled' ELSE 'completed' END AS status,
           abs(hashint4(g + 13)) % 2 = 0 AS at_approval,
           abs(hashint4(g + 17)) % 5 = 0 AS claimed,
           now() - make_interval(mins => g) AS started
    FROM generate_series($1::int, $2::int) g`;
  await db.query(
    `
    WITH n AS (${shape})
    INSERT INTO "Case" (id, "trackingCode", "sopVersionId", "sopKey", "sopVersionNo", status, "unitId", variables, "startedAt", "endedAt", "dueAt", "updatedAt")
    SELECT 'case-' || g, upper(substr(h, 1, 4) || '-' || substr(h, 5, 4) || '-' || substr(h, 9, 4)), $3, '${SOP_KEY}', 1, status, unit,
           jsonb_build_object('pemohon', 'Warga ' || g), started, CASE WHEN status <> 'running' THEN started + interval '2 days' END,
           started + interval '5 days', now()
    FROM n`,
    [from, to, sopVersionId],
  );
  // Steps: start (ended), Periksa, Setujui; a running case's last step is active, a cancelled one's cancelled.
  await db.query(
    `
    WITH n AS (${shape})
    INSERT INTO "Step" (id, "caseId", "elementId", name, type, status, "startedAt", "endedAt", "endSeq", "dueAt")
    SELECT 'case-' || g || ':' || s, 'case-' || g, e, nm, t,
           CASE WHEN s = 1 OR status = 'completed' OR (status = 'running' AND s = 2 AND at_approval) THEN 'completed'
                WHEN status = 'cancelled' THEN 'cancelled' ELSE 'active' END,
           started + make_interval(hours => s - 1),
           CASE WHEN s = 1 OR status <> 'running' OR (s = 2 AND at_approval) THEN started + make_interval(hours => s) END,
           CASE WHEN s = 1 OR status <> 'running' OR (s = 2 AND at_approval) THEN s * 2 END,
           CASE WHEN s > 1 THEN started + make_interval(days => s + 1) END
    FROM n, (VALUES (1, 'Mulai', 'Permohonan diterima', 'startEvent'), (2, 'Periksa', 'Periksa berkas', 'userTask'), (3, 'Setujui', 'Setujui izin', 'userTask')) AS v(s, e, nm, t)
    WHERE s < 3 OR status = 'completed' OR at_approval`,
    [from, to],
  );
  await db.query(
    `
    WITH n AS (${shape})
    INSERT INTO "Task" (id, "caseId", "stepId", "elementId", name, "candidateRoles", "unitId", "claimedBy", status, "createdAt", "closedAt", "dueAt", "completedBy")
    SELECT 'task-' || g || ':' || s, 'case-' || g, 'case-' || g || ':' || s, e, nm, ARRAY[role], unit,
           CASE WHEN open AND claimed THEN 'rekan-' || (g % 3) WHEN NOT open THEN 'rekan-' || (g % 3) END,
           CASE WHEN open THEN 'open' WHEN status = 'cancelled' THEN 'cancelled' ELSE 'completed' END,
           started + make_interval(hours => s - 1), CASE WHEN NOT open THEN started + make_interval(hours => s) END,
           started + make_interval(days => s + 1), CASE WHEN NOT open AND status <> 'cancelled' THEN 'rekan-' || (g % 3) END
    FROM (
      SELECT n.*, s, e, nm, role,
             status = 'running' AND (s = 3 OR NOT at_approval) AS open
      FROM n, (VALUES (2, 'Periksa', 'Periksa berkas', '${STAFF_ROLE}'), (3, 'Setujui', 'Setujui izin', 'kepala_seksi')) AS v(s, e, nm, role)
      WHERE s = 2 OR status = 'completed' OR at_approval
    ) t`,
    [from, to],
  );
  await db.query('ANALYZE "Case"; ANALYZE "Step"; ANALYZE "Task"');
}
