// Disposition (issue 18): the complaint desk hands a case to another unit.
import { defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseSnapshot } from './updates';

export interface ChangeHandlingUnitRequest {
  /** The complaint desk member (admin-pengaduan) or admin who disposes the case. */
  actor: Actor;
  /** The unit that handles the case from now on. */
  unitId: string;
  reason: string;
}

/**
 * Changes the case's handling unit: its open tasks that belonged to the old
 * handling unit go to the new one (claims released: the new unit's staff pick
 * them up), and tasks created later land there. Tasks with a fixed alur:unit
 * stay where they are. Recorded as a case.unit_changed event with the reason.
 */
export const changeHandlingUnitUpdate = defineUpdate<CaseSnapshot, [ChangeHandlingUnitRequest]>('changeHandlingUnit');
