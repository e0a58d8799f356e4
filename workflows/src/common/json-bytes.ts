// The size a value takes as JSON, in UTF-8 bytes, as Temporal's JSON payload
// converter will encode it. Runs inside the workflow sandbox (no Buffer).

/** UTF-8 byte length of `JSON.stringify(value)`; throws what JSON.stringify throws (a BigInt, a cycle). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** "2 MB", "1.2 MB", "768 KB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/**
 * The most a case's variables may take as JSON inside the workflow. Activity
 * inputs carry them (the projection's batch carries them and the events that
 * changed them), and Temporal refuses any payload over 2 MB: past this, the
 * element whose result would grow them stops at an incident instead.
 * ALUR_MAX_CASE_VARIABLES_BYTES, checked at the edge, may not exceed it.
 */
export const CASE_VARIABLES_MAX_BYTES = 768 * 1024;
