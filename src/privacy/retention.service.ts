import type { IsoDate } from '../common/dates.js';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeferredRequestsRepository } from '../auth/deferred-requests.repository.js';
import { ThrottleRepository } from '../common/throttle.repository.js';
import { Clock } from '../common/clock.js';
import { RefundsRepository } from '../contracts/refunds.repository.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sql } from '../database/sql.js';
import {
  ANONYMOUS,
  anonymiseClosedBefore,
  CLOSED_STATUSES,
  FINANCIAL_YEARS,
  TEXT_EVENT_KINDS,
} from './retention.rules.js';

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
    private readonly db: DataSource,
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
    const claimed = await sql(
      this.db,
      `INSERT INTO maintenance_runs (job, run_on) VALUES ('retention', $1) ON CONFLICT DO NOTHING RETURNING job`,
      [today],
    );
    if (claimed.length === 0) return null;
    const result = await this.run(today);
    await this.db.query(
      `UPDATE maintenance_runs SET finished_at = now(), data = $2 WHERE job = 'retention' AND run_on = $1`,
      [today, JSON.stringify(result)],
    );
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
      const n = await this.db.transaction(async (m) => {
        const due = await sql<{ id: string }>(
          m,
          `SELECT c.id FROM contracts c
           WHERE c.anonymised_at IS NULL AND coalesce(c.ended_on, c.planned_end_date) <= $1
             AND NOT EXISTS (SELECT 1 FROM terminations t WHERE t.contract_id = c.id AND t.status IN ('requested','approved'))
           ORDER BY coalesce(c.ended_on, c.planned_end_date) LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [before, ANONYMISE_BATCH],
        );
        if (due.length === 0) return 0;
        const ids = due.map((r) => r.id);
        // The emails sent to the student about these contracts (they carry no case id), before the address goes.
        await m.query(
          `UPDATE outbox o SET recipient = 'anon-' || c.id || '@invalid', data = '{}'::jsonb, secret = NULL
           FROM contracts c WHERE c.id = ANY($1) AND o.case_id IS NULL AND lower(o.recipient) = lower(c.student_email)
             AND o.template IN ('quality_mark_withdrawn', 'termination_effective', 'termination_requested')`,
          [ids],
        );
        await m.query(
          `UPDATE contracts SET student_name = $2, student_email = 'anon-' || id || '@invalid', anonymised_at = now() WHERE id = ANY($1)`,
          [ids, ANONYMOUS.name],
        );
        // Free text on terminations may hold health details.
        await m.query(
          `UPDATE terminations SET note = NULL, justification = NULL, decision_reason = NULL WHERE contract_id = ANY($1)`,
          [ids],
        );
        await m.query(
          `UPDATE termination_evidence SET content = NULL, file_name = '[erased]', erased_at = now()
           WHERE termination_id IN (SELECT id FROM terminations WHERE contract_id = ANY($1)) AND erased_at IS NULL`,
          [ids],
        );
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
      const n = await this.db.transaction(async (m) => {
        const due = await sql<{ id: string }>(
          m,
          `SELECT id FROM cases
           WHERE anonymised_at IS NULL AND closed_on IS NOT NULL AND closed_on <= $1 AND status = ANY($2) AND NOT legal_hold
             AND NOT EXISTS (SELECT 1 FROM case_objections o WHERE o.case_id = cases.id AND o.decided_on IS NULL)
           ORDER BY closed_on LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [before, CLOSED_STATUSES, ANONYMISE_BATCH],
        );
        if (due.length === 0) return 0;
        const ids = due.map((r) => r.id);
        await m.query(
          `UPDATE cases SET student_name = $2, student_email = 'anon-' || id || '@invalid', student_phone = NULL,
             subject = $3, description = $3, desired_outcome = NULL, escalation_reason = NULL, pause_reason = NULL,
             extension_reason = NULL, decision_summary = CASE WHEN decision_summary IS NULL THEN NULL ELSE $3 END,
             anonymised_at = now(), version = version + 1, updated_at = now()
           WHERE id = ANY($1)`,
          [ids, ANONYMOUS.name, ANONYMOUS.text],
        );
        // The timeline is append-only; this is the one sanctioned rewrite, scoped to this transaction.
        await m.query(`SELECT set_config('bow.allow_event_rewrite', 'on', true)`);
        await m.query(
          `UPDATE case_events SET data = '{}'::jsonb, actor_name = NULL WHERE case_id = ANY($1) AND (kind = ANY($2) OR actor_type = 'student')`,
          [ids, TEXT_EVENT_KINDS],
        );
        await m.query(`SELECT set_config('bow.allow_event_rewrite', 'off', true)`);
        await m.query(
          `UPDATE outbox SET recipient = 'anon-' || case_id || '@invalid', data = '{}'::jsonb, secret = NULL WHERE case_id = ANY($1)`,
          [ids],
        );
        await m.query(`DELETE FROM access_links WHERE case_id = ANY($1)`, [ids]);
        await m.query(
          `UPDATE case_objections SET note = NULL, decision_note = NULL WHERE case_id = ANY($1)`,
          [ids],
        );
        return ids.length;
      });
      anonymised += n;
      if (n < ANONYMISE_BATCH) break;
    }
    return { anonymised };
  }
}
