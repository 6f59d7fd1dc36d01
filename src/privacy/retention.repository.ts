import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../database/sql.js';

/**
 * The writes of the retention run: claiming the day's run and anonymising due cases and
 * contracts in batches. Thin: SQL only; which rows are due is decided by the dates passed in.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly db: DataSource) {}

  /** Claims the (job, date) run; false when another worker claimed it already. */
  async claimRun(job: string, runOn: string): Promise<boolean> {
    const claimed = await sql(
      this.db,
      `INSERT INTO maintenance_runs (job, run_on) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`,
      [job, runOn],
    );
    return claimed.length > 0;
  }

  async finishRun(job: string, runOn: string, result: unknown): Promise<void> {
    await this.db.query(
      `UPDATE maintenance_runs SET finished_at = now(), data = $3 WHERE job = $1 AND run_on = $2`,
      [job, runOn, JSON.stringify(result)],
    );
  }

  /**
   * Ids of contracts not yet anonymised that ended (or were planned to end) on or before
   * `endedBy` and have no open termination; locked, skipping rows another run holds.
   */
  async dueContracts(m: EntityManager, endedBy: string, limit: number): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      m,
      `SELECT c.id FROM contracts c
       WHERE c.anonymised_at IS NULL AND coalesce(c.ended_on, c.planned_end_date) <= $1
         AND NOT EXISTS (SELECT 1 FROM terminations t WHERE t.contract_id = c.id AND t.status IN ('requested','approved'))
       ORDER BY coalesce(c.ended_on, c.planned_end_date) LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [endedBy, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The student's name and address go from the contracts and from the emails of
   * `studentTemplates` sent to them about the contracts; free text and evidence files on their terminations are erased.
   */
  async anonymiseContracts(
    m: EntityManager,
    ids: readonly string[],
    anonymousName: string,
    studentTemplates: readonly string[],
  ): Promise<void> {
    // The emails first (they carry no case id): they are found by the address that is about to go.
    await m.query(
      `UPDATE outbox o SET recipient = 'anon-' || c.id || '@invalid', data = '{}'::jsonb, secret = NULL
       FROM contracts c WHERE c.id = ANY($1) AND o.case_id IS NULL AND lower(o.recipient) = lower(c.student_email)
         AND o.template = ANY($2)`,
      [ids, studentTemplates],
    );
    await m.query(
      `UPDATE contracts SET student_name = $2, student_email = 'anon-' || id || '@invalid', anonymised_at = now() WHERE id = ANY($1)`,
      [ids, anonymousName],
    );
    await m.query(
      `UPDATE terminations SET note = NULL, justification = NULL, decision_reason = NULL WHERE contract_id = ANY($1)`,
      [ids],
    );
    await m.query(
      `UPDATE termination_evidence SET content = NULL, file_name = '[erased]', erased_at = now()
       WHERE termination_id IN (SELECT id FROM terminations WHERE contract_id = ANY($1)) AND erased_at IS NULL`,
      [ids],
    );
  }

  /**
   * Ids of cases not yet anonymised, closed on or before `closedBy` with one of `statuses`, not
   * on legal hold and without an undecided objection; locked, skipping rows another run holds.
   */
  async dueCases(
    m: EntityManager,
    closedBy: string,
    statuses: readonly string[],
    limit: number,
  ): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      m,
      `SELECT id FROM cases
       WHERE anonymised_at IS NULL AND closed_on IS NOT NULL AND closed_on <= $1 AND status = ANY($2) AND NOT legal_hold
         AND NOT EXISTS (SELECT 1 FROM case_objections o WHERE o.case_id = cases.id AND o.decided_on IS NULL)
       ORDER BY closed_on LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [closedBy, statuses, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Personal data goes from the cases, from their timeline events of the `textEventKinds` and
   * those by the student, from their emails and objections; their private links are deleted.
   */
  async anonymiseCases(
    m: EntityManager,
    ids: readonly string[],
    anonymous: { name: string; text: string },
    textEventKinds: readonly string[],
  ): Promise<void> {
    await m.query(
      `UPDATE cases SET student_name = $2, student_email = 'anon-' || id || '@invalid', student_phone = NULL,
         subject = $3, description = $3, desired_outcome = NULL, escalation_reason = NULL, pause_reason = NULL,
         extension_reason = NULL, decision_summary = CASE WHEN decision_summary IS NULL THEN NULL ELSE $3 END,
         anonymised_at = now(), version = version + 1, updated_at = now()
       WHERE id = ANY($1)`,
      [ids, anonymous.name, anonymous.text],
    );
    // The timeline is append-only; this is the one sanctioned rewrite, scoped to this transaction.
    await m.query(`SELECT set_config('bow.allow_event_rewrite', 'on', true)`);
    await m.query(
      `UPDATE case_events SET data = '{}'::jsonb, actor_name = NULL WHERE case_id = ANY($1) AND (kind = ANY($2) OR actor_type = 'student')`,
      [ids, textEventKinds],
    );
    await m.query(`SELECT set_config('bow.allow_event_rewrite', 'off', true)`);
    await m.query(
      `UPDATE outbox SET recipient = 'anon-' || case_id || '@invalid', data = '{}'::jsonb, secret = NULL WHERE case_id = ANY($1)`,
      [ids],
    );
    await m.query(`DELETE FROM access_links WHERE case_id = ANY($1)`, [ids]);
    await m.query(`UPDATE case_objections SET note = NULL, decision_note = NULL WHERE case_id = ANY($1)`, [
      ids,
    ]);
  }
}
