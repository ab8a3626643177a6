import { describe, expect, it } from 'vitest';
import {
  addDuration,
  computeDeadline,
  countDays,
  extendDeadline,
  isWorkingDay,
  pauseDeadline,
} from './deadline-calendar';

describe('computeDeadline', () => {
  it('counts calendar days from the day after the start', () => {
    expect(computeDeadline('2025-01-31', 30, { calendar: 'calendar' })).toBe('2025-03-02');
    expect(computeDeadline('2024-12-20', 120, { calendar: 'calendar' })).toBe('2025-04-19');
    expect(computeDeadline('2025-03-03', 0, { calendar: 'calendar' })).toBe('2025-03-03');
  });

  it('skips the weekend in working days', () => {
    // Thursday 6 March 2025 + 3 working days: Fri 7, Mon 10, Tue 11.
    expect(computeDeadline('2025-03-06', 3, { calendar: 'working' })).toBe('2025-03-11');
  });

  it('skips a holiday as well as the weekend', () => {
    // 8 March 2025 is a Saturday; the substitute holiday Monday 10 March is skipped too.
    expect(computeDeadline('2025-03-06', 3, { calendar: 'working', holidays: ['2025-03-10'] })).toBe(
      '2025-03-12',
    );
  });

  it('never ends on a weekend in working days', () => {
    expect(computeDeadline('2025-03-07', 1, { calendar: 'working' })).toBe('2025-03-10');
    expect(isWorkingDay('2025-03-08')).toBe(false);
    expect(isWorkingDay('2025-03-10', ['2025-03-10'])).toBe(false);
  });

  it('refuses malformed dates and negative periods', () => {
    expect(() => computeDeadline('2025-02-30', 1, { calendar: 'calendar' })).toThrow(RangeError);
    expect(() => computeDeadline('2025-02-01', -1, { calendar: 'calendar' })).toThrow(RangeError);
  });
});

describe('pauseDeadline and extendDeadline', () => {
  it('adds back the days the clock was stopped', () => {
    expect(countDays('2025-03-01', '2025-03-11', { calendar: 'calendar' })).toBe(10);
    expect(
      pauseDeadline(
        '2025-06-30',
        { pausedOn: '2025-03-01', resumedOn: '2025-03-11' },
        { calendar: 'calendar' },
      ),
    ).toBe('2025-07-10');
  });

  it('counts a pause in working days the same way as the deadline', () => {
    // Paused Friday 7 March, resumed Tuesday 11 March: Mon 10 and Tue 11 are two working days.
    expect(
      pauseDeadline(
        '2025-04-01',
        { pausedOn: '2025-03-07', resumedOn: '2025-03-11' },
        { calendar: 'working' },
      ),
    ).toBe('2025-04-03');
  });

  it('extends by the extension days', () => {
    expect(extendDeadline('2025-04-19', 60, { calendar: 'calendar' })).toBe('2025-06-18');
  });
});

describe('addDuration', () => {
  it('adds days, months and years, ending a month from the 31st on the shorter month’s last day', () => {
    expect(addDuration('2026-03-10', { amount: 30, unit: 'days' })).toBe('2026-04-09');
    expect(addDuration('2026-01-31', { amount: 1, unit: 'months' })).toBe('2026-02-28');
    expect(addDuration('2026-11-15', { amount: 6, unit: 'months' })).toBe('2027-05-15');
    expect(addDuration('2028-02-29', { amount: 1, unit: 'years' })).toBe('2029-02-28');
  });
});
