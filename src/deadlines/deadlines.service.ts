import { Injectable } from '@nestjs/common';
import type { DeadlineExplanation } from '../calendar/calendar.rules.js';
import { amsterdamDate } from '../common/dates.js';
import type { Tx } from '../database/tx.js';
import { reminderJob } from '../queue/jobs.js';
import { DeadlineRow, DeadlinesRepository, DeadlineStatus } from './deadlines.repository.js';
import type { ReminderKind } from './deadlines.rules.js';

export interface ReminderSpec {
  kind: ReminderKind;
  fireAt: Date;
}

/**
 * Deadline rows are the truth; each reminder is a row plus a delayed job derived from it.
 * Setting a deadline again (pause, extension, a new closed day) moves its pending reminders.
 */
@Injectable()
export class DeadlinesService {
  constructor(private readonly repo: DeadlinesRepository) {}

  /**
   * Creates or moves a deadline. A reminder whose time has passed goes out at once while the
   * deadline is still ahead (a school that has a week left still hears of it); once the
   * deadline itself has passed, it is skipped: its message would be out of date.
   */
  async set(
    tx: Tx,
    caseId: string,
    kind: string,
    explanation: DeadlineExplanation,
    reminders: ReminderSpec[],
    now: Date,
    status: DeadlineStatus = 'running',
  ): Promise<DeadlineRow> {
    const row = await this.repo.upsert(tx.m, caseId, kind, explanation, status);
    for (const spec of reminders) {
      const past = spec.fireAt.getTime() <= now.getTime();
      const stale = past && amsterdamDate(now) > explanation.deadline && spec.kind !== 'breach';
      // A reminder cannot go out before it exists: one whose time has passed is due now (and not late).
      const fireAt = past ? now : spec.fireAt;
      const r = await this.repo.upsertReminder(
        tx.m,
        row.id,
        spec.kind,
        fireAt,
        stale ? 'skipped' : 'pending',
      );
      if (r.status === 'pending' && status === 'running')
        tx.afterCommit(reminderJob(r.id, new Date(r.fireAt)));
    }
    await this.repo.refreshCaseDue(tx.m, caseId);
    return row;
  }

  /** Ends a deadline (met, breached or cancelled) and cancels its pending reminders. */
  async close(
    tx: Tx,
    caseId: string,
    kind: string,
    status: 'met' | 'breached' | 'cancelled',
  ): Promise<boolean> {
    const row = await this.repo.find(tx.m, caseId, kind);
    if (!row) return false;
    const changed = await this.repo.setStatus(tx.m, row.id, status, ['running', 'paused']);
    if (changed) {
      await this.repo.cancelReminders(tx.m, row.id);
      await this.repo.refreshCaseDue(tx.m, caseId);
    }
    return changed;
  }

  /** Stops the clock; reminders wait (their jobs find the deadline paused and do nothing). */
  async pause(tx: Tx, caseId: string, kind: string): Promise<void> {
    const row = await this.repo.find(tx.m, caseId, kind);
    if (row) await this.repo.setStatus(tx.m, row.id, 'paused', ['running']);
  }

  find(tx: Tx, caseId: string, kind: string): Promise<DeadlineRow | null> {
    return this.repo.find(tx.m, caseId, kind);
  }

  forCase(caseId: string): Promise<DeadlineRow[]> {
    return this.repo.forCase(caseId);
  }
}
