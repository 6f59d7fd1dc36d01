import type { EventsRepository } from '../audit/events.repository.js';
import type { StaffUser, UsersRepository } from '../auth/users.repository.js';
import type { BusinessCalendar, DeadlineExplanation } from '../calendar/calendar.rules.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { addDays, type IsoDate } from '../common/dates.js';
import type { Clock } from '../common/clock.js';
import type { Tx } from '../database/tx.js';
import type { NewOutboxRow } from '../notifications/outbox.repository.js';
import { breachAt, pausedDaysBetween, staffReminderAt } from './deadlines.rules.js';
import type { DeadlinesService, ReminderSpec } from './deadlines.service.js';
import type { ReminderContext } from './reminders.processor.js';

/** A deadline staff must meet reminds the assigned jurist two working days before it, and everyone at its breach. */
export function staffReminders(calendar: BusinessCalendar, dueOn: IsoDate): ReminderSpec[] {
  return [
    { kind: 'staff_before', fireAt: staffReminderAt(calendar, dueOn) },
    { kind: 'breach', fireAt: breachAt(dueOn) },
  ];
}

/**
 * The deadline a case is handled by (a complaint's decision, a DigiD report's investigation):
 * a number of weeks from its start, plus the extension and the days it was paused, with staff
 * reminders. Both case types pause, resume and extend it the same way.
 */
export class HandlingDeadline {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    readonly kind: string,
    private readonly weeks: number,
  ) {}

  explain(from: IsoDate, extensionWeeks: number, pausedDays: number): Promise<DeadlineExplanation> {
    return this.calendar.explain({
      from,
      period: { unit: 'weeks', amount: this.weeks },
      extensionWeeks,
      pausedDays,
    });
  }

  async set(tx: Tx, caseId: string, e: DeadlineExplanation, status: 'running' | 'paused'): Promise<void> {
    const cal = await this.calendar.calendar();
    await this.deadlines.set(
      tx,
      caseId,
      this.kind,
      e,
      staffReminders(cal, e.deadline),
      this.clock.now(),
      status,
    );
  }

  /**
   * The due date as it stands today: while the case is paused, as far later as the pause has
   * lasted so far (the stored date moves only when the case resumes). Null without a deadline.
   */
  async dueNow(
    tx: Tx,
    c: { id: string; status: string; pausedSince: IsoDate | null },
    today: IsoDate,
  ): Promise<IsoDate | null> {
    const current = await this.deadlines.find(tx, c.id, this.kind);
    if (!current) return null;
    return c.status === 'paused' && c.pausedSince
      ? addDays(current.dueOn, pausedDaysBetween(c.pausedSince, today))
      : current.dueOn;
  }

  /** Stops the clock (the case records since when). */
  pause(tx: Tx, caseId: string): Promise<void> {
    return this.deadlines.pause(tx, caseId, this.kind);
  }

  /** Ends the case's pause today: the days it lasted are added and the deadline runs again. */
  async resume(
    tx: Tx,
    c: { id: string; pausedSince: IsoDate | null; pausedDays: number; extensionWeeks: number },
    from: IsoDate,
    today: IsoDate,
  ): Promise<{ days: number; pausedDays: number; e: DeadlineExplanation }> {
    const days = pausedDaysBetween(c.pausedSince ?? today, today);
    const pausedDays = c.pausedDays + days;
    const e = await this.explain(from, c.extensionWeeks, pausedDays);
    await this.set(tx, c.id, e, 'running');
    return { days, pausedDays, e };
  }

  /** Sets the deadline again with `weeks` of extension; a paused case's deadline stays paused. */
  async extend(
    tx: Tx,
    c: { id: string; status: string; pausedDays: number },
    from: IsoDate,
    weeks: number,
  ): Promise<DeadlineExplanation> {
    const e = await this.explain(from, weeks, c.pausedDays);
    await this.set(tx, c.id, e, c.status === 'paused' ? 'paused' : 'running');
    return e;
  }
}

/**
 * A staff deadline's reminder or breach, emailed: before, to the assigned jurist (supervisors
 * when nobody is assigned); at a breach, to the jurist and the supervisors. Recorded on the case.
 */
export async function remindStaff(
  tx: Tx,
  ctx: ReminderContext,
  c: { id: string; reference: string; assigneeId: string | null },
  label: { nl: string; en: string },
  caseUrl: string,
  deps: {
    users: UsersRepository;
    events: EventsRepository;
    email: (tx: Tx, row: NewOutboxRow) => Promise<void>;
  },
): Promise<void> {
  const { users, events, email } = deps;
  const assignee = c.assigneeId ? await users.findById(c.assigneeId) : null;
  const breach = ctx.reminderKind === 'breach';
  const recipients = new Map<string, StaffUser>();
  if (assignee) recipients.set(assignee.email.toLowerCase(), assignee);
  if (breach || !assignee)
    for (const s of await users.withRole('supervisor')) recipients.set(s.email.toLowerCase(), s);
  for (const user of recipients.values()) {
    await email(tx, {
      caseId: c.id,
      template: breach ? 'staff_deadline_breached' : 'staff_deadline_reminder',
      language: user.language,
      recipient: user.email,
      data: {
        reference: c.reference,
        dueOn: ctx.deadline.dueOn,
        deadlineKindNl: label.nl,
        deadlineKindEn: label.en,
        caseUrl,
      },
    });
  }
  await events.append(
    tx.m,
    c.id,
    { type: 'system' },
    breach ? 'deadline_breached' : 'deadline_reminder',
    'internal',
    {
      deadline: ctx.deadline.kind,
      dueOn: ctx.deadline.dueOn,
      late: ctx.late,
      recipients: recipients.size,
    },
  );
}
