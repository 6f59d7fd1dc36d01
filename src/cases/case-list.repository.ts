import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { caseVisibilitySql, type Viewer } from '../auth/access.rules.js';
import type { ListItem } from './cases.repository.js';

const ITEM = `c.id, c.type, c.reference, c.status, c.school_id AS "schoolId", s.name AS "schoolName",
  c.assignee_id AS "assigneeId", u.name AS "assigneeName", c.subject, to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn",
  CASE WHEN c.next_due_on = '9999-12-31' THEN NULL ELSE to_char(c.next_due_on, 'YYYY-MM-DD') END AS "nextDueOn"`;
const FROM = `FROM cases c LEFT JOIN schools s ON s.id = c.school_id LEFT JOIN staff_users u ON u.id = c.assignee_id`;

/**
 * The short case lists of the console's start page (the user's own, due soon, overdue, schools
 * that let their deadline pass) and case references by id. Thin: no rules here. Each list is
 * bounded and ordered by an index.
 */
@Injectable()
export class CaseListRepository {
  constructor(private readonly db: DataSource) {}

  myCases(userId: string, limit = 20): Promise<ListItem[]> {
    return this.db.query(
      `SELECT ${ITEM} ${FROM} WHERE c.assignee_id = $1 AND c.open ORDER BY c.next_due_on, c.id LIMIT $2`,
      [userId, limit],
    );
  }

  /** Open cases the viewer may see whose nearest deadline lies in [from, to]. */
  dueBetween(viewer: Viewer, from: string, to: string, limit = 20): Promise<ListItem[]> {
    return this.openVisible(viewer, `c.next_due_on BETWEEN $2 AND $3`, [from, to], limit);
  }

  overdue(viewer: Viewer, today: string, limit = 20): Promise<ListItem[]> {
    return this.openVisible(viewer, `c.next_due_on < $2`, [today], limit);
  }

  /** Open cases the viewer may see that meet `condition` (parameters from $2), nearest deadline first. */
  private openVisible(
    viewer: Viewer,
    condition: string,
    values: unknown[],
    limit: number,
  ): Promise<ListItem[]> {
    const params: unknown[] = [limit, ...values];
    const visible = caseVisibilitySql(viewer, (v) => `$${params.push(v)}`);
    return this.db.query(
      `SELECT ${ITEM} ${FROM} WHERE c.open AND ${condition} ${visible ? `AND ${visible}` : ''}
       ORDER BY c.next_due_on, c.id LIMIT $1`,
      params,
    );
  }

  /**
   * Schools that let their six weeks pass in the last year: school-stage deadlines breached, or
   * running past their last day. Bounded to a year so it reads a window, not all history.
   */
  schoolBreaches(today: string, limit = 20): Promise<{ schoolId: string; schoolName: string; n: number }[]> {
    return this.db.query(
      `SELECT s.id AS "schoolId", s.name AS "schoolName", count(*)::int AS n
       FROM deadlines d JOIN cases c ON c.id = d.case_id JOIN schools s ON s.id = c.school_id
       WHERE d.kind = 'school_stage' AND d.due_on >= $1::date - 365
         AND (d.status = 'breached' OR (d.status IN ('running','paused') AND d.due_on < $1))
       GROUP BY s.id, s.name ORDER BY n DESC, s.name LIMIT $2`,
      [today, limit],
    );
  }

  /** Case references by id (for the failed-email list). */
  async references(caseIds: string[]): Promise<Map<string, string>> {
    if (!caseIds.length) return new Map();
    const rows: { id: string; reference: string }[] = await this.db.query(
      `SELECT id, reference FROM cases WHERE id = ANY($1::uuid[])`,
      [[...new Set(caseIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.reference]));
  }
}
