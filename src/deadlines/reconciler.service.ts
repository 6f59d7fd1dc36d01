import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DeferredRequestsRepository } from '../auth/deferred-requests.repository.js';
import { deferredRequestJob, emailJob, reminderJob } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { DeadlinesRepository } from './deadlines.repository.js';

const PAGE = 1000;

/**
 * Makes Redis rebuildable. At worker start and every interval it re-adds, from Postgres, the
 * jobs that may be missing. Job ids are fixed, so re-adding one that exists is a no-op.
 * - A marker key tells whether Redis lost its data (restart without persistence, FLUSHALL):
 *   then every pending reminder, unsent email and waiting public request is enqueued again.
 * - Otherwise only what is overdue: reminders past their time, emails and requests waiting over a minute.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reconciler');
  private timer?: NodeJS.Timeout;
  private running = false;
  lastRun?: { at: Date; full: boolean; reminders: number; emails: number; requests: number };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly deadlines: DeadlinesRepository,
    private readonly outbox: OutboxRepository,
    private readonly requests: DeferredRequestsRepository,
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

  async runOnce(
    forceFull = false,
  ): Promise<{ full: boolean; reminders: number; emails: number; requests: number } | null> {
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
      // Password-reset and link requests from public forms wait for their job (src/auth/deferred-requests.repository.ts).
      const waiting = await this.requests.waiting(full ? 0 : 60, 10_000);
      const requests = await this.queue.enqueue(waiting.map((r) => deferredRequestJob(r.kind, r.id)));
      if (full) await this.queue.connection.set(this.markerKey, new Date().toISOString());
      this.lastRun = { at: new Date(), full, reminders, emails, requests };
      if (full || reminders || emails || requests)
        this.logger.log({ msg: 'reconciled', full, reminders, emails, requests });
      return { full, reminders, emails, requests };
    } catch (e) {
      this.logger.warn({ msg: 'reconcile failed', error: (e as Error).message });
      return null;
    } finally {
      this.running = false;
    }
  }
}
