import { isIsoDate } from './answer-validation';

export type DayCount = 'calendar' | 'working';

export interface CalendarOptions {
  calendar: DayCount;
  /** Public holidays (YYYY-MM-DD) that working-day counts skip. */
  holidays?: readonly string[];
}

export const DAY_MS = 86_400_000;

/** The calendar day (UTC, 'YYYY-MM-DD') of an instant. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function toTime(date: string, name: string): number {
  if (!isIsoDate(date))
    throw new RangeError(`${name} must be a date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function toDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Saturdays and Sundays are not working days; neither are the listed holidays. */
export function isWorkingDay(date: string, holidays: readonly string[] = []): boolean {
  const weekday = new Date(toTime(date, 'date')).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(date);
}

/**
 * The last day of a period of `days` that starts running the day after `start` (the day of the triggering event
 * does not count, as in most procedural rules). In working days, weekends and holidays are skipped, so the result
 * is always a working day; in calendar days it may fall on a weekend. Dates are plain calendar dates (UTC), so the
 * server's time zone never shifts a deadline.
 */
export function computeDeadline(start: string, days: number, options: CalendarOptions): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number, zero or more');
  let time = toTime(start, 'start');
  if (options.calendar === 'calendar') return toDate(time + days * DAY_MS);
  const holidays = options.holidays ?? [];
  let remaining = days;
  while (remaining > 0) {
    time += DAY_MS;
    if (isWorkingDay(toDate(time), holidays)) remaining -= 1;
  }
  return toDate(time);
}

/** Days counted from `from` (exclusive) to `to` (inclusive), in the programme's day count. */
export function countDays(from: string, to: string, options: CalendarOptions): number {
  const start = toTime(from, 'from');
  const end = toTime(to, 'to');
  if (end <= start) return 0;
  if (options.calendar === 'calendar') return Math.round((end - start) / DAY_MS);
  let count = 0;
  for (let time = start + DAY_MS; time <= end; time += DAY_MS) {
    if (isWorkingDay(toDate(time), options.holidays ?? [])) count += 1;
  }
  return count;
}

/**
 * Moves a deadline by the time a clock was stopped (e.g. while the applicant answers a request for information):
 * the days from `pausedOn` to `resumedOn` are added back, counted the same way as the deadline itself.
 */
export function pauseDeadline(
  deadline: string,
  pause: { pausedOn: string; resumedOn: string },
  options: CalendarOptions,
): string {
  return computeDeadline(deadline, countDays(pause.pausedOn, pause.resumedOn, options), options);
}

/** Extends a deadline by `days` (e.g. the programme's `extensionDays` when the authority needs more time). */
export function extendDeadline(deadline: string, days: number, options: CalendarOptions): string {
  return computeDeadline(deadline, days, options);
}

/**
 * The day a period of whole days, months or years ends (e.g. a reapplication bar). A month or year from the 31st (or
 * 29 February) ends on the last day of the shorter month.
 */
export function addDuration(
  start: string,
  duration: { amount: number; unit: 'days' | 'months' | 'years' },
): string {
  const time = toTime(start, 'start');
  if (duration.unit === 'days') return toDate(time + duration.amount * DAY_MS);
  const date = new Date(time);
  const months = duration.unit === 'months' ? duration.amount : duration.amount * 12;
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return toDate(target.getTime());
}
