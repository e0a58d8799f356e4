// The global roles each route admits (see test/integration/authorization-matrix.test.ts).
// Unit roles (petugas of a UPT, its head...) bind tasks, not routes.
export const ADMINS = ['admin'];
export const DESIGNERS = ['admin', 'designer'];
export const SUPERVISORS = ['admin', 'supervisor'];
export const REPORT_READERS = ['admin', 'supervisor', 'auditor'];
export const AUDIT_READERS = ['admin', 'auditor'];
/** Channel integrations (SP4N-LAPOR!, WhatsApp gateway...) publish messages under the `integrasi` role. */
export const MESSAGE_PUBLISHERS = ['admin', 'integrasi'];
/** The complaint desk (issue 18): triage, and the only readers (with admins) of confidential reporters. */
export const COMPLAINT_DESK = ['admin', 'admin-pengaduan'];
/** Who takes complaints in: channel integrations, and the desk's call-centre form. */
export const COMPLAINT_INTAKE = ['admin', 'integrasi', 'admin-pengaduan'];
/** Job workers (Camunda 8 /v2/jobs, Camunda 7 /engine-rest/external-task) act under the `worker` role, or as a channel integration. */
export const JOB_WORKERS = ['admin', 'integrasi', 'worker'];
