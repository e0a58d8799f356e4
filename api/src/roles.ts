// The global roles each route admits (see test/integration/authorization-matrix.test.ts).
// Unit roles (petugas of a UPT, its head...) bind tasks, not routes.
export const ADMINS = ['admin'];
export const DESIGNERS = ['admin', 'designer'];
export const SUPERVISORS = ['admin', 'supervisor'];
export const REPORT_READERS = ['admin', 'supervisor', 'auditor'];
export const AUDIT_READERS = ['admin', 'auditor'];
/** Channel integrations (SP4N-LAPOR!, WhatsApp gateway...) publish messages under the `integrasi` role. */
export const MESSAGE_PUBLISHERS = ['admin', 'integrasi'];
