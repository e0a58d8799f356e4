// The designer's live check: the server's problems listed by element name, and
// only the answer for the latest diagram shown.
import { describe, expect, it, vi } from 'vitest';
import { debouncedCheck, problemRows } from '../src/designer/live-check';

describe('problemRows', () => {
  const onCanvas: Record<string, string> = { Activity_0uypqy3: 'Verifikasi berkas', Flow_1: '' };
  const nameOf = (id: string) => onCanvas[id];

  it('names each element as it is called on the canvas now, else as the server named it, else by its id; errors first', () => {
    const rows = problemRows(
      {
        warnings: [{ elementId: 'Activity_0uypqy3', elementName: 'Verifikasi (lama)', message: 'has an assignee' }],
        errors: [
          { elementId: 'Flow_1', message: 'without a condition' },
          { elementId: 'Gone_1', elementName: 'Dihapus', message: 'refers to a form' },
          { message: 'The file is not valid BPMN XML' },
        ],
      },
      nameOf,
    );
    expect(rows).toEqual([
      { category: 'error', elementId: 'Flow_1', label: 'Flow_1', message: 'without a condition', onDiagram: true },
      { category: 'error', elementId: 'Gone_1', label: 'Dihapus', message: 'refers to a form', onDiagram: false },
      { category: 'error', message: 'The file is not valid BPMN XML', onDiagram: false },
      { category: 'warn', elementId: 'Activity_0uypqy3', label: 'Verifikasi berkas', message: 'has an assignee', onDiagram: true },
    ]);
  });
});

describe('debouncedCheck', () => {
  it('checks once after a burst of changes, and drops an answer overtaken by a newer check', async () => {
    vi.useFakeTimers();
    try {
      const answers: ((v: number) => void)[] = [];
      const check = vi.fn(() => new Promise<number>((resolve) => answers.push(resolve)));
      const shown: number[] = [];
      const checker = debouncedCheck(
        check,
        (v) => shown.push(v),
        () => shown.push(-1),
        500,
      );
      checker.schedule();
      checker.schedule();
      await vi.advanceTimersByTimeAsync(400);
      checker.schedule();
      await vi.advanceTimersByTimeAsync(499);
      expect(check).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(check).toHaveBeenCalledTimes(1);

      checker.schedule(); // a change while the first check is out
      await vi.advanceTimersByTimeAsync(500);
      expect(check).toHaveBeenCalledTimes(2);
      answers[1]!(2);
      answers[0]!(1); // late: for an older diagram
      await vi.advanceTimersByTimeAsync(0);
      expect(shown).toEqual([2]);

      checker.schedule();
      checker.cancel();
      await vi.advanceTimersByTimeAsync(1000);
      expect(check).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
