// Tracking codes citizens read over the phone: Crockford base32 (no I, L, O, U),
// 12 characters = 60 random bits, shown in groups of four: "7K2M-9XQD-4HRT".
// Made by the API for a started case and by the worker for a called one.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

export function newTrackingCode(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(LENGTH));
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Accepts what a person types: any case, spaces or dashes, and O/I/L read as 0/1/1. */
export function normalizeTrackingCode(input: string): string | undefined {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
