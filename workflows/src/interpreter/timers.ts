// When a timer fires, in ms from now. Fixed values were checked at deploy;
// `=`-prefixed values are FEEL expressions evaluated now, against the case.
import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';
import { isoDateTimeError } from '../common/date-time';
import { durationToMs, isoDurationError } from '../common/duration';
import { evaluateFeel } from '../feel';
import type { IrNode, IrTimer } from '../ir';
import type { CaseRuntime } from './case-runtime';
import { CaseIncident } from './errors';

export function timerDelayMs(rt: CaseRuntime, node: IrNode, timer: IrTimer, nowMs: number): number {
  if ('duration' in timer) {
    const iso = resolve(rt, node, timer.duration, 'duration');
    const error = isoDurationError(iso);
    if (error) throw new CaseIncident(node.id, `Timer "${node.name}" has an invalid duration "${iso}": ${error}`);
    return Math.max(0, durationToMs(iso, nowMs));
  }
  const text = resolve(rt, node, timer.date, 'date');
  const error = isoDateTimeError(text);
  if (error) throw new CaseIncident(node.id, `Timer "${node.name}" has an invalid date: ${error}`);
  return Math.max(0, Date.parse(text) - nowMs);
}

function resolve(rt: CaseRuntime, node: IrNode, value: string, what: string): string {
  if (!value.startsWith('=')) return value;
  let result: unknown;
  try {
    result = evaluateFeel(value.slice(1), rt.variables);
  } catch (err) {
    throw new CaseIncident(node.id, `Timer "${node.name}": its ${what} expression failed: ${(err as Error).message}`);
  }
  // FEEL date-time and duration values (e.g. `now() + duration("P1D")`) print as ISO-8601.
  if (isFeelTemporal(result)) return String(result);
  if (typeof result !== 'string') {
    throw new CaseIncident(node.id, `Timer "${node.name}": its ${what} expression ${value} gave ${JSON.stringify(result)}, not an ISO-8601 ${what} text`);
  }
  return result;
}

function isFeelTemporal(value: unknown): boolean {
  return value instanceof FeelDateTime || value instanceof FeelDate || value instanceof FeelDuration;
}
