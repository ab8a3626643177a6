import { describe, expect, it } from 'vitest';
import { describeClock, isWithin, pauseClock, resumeClock } from './case-clock.engine';

const now = new Date('2026-03-10T09:00:00Z');

describe('case clock', () => {
  it('counts the days left and flags an overdue running clock', () => {
    const row = { decision_due: '2026-03-15', paused_since: null, paused_days: 0 };
    expect(describeClock(row, now, true)).toMatchObject({ daysLeft: 5, isOverdue: false });
    const late = { ...row, decision_due: '2026-03-07' };
    expect(describeClock(late, now, true)).toMatchObject({ daysLeft: -3, isOverdue: true });
    expect(describeClock(late, now, false).isOverdue).toBe(false);
  });

  it('is never overdue while paused', () => {
    const row = { decision_due: '2026-03-07', paused_since: '2026-03-01', paused_days: 0 };
    expect(describeClock(row, now, true)).toMatchObject({ isPaused: true, isOverdue: false });
  });

  it('moves the deadline by the days it stood still', () => {
    const row = { decision_due: '2026-04-01', paused_since: null, paused_days: 2 };
    const paused = { ...row, ...pauseClock(row, new Date('2026-03-01T10:00:00Z')) };
    expect(paused.paused_since).toBe('2026-03-01');
    expect(pauseClock(paused, now)).toEqual({});
    expect(resumeClock(paused, now, { calendar: 'calendar' })).toEqual({
      paused_since: null,
      paused_days: 11,
      decision_due: '2026-04-10',
    });
    expect(resumeClock(row, now, { calendar: 'calendar' })).toEqual({});
  });

  it('keeps a period open through its last day', () => {
    expect(isWithin('2026-03-10', now)).toBe(true);
    expect(isWithin('2026-03-09', now)).toBe(false);
  });
});
