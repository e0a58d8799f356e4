// The SOP heatmap: each step's SLA record as a colour on its shape and its
// durations as an overlay below it, the bar's length its p90 against the
// slowest step's.
import type { StepStat } from './audit';

/** Breached at least once; else warned at risk; else every SLA kept; or no SLA on the step. */
export type HeatLevel = 'breached' | 'at-risk' | 'kept' | 'no-sla';

export function heatLevel(s: Pick<StepStat, 'breaches' | 'atRisk' | 'withSla'>): HeatLevel {
  if (s.breaches > 0) return 'breached';
  if (s.atRisk > 0) return 'at-risk';
  return s.withSla > 0 ? 'kept' : 'no-sla';
}

/** 0-4: how long the step's p90 is against the slowest step's, in quarters (0: no duration known). */
export function durationHeat(p90Ms: number | null, slowestP90Ms: number): number {
  if (p90Ms == null || slowestP90Ms <= 0) return 0;
  return Math.max(1, Math.ceil((p90Ms / slowestP90Ms) * 4));
}

export interface HeatOverlay {
  id: string;
  marker: string;
  text: string;
  className: string;
}

/** One overlay per step of the diagram; `describe` gives its text (mean, p90, breaches in words). */
export function heatOverlays(stats: StepStat[], describe: (s: StepStat) => string): HeatOverlay[] {
  const slowest = Math.max(0, ...stats.map((s) => s.p90Ms ?? 0));
  return stats.map((s) => {
    const level = heatLevel(s);
    return {
      id: s.elementId,
      marker: `alur-heat-${level}`,
      text: describe(s),
      className: `alur-heat-overlay alur-heat-${level} alur-heat-duration-${durationHeat(s.p90Ms, slowest)}`,
    };
  });
}
