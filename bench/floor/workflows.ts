// The floor: the KTP-el shape (start; one task; two parallel tasks; one task)
// written by hand as a Temporal workflow that does nothing else. Each task is
// completed by a Temporal Update; no activity, no database. The Update answers
// with the tasks open after it, so a client can go straight on.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const FLOOR_TASKS = { first: 'Terima', parallel: ['Periksa', 'Rekam'], last: 'Terbitkan' } as const;

export const completeTask = defineUpdate<string[], [string]>('completeTask');

export async function floorKtpEl(): Promise<void> {
  const open = new Set<string>([FLOOR_TASKS.first]);
  let parallelLeft: number = FLOOR_TASKS.parallel.length;
  let ended = false;
  setHandler(
    completeTask,
    (taskId) => {
      open.delete(taskId);
      if (taskId === FLOOR_TASKS.first) for (const t of FLOOR_TASKS.parallel) open.add(t);
      else if (taskId === FLOOR_TASKS.last) ended = true;
      else if (--parallelLeft === 0) open.add(FLOOR_TASKS.last);
      return [...open];
    },
    {
      validator: (taskId) => {
        if (!open.has(taskId)) throw new Error(`task ${taskId} is not open`);
      },
    },
  );
  await condition(() => ended);
}
