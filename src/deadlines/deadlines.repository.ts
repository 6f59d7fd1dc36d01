import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DeadlineExplanation } from '../calendar/calendar.rules.js';
import { sql } from '../database/sql.js';
import type { ReminderKind } from './deadlines.rules.js';

export type DeadlineStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

export interface DeadlineRow {
  id: string;
  caseId: string;
  kind: string;
  dueOn: string;
  explanation: DeadlineExplanation;
  status: DeadlineStatus;
}

export interface ReminderRow {
  id: string;
  deadlineId: string;
  kind: ReminderKind;
  fireAt: Date;
  status: 'pending' | 'sent' | 'skipped' | 'cancelled';
}

const DEADLINE_COLUMNS = `id::text, case_id AS "caseId", kind, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", explanation, status`;

@Injectable()
export class DeadlinesRepository {
  constructor(private readonly db: DataSource) {}

  async upsert(
    m: EntityManager,
    caseId: string,
    kind: string,
    explanation: DeadlineExplanation,
    status: DeadlineStatus,
  ): Promise<DeadlineRow> {
    const [row] = await m.query(
      `INSERT INTO deadlines (case_id, kind, due_on, explanation, status) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, kind) DO UPDATE SET due_on = EXCLUDED.due_on, explanation = EXCLUDED.explanation,
         status = EXCLUDED.status, updated_at = now(), closed_at = NULL
       RETURNING ${DEADLINE_COLUMNS}`,
      [caseId, kind, explanation.deadline, JSON.stringify(explanation), status],
    );
    return row;
  }

  async find(m: EntityManager | DataSource, caseId: string, kind: string): Promise<DeadlineRow | null> {
    const rows = await m.query(`SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE case_id = $1 AND kind = $2`, [
      caseId,
      kind,
    ]);
    return rows[0] ?? null;
  }

  async findById(m: EntityManager | DataSource, id: string): Promise<DeadlineRow | null> {
    const rows = await m.query(`SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async forCase(caseId: string): Promise<DeadlineRow[]> {
    return this.db.query(
      `SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE case_id = $1 ORDER BY deadlines.id`,
      [caseId],
    );
  }

  async setStatus(
    m: EntityManager,
    id: string,
    status: DeadlineStatus,
    from: DeadlineStatus[],
  ): Promise<boolean> {
    const rows = await sql(
      m,
      `UPDATE deadlines SET status = $2, updated_at = now(), closed_at = CASE WHEN $2 IN ('met','breached','cancelled') THEN now() END
       WHERE id = $1 AND status = ANY($3) RETURNING id`,
      [id, status, from],
    );
    return rows.length > 0;
  }

  /**
   * Running and paused deadlines whose counting window may contain `date` (counted from on or
   * before it, due at most a week before it), with their pending reminders; locked for update.
   */
  async openAround(
    m: EntityManager,
    date: string,
  ): Promise<(DeadlineRow & { reminders: { kind: ReminderKind }[] })[]> {
    return sql<DeadlineRow & { reminders: { kind: ReminderKind }[] }>(
      m,
      `SELECT d.id::text, d.case_id AS "caseId", d.kind, to_char(d.due_on, 'YYYY-MM-DD') AS "dueOn", d.explanation, d.status,
         coalesce((SELECT json_agg(json_build_object('kind', r.kind)) FROM reminders r WHERE r.deadline_id = d.id AND r.status = 'pending'), '[]') AS reminders
       FROM deadlines d
       WHERE d.status IN ('running','paused') AND (d.explanation->>'from')::date <= $1 AND d.due_on >= $1::date - 7
       ORDER BY d.id FOR UPDATE`,
      [date],
    );
  }

  /** The school stage's deadline, kept on the case for lists and the school's page. */
  async setCaseSchoolDeadline(m: EntityManager, caseId: string, dueOn: string): Promise<void> {
    await m.query(`UPDATE cases SET school_deadline = $2 WHERE id = $1`, [caseId, dueOn]);
  }

  /** Keeps the case's sort key (its nearest open deadline) in step with its deadlines. */
  async refreshCaseDue(m: EntityManager, caseId: string): Promise<void> {
    await m.query(
      `UPDATE cases SET next_due_on = coalesce(
         (SELECT min(due_on) FROM deadlines WHERE case_id = $1 AND status IN ('running','paused')), '9999-12-31')
       WHERE id = $1`,
      [caseId],
    );
  }

  /**
   * Inserts or moves a reminder. One already sent stays sent while its time is the same (never
   * twice for one due date); when the deadline moved (extension, pause, closure day) it is due again.
   */
  async upsertReminder(
    m: EntityManager,
    deadlineId: string,
    kind: ReminderKind,
    fireAt: Date,
    status: 'pending' | 'skipped',
  ): Promise<ReminderRow> {
    const [row] = await m.query(
      `INSERT INTO reminders (deadline_id, kind, fire_at, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (deadline_id, kind) DO UPDATE SET fire_at = EXCLUDED.fire_at,
         status = CASE WHEN reminders.status = 'sent' AND reminders.fire_at = EXCLUDED.fire_at THEN 'sent' ELSE EXCLUDED.status END,
         late = CASE WHEN reminders.fire_at = EXCLUDED.fire_at THEN reminders.late ELSE false END
       RETURNING id::text, deadline_id::text AS "deadlineId", kind, fire_at AS "fireAt", status`,
      [deadlineId, kind, fireAt, status],
    );
    return row;
  }

  async cancelReminders(m: EntityManager, deadlineId: string): Promise<void> {
    await m.query(`UPDATE reminders SET status = 'cancelled' WHERE deadline_id = $1 AND status = 'pending'`, [
      deadlineId,
    ]);
  }

  async findReminder(id: string): Promise<ReminderRow | null> {
    const rows = await this.db.query(
      `SELECT id::text, deadline_id::text AS "deadlineId", kind, fire_at AS "fireAt", status FROM reminders WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Claims a due reminder inside a transaction; only one claimer wins. */
  async claimReminder(m: EntityManager, id: string, late: boolean): Promise<boolean> {
    const rows = await sql(
      m,
      `UPDATE reminders SET status = 'sent', sent_at = now(), late = $2 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, late],
    );
    return rows.length > 0;
  }

  /**
   * Pending reminders of running deadlines, in pages, for the reconciler. Written with the
   * deadline as a per-row test (not a join), so the page walks reminders_pending_id_idx in id
   * order and stops after `limit`: the planner cannot know that most pending reminders belong to
   * running deadlines, and as a join it would read all of both for every page.
   */
  async pendingReminders(
    afterId: string,
    limit: number,
    dueBefore?: Date,
  ): Promise<{ id: string; fireAt: Date }[]> {
    return this.db.query(
      `SELECT r.id::text, r.fire_at AS "fireAt" FROM reminders r
       WHERE r.status = 'pending' AND r.id > $1 ${dueBefore ? 'AND r.fire_at < $3' : ''}
         AND (SELECT d.status = 'running' FROM deadlines d WHERE d.id = r.deadline_id)
       ORDER BY r.id LIMIT $2`,
      dueBefore ? [afterId, limit, dueBefore] : [afterId, limit],
    );
  }
}
