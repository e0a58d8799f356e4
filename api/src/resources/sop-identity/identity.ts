// The SOP-AP identity of a version (Permenpan RB 35/2012): what the identity
// page of the printed SOP says. Checks shared by PUT .../identity and the
// lifecycle (submission and approval need their fields).
import type { Problem } from '../shared/schema';
import type { SopIdentityBody } from './schema';

export type SopIdentity = SopIdentityBody;

const DATE_FIELDS = ['tanggalPembuatan', 'tanggalRevisi', 'tanggalEfektif'] as const;
/** Needed before a version is submitted (diajukan). */
const AT_SUBMISSION = ['nomor', 'tanggalPembuatan', 'dasarHukum', 'kualifikasiPelaksana', 'peralatan', 'peringatan', 'pencatatan'] as const;

/** Each value that is there but malformed, by field (dates YYYY-MM-DD and real, NIP 18 digits, no empty list items). */
export function checkIdentity(identity: SopIdentity): Problem[] {
  const problems: Problem[] = [];
  for (const f of DATE_FIELDS) {
    const v = identity[f];
    if (v !== undefined && v !== '' && !isCalendarDate(v)) problems.push({ field: `body.${f}`, message: `"${v}" is not a date written YYYY-MM-DD` });
  }
  const nip = identity.disahkanOleh?.nip;
  if (nip !== undefined && nip.trim() !== '' && !/^\d{18}$/.test(nip.replace(/\s/g, ''))) {
    problems.push({ field: 'body.disahkanOleh.nip', message: 'NIP has 18 digits (spaces allowed)' });
  }
  for (const f of ['dasarHukum', 'kualifikasiPelaksana', 'keterkaitan', 'peralatan'] as const) {
    identity[f]?.forEach((item, i) => {
      if (!item.trim()) problems.push({ field: `body.${f}.${i}`, message: 'is empty' });
    });
  }
  if (identity.tanggalRevisi && identity.tanggalPembuatan && isCalendarDate(identity.tanggalRevisi) && identity.tanggalRevisi < identity.tanggalPembuatan) {
    problems.push({ field: 'body.tanggalRevisi', message: `is before tanggalPembuatan (${identity.tanggalPembuatan})` });
  }
  return problems;
}

const filled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

export function missingAtSubmission(identity: SopIdentity): string[] {
  return AT_SUBMISSION.filter((f) => !filled(identity[f]));
}

/** At approval the approver is named too (disahkan oleh: nama, NIP, jabatan). */
export function missingAtApproval(identity: SopIdentity): string[] {
  return [
    ...missingAtSubmission(identity),
    ...(['nama', 'nip', 'jabatan'] as const).filter((f) => !filled(identity.disahkanOleh?.[f])).map((f) => `disahkanOleh.${f}`),
  ];
}

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Trimmed texts, NIP without spaces, empty strings dropped. */
export function normalised(body: SopIdentity): SopIdentity {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') {
      if (v.trim()) out[k] = v.trim();
    } else if (Array.isArray(v)) out[k] = v.map((s: string) => s.trim());
    else if (v && typeof v === 'object') {
      const person = Object.fromEntries(
        Object.entries(v as Record<string, string>)
          .map(([pk, pv]) => [pk, pk === 'nip' ? pv.replace(/\s/g, '') : pv.trim()])
          .filter(([, pv]) => pv),
      );
      if (Object.keys(person).length) out[k] = person;
    }
  }
  return out as SopIdentity;
}
