import { describe, expect, it } from 'vitest';
import { dueState } from '../src/due';

describe('dueState', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('is overdue at and after the deadline, at risk within a day, on time before that', () => {
    expect(dueState('2026-11-23T10:00:00Z', now)).toBe('overdue');
    expect(dueState('2026-11-20T00:00:00Z', now)).toBe('overdue');
    expect(dueState('2026-11-24T09:59:00Z', now)).toBe('at-risk');
    expect(dueState('2026-11-24T10:00:01Z', now)).toBe('on-time');
  });
  it('has nothing to say without a (valid) deadline', () => {
    expect(dueState(null, now)).toBeNull();
    expect(dueState('soon', now)).toBeNull();
  });
});
