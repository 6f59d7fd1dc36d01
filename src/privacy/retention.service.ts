import type { IsoDate } from '../common/dates.js';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeferredRequestsRepository } from '../auth/deferred-requests.repository.js';
import { ThrottleRepository } from '../common/throttle.repository.js';
import { Clock } from '../common/clock.js';
import { RefundsRepository } from '../contracts/refunds.repository.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TxRunner } from '../database/tx.js';
import {
  ANONYMOUS,
  anonymiseClosedBefore,
  CLOSED_STATUSES,
  CONTRACT_STUDENT_TEMPLATES,
  FINANCIAL_YEARS,
  TEXT_EVENT_KINDS,
} from './retention.rules.js';
import { RetentionRepository } from './retention.repository.js';

/**
 * The daily retention job. Every worker checks hourly whether today's run happened; the
 * (job, date) primary key lets exactly one of them run it. Work is done in batches, each in
 * its own transaction, so a crash loses nothing: the next run continues.
 */
const ANONYMISE_BATCH = 500;

@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repo: RetentionRepository,
    private readonly tx: TxRunner,
    private readonly clock: Clock,
    private readonly refunds: RefundsRepository,
    private readonly counters: ThrottleRepository,
    private readonly requests: DeferredRequestsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('worker')) return;
    this.timer = setInterval(
      () =>
        void this.runDaily().catch((e: Error) =>
          this.logger.warn({ msg: 'retention failed', error: e.message }),
        ),
      3_600_000,
    );
    this.timer.unref();
    setTimeout(() => void this.runDaily().catch(() => undefined), 10_000).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Everything retention does, now (the daily run, or an admin's "run now"). */
  async run(today: IsoDate) {
    const result = { ...(await this.anonymiseDue(today)), ...(await this.anonymiseContractsDue(today)) };
    // Throttle counters (addresses and sign-in names) are useless after their window: keep a day at most.
    await this.counters.deleteStale();
    await this.requests.deleteStale(); // public requests no job took (they hold an email address)
    return result;
  }

  /** Runs today's retention once across all workers; null when it already ran today. */
  async runDaily(): Promise<{ anonymised: number } | null> {
    const today = this.clock.today();
    if (!(await this.repo.claimRun('retention', today))) return null;
    const result = await this.run(today);
    await this.repo.finishRun('retention', today, result);
    if (result.anonymised) this.logger.log({ msg: 'retention run', ...result });
    return result;
  }

  /**
   * Contracts whose end (`contractEndedOn`: the termination's effective date `ended_on`, else the
   * planned end) lies seven years or more back; a contract ended early counts from its real end,
   * not the planned one (2026-12): the student's name and email go, evidence files are erased; amounts, dates,
   * invoices and refunds stay for the statistics and the books.
   */
  async anonymiseContractsDue(today: string): Promise<{ contractsAnonymised: number }> {
    const before = anonymiseClosedBefore(today, FINANCIAL_YEARS);
    let contractsAnonymised = 0;
    for (;;) {
      const n = await this.tx.run(async ({ m }) => {
        const ids = await this.repo.dueContracts(m, before, ANONYMISE_BATCH);
        if (ids.length === 0) return 0;
        await this.repo.anonymiseContracts(m, ids, ANONYMOUS.name, CONTRACT_STUDENT_TEMPLATES);
        // Exported refund batch files name the student: the name goes there too, nothing else changes.
        await this.refunds.anonymiseBatchFiles(m, ids, ANONYMOUS.name);
        return ids.length;
      });
      contractsAnonymised += n;
      if (n < ANONYMISE_BATCH) break;
    }
    return { contractsAnonymised };
  }

  /** Anonymises every case due on `today`. */
  async anonymiseDue(today: string): Promise<{ anonymised: number }> {
    const before = anonymiseClosedBefore(today, this.config.privacy.retentionYears);
    let anonymised = 0;
    for (;;) {
      const n = await this.tx.run(async ({ m }) => {
        const ids = await this.repo.dueCases(m, before, CLOSED_STATUSES, ANONYMISE_BATCH);
        if (ids.length === 0) return 0;
        await this.repo.anonymiseCases(m, ids, ANONYMOUS, TEXT_EVENT_KINDS);
        return ids.length;
      });
      anonymised += n;
      if (n < ANONYMISE_BATCH) break;
    }
    return { anonymised };
  }
}
