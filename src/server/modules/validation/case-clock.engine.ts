import { DAY_MS, computeDeadline, countDays, today, type CalendarOptions } from '../../../programme-core';

export interface CaseClock {
  decisionDue: string | null;
  pausedSince: string | null;
  pausedDays: number;
  isPaused: boolean;
  /** Days left until the decision is due (negative once overdue); null without a deadline. */
  daysLeft: number | null;
  isOverdue: boolean;
  extension: { days: number; reason: string; previousDue: string; newDue: string } | null;
}

/** The decision clock as the validator's workspace shows it. A paused clock is never overdue. */
export function describeClock(
  application: { decision_due: string | null; paused_since: string | null; paused_days: number },
  now: Date,
  isRunning: boolean,
  extension: CaseClock['extension'] = null,
): CaseClock {
  const day = today(now);
  const due = application.decision_due;
  const isPaused = application.paused_since !== null;
  const daysLeft =
    due === null
      ? null
      : due >= day
        ? countDays(day, due, { calendar: 'calendar' })
        : -countDays(due, day, { calendar: 'calendar' });
  return {
    decisionDue: due,
    pausedSince: application.paused_since,
    pausedDays: application.paused_days,
    isPaused,
    daysLeft,
    isOverdue: isRunning && !isPaused && due !== null && due < day,
    extension,
  };
}

/** Stops the decision clock (the applicant's own period: improvement plan, right to be heard). */
export function pauseClock(application: { paused_since: string | null }, now: Date) {
  return application.paused_since ? {} : { paused_since: today(now) };
}

/** Restarts a stopped clock: the decision deadline moves by the days it stood still, counted as the programme counts. */
export function resumeClock(
  application: { decision_due: string | null; paused_since: string | null; paused_days: number },
  now: Date,
  calendar: CalendarOptions,
) {
  if (!application.paused_since) return {};
  const days = countDays(application.paused_since, today(now), calendar);
  return {
    paused_since: null,
    paused_days: application.paused_days + days,
    decision_due: application.decision_due ? computeDeadline(application.decision_due, days, calendar) : null,
  };
}

/** Whether a period that ended on `due` (inclusive) is still open on `now`. */
export function isWithin(due: string, now: Date): boolean {
  return today(now) <= due;
}

/** The earliest start customs may propose for a visit: the programme's notice counted in whole days. */
export function earliestVisitStart(now: Date, minimumNoticeDays: number): Date {
  return new Date(now.getTime() + minimumNoticeDays * DAY_MS);
}
