import type { BusinessCalendar } from '../calendar/calendar.rules.js';
import { addDays, amsterdamInstant, daysBetween, IsoDate } from '../common/dates.js';

/**
 * When reminders fire, as pure functions of the deadline's due date. [decision]
 * Times are Amsterdam wall-clock times: reminders at 09:00, breaches at the first minute
 * after the last day.
 */
export type ReminderKind = 'school_before' | 'student_stage_ended' | 'staff_before' | 'breach';

export const REMINDER_HOUR_MINUTES = 9 * 60;

/** The school: two weeks before its deadline. */
export function schoolReminderAt(dueOn: IsoDate): Date {
  return amsterdamInstant(addDays(dueOn, -14), REMINDER_HOUR_MINUTES);
}

/** The student: the morning after the school's last day, what they can do now. */
export function studentStageEndedAt(dueOn: IsoDate): Date {
  return amsterdamInstant(addDays(dueOn, 1), REMINDER_HOUR_MINUTES);
}

/** The assigned jurist: two working days before each of their deadlines. */
export function staffReminderAt(calendar: BusinessCalendar, dueOn: IsoDate): Date {
  return amsterdamInstant(calendar.addWorkingDays(dueOn, -2).date, REMINDER_HOUR_MINUTES);
}

/** A breach: the deadline's last day has passed. */
export function breachAt(dueOn: IsoDate): Date {
  return amsterdamInstant(addDays(dueOn, 1), 0);
}

/** A reminder sent more than this after its time is marked late. */
export const LATE_AFTER_MS = 15 * 60_000;

/** Whole calendar days the clock stood still: from the pause date to the resume date. */
export function pausedDaysBetween(pausedSince: IsoDate, resumedOn: IsoDate): number {
  return Math.max(0, daysBetween(pausedSince, resumedOn));
}
