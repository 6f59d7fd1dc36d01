import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { emailJob, reminderJob } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { DeadlinesRepository } from './deadlines.repository.js';

const PAGE = 1000;

/**
 * Makes Redis rebuildable. At worker start and every interval it re-adds, from Postgres, the
 * jobs that may be missing. Job ids are fixed, so re-adding one that exists is a no-op.
 * - A marker key tells whether Redis lost its data (restart without persistence, FLUSHALL):
 *   then every pending reminder and unsent email is enqueued again.
 * - Otherwise only what is overdue: reminders past their time and emails waiting over a minute.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reconciler');
  private timer?: NodeJS.Timeout;
  private running = false;
  lastRun?: { at: Date; full: boolean; reminders: number; emails: number };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly deadlines: DeadlinesRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  private get markerKey(): string {
    return `${this.config.redis.prefix}:reconciler:marker`;
  }

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('worker')) return;
    void this.runOnce();
    this.timer = setInterval(
      () => void this.runOnce(),
      this.config.deadlines.reconcileIntervalSeconds * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async runOnce(forceFull = false): Promise<{ full: boolean; reminders: number; emails: number } | null> {
    if (this.running) return null;
    this.running = true;
    try {
      if (!(await this.queue.ping())) return null; // Redis away: try again next round
      const marker = await this.queue.connection.get(this.markerKey).catch(() => null);
      const full = forceFull || !marker;
      let reminders = 0;
      let emails = 0;
      let after = '0';
      for (;;) {
        const page = await this.deadlines.pendingReminders(
          after,
          PAGE,
          full ? undefined : new Date(this.clock.now().getTime() - 30_000),
        );
        if (page.length === 0) break;
        reminders += await this.queue.enqueue(page.map((r) => reminderJob(r.id, new Date(r.fireAt))));
        after = page[page.length - 1].id;
        if (page.length < PAGE) break;
      }
      const pending = await this.outbox.pendingIds(full ? 0 : 60, 100_000);
      for (let i = 0; i < pending.length; i += PAGE) {
        emails += await this.queue.enqueue(pending.slice(i, i + PAGE).map(emailJob));
      }
      if (full) await this.queue.connection.set(this.markerKey, new Date().toISOString());
      this.lastRun = { at: new Date(), full, reminders, emails };
      if (full || reminders || emails) this.logger.log({ msg: 'reconciled', full, reminders, emails });
      return { full, reminders, emails };
    } catch (e) {
      this.logger.warn({ msg: 'reconcile failed', error: (e as Error).message });
      return null;
    } finally {
      this.running = false;
    }
  }
}
