// The size limit of a case's variables (ALUR_MAX_CASE_VARIABLES_BYTES), checked
// before anything reaches Temporal: a start, a completion, a message, a retry.
import { formatBytes } from '@alur/workflows';
import { CaseRefusal } from './refusals';

export { formatBytes };

/**
 * Refuses (variables.too_large, naming the largest variable) when `variables`
 * merged over `base` exceed `maxBytes` as JSON. A request that does not grow a
 * case already past the limit (its service tasks may take it up to
 * CASE_VARIABLES_MAX_BYTES) passes: its tasks must stay completable.
 */
export function assertVariablesFit(variables: Record<string, unknown>, maxBytes: number, base: Record<string, unknown> = {}, field = 'variables'): void {
  const merged = { ...base, ...variables };
  const total = Buffer.byteLength(JSON.stringify(merged) ?? '');
  if (total <= maxBytes || (Object.keys(base).length > 0 && total <= Buffer.byteLength(JSON.stringify(base)))) return;
  const sizes = Object.entries(variables).map(([name, value]) => [name, Buffer.byteLength(JSON.stringify(value) ?? '')] as const);
  const [largest, largestBytes] = sizes.sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const where = largest ? `${field}.${largest}` : field;
  const message = largest
    ? `${where} is ${formatBytes(largestBytes)}; a case's variables may hold at most ${formatBytes(maxBytes)} in all (ALUR_MAX_CASE_VARIABLES_BYTES)${Object.keys(base).length ? `, its variables so far included (${formatBytes(total)} with this request)` : ''}`
    : `The case's variables would take ${formatBytes(total)}; at most ${formatBytes(maxBytes)} are allowed (ALUR_MAX_CASE_VARIABLES_BYTES)`;
  throw new CaseRefusal('variables.too_large', message, { errors: [{ field: where, message }] });
}
