import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Registry } from '../common/registry.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { JobName } from '../queue/jobs.js';
import { JobHandlers } from '../queue/worker.service.js';
import { DeadlineRow, DeadlinesRepository } from './deadlines.repository.js';
import { LATE_AFTER_MS, ReminderKind } from './deadlines.rules.js';

export interface ReminderContext {
  deadline: DeadlineRow;
  reminderKind: ReminderKind;
  late: boolean;
}

/** What a case type does when one of its reminders fires: write its outbox rows and events in `tx`. */
export type ReminderNotifier = (tx: Tx, ctx: ReminderContext) => Promise<void>;

/** Case types register a notifier per deadline kind; deadlines never import a case type. */
@Injectable()
export class ReminderNotifiers extends Registry<string, ReminderNotifier> {}

/**
 * Fires a reminder: reloads the row, does nothing for a reminder that was sent, moved or
 * whose deadline is no longer running, and otherwise claims it (unique, so never twice) and
 * lets the case type write its emails in the same transaction.
 */
@Injectable()
export class RemindersProcessor implements OnModuleInit {
  private readonly logger = new Logger('reminders');

  constructor(
    private readonly handlers: JobHandlers,
    private readonly repo: DeadlinesRepository,
    private readonly notifiers: ReminderNotifiers,
    private readonly tx: TxRunner,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register(JobName.FireReminder, async (p) => {
      await this.fire(p.reminderId);
    });
  }

  async fire(reminderId: string, now = this.clock.now()): Promise<'sent' | 'skipped'> {
    const reminder = await this.repo.findReminder(reminderId);
    if (!reminder || reminder.status !== 'pending') return 'skipped';
    const fireAt = new Date(reminder.fireAt);
    if (fireAt.getTime() > now.getTime() + 1000) return 'skipped'; // moved later: a newer job carries it
    return this.tx.run(async (tx) => {
      const deadline = await this.repo.findById(tx.m, reminder.deadlineId);
      if (!deadline || deadline.status !== 'running') return 'skipped';
      const late = now.getTime() - fireAt.getTime() > LATE_AFTER_MS;
      if (!(await this.repo.claimReminder(tx.m, reminder.id, late))) return 'skipped';
      const ending = reminder.kind === 'breach' || reminder.kind === 'student_stage_ended';
      if (ending) {
        await this.repo.setStatus(tx.m, deadline.id, 'breached', ['running']);
        await this.repo.cancelReminders(tx.m, deadline.id);
        await this.repo.refreshCaseDue(tx.m, deadline.caseId);
      }
      const notifier = this.notifiers.get(deadline.kind);
      if (notifier) await notifier(tx, { deadline, reminderKind: reminder.kind, late });
      else this.logger.warn({ msg: 'no notifier for deadline kind', kind: deadline.kind });
      return 'sent';
    });
  }
}
