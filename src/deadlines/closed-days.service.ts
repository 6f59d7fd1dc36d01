import { Injectable } from '@nestjs/common';
import { AuditLog, EventsRepository } from '../audit/events.repository.js';
import type { DeadlineExplanation } from '../calendar/calendar.rules.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ClosedDaysRepository } from '../calendar/closed-days.repository.js';
import type { IsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { ProblemError, unprocessable } from '../common/problem.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { reminderJob } from '../queue/jobs.js';
import { DeadlinesRepository } from './deadlines.repository.js';
import {
  breachAt,
  ReminderKind,
  schoolReminderAt,
  staffReminderAt,
  studentStageEndedAt,
} from './deadlines.rules.js';

/**
 * Office closure days, added and removed by the admin [decision, domain-rules.md section 1]:
 * each change is in the audit log, and every running deadline it touches is computed again;
 * a deadline that moves gets its reminders moved and an event on its case.
 */
@Injectable()
export class ClosedDaysService {
  constructor(
    private readonly tx: TxRunner,
    private readonly calendar: CalendarService,
    private readonly closedDays: ClosedDaysRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly events: EventsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list() {
    return this.calendar.extraClosedDays();
  }

  async add(
    day: { date: IsoDate; reason: string; reasonNl: string },
    actorId: string,
  ): Promise<{ moved: number }> {
    if (day.date < this.clock.today()) {
      throw unprocessable('A closure day cannot lie in the past', 'date_in_past', [
        { field: 'date', message: 'cannot lie in the past' },
      ]);
    }
    const current = await this.calendar.calendar();
    if (current.isClosed(day.date)) {
      throw new ProblemError(409, 'Conflict', `${day.date} is already a closed day`, 'already_closed');
    }
    return this.change(
      actorId,
      'calendar.closed_day_added',
      day.date,
      { reason: day.reason, reasonNl: day.reasonNl },
      async (tx) => {
        if (!(await this.closedDays.insert(tx.m, day, actorId)))
          throw new ProblemError(409, 'Conflict', `${day.date} is already a closed day`, 'already_closed');
      },
    );
  }

  async remove(date: IsoDate, actorId: string): Promise<{ moved: number }> {
    return this.change(actorId, 'calendar.closed_day_removed', date, {}, async (tx) => {
      if (!(await this.closedDays.delete(tx.m, date)))
        throw new ProblemError(404, 'Not Found', `${date} is not an office closure day`, 'not_found');
    });
  }

  private async change(
    actorId: string,
    action: string,
    date: IsoDate,
    data: Record<string, unknown>,
    write: (tx: Tx) => Promise<void>,
  ): Promise<{ moved: number }> {
    const result = await this.tx.run(async (tx) => {
      // First lock the table against a second admin's change until this one has recomputed
      // (taken before writing, so two changes queue instead of deadlocking).
      await this.closedDays.lock(tx.m);
      await write(tx);
      await this.audit.record(tx.m, actorId, action, date, data);
      this.calendar.invalidate();
      return { moved: await this.recompute(tx, date, action) };
    });
    this.calendar.invalidate();
    return result;
  }

  /** Computes again every running or paused deadline whose counting window contains `date`. */
  private async recompute(tx: Tx, date: IsoDate, action: string): Promise<number> {
    const calendar = await this.calendar.calendarWith(tx.m);
    const touched = await this.deadlines.openAround(tx.m, date);
    const now = this.clock.now();
    let moved = 0;
    for (const d of touched) {
      const e = d.explanation as DeadlineExplanation;
      const rollOver = e.period.unit === 'months' ? false : e.rolledOver || this.calendar.rollOverByDefault;
      const next = calendar.explain({
        from: e.from,
        period: e.period,
        extensionWeeks: e.extensionWeeks,
        pausedDays: e.pausedDays,
        rollOver,
      });
      if (next.deadline === d.dueOn) continue;
      moved += 1;
      await this.deadlines.upsert(tx.m, d.caseId, d.kind, next, d.status);
      for (const r of d.reminders) {
        const fireAt = reminderTime(r.kind, next.deadline, calendar);
        const row = await this.deadlines.upsertReminder(
          tx.m,
          d.id,
          r.kind,
          fireAt.getTime() < now.getTime() ? now : fireAt,
          'pending',
        );
        if (row.status === 'pending' && d.status === 'running')
          tx.afterCommit(reminderJob(row.id, new Date(row.fireAt)));
      }
      if (d.kind === 'school_stage')
        await this.deadlines.setCaseSchoolDeadline(tx.m, d.caseId, next.deadline);
      await this.deadlines.refreshCaseDue(tx.m, d.caseId);
      await this.events.append(tx.m, d.caseId, { type: 'system' }, 'deadline_moved', 'student', {
        deadline: d.kind,
        from: d.dueOn,
        to: next.deadline,
        because: action === 'calendar.closed_day_added' ? 'closed_day_added' : 'closed_day_removed',
        date,
      });
    }
    return moved;
  }
}

function reminderTime(
  kind: ReminderKind,
  dueOn: IsoDate,
  calendar: Awaited<ReturnType<CalendarService['calendar']>>,
): Date {
  switch (kind) {
    case 'school_before':
      return schoolReminderAt(dueOn);
    case 'student_stage_ended':
      return studentStageEndedAt(dueOn);
    case 'staff_before':
      return staffReminderAt(calendar, dueOn);
    case 'breach':
      return breachAt(dueOn);
  }
}
