import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql, type Queryable } from '../database/sql.js';
import type { ClosedDay } from './calendar.rules.js';

/** The office closure days the admin added (`closed_days`). Thin: SQL only, no rules. */
@Injectable()
export class ClosedDaysRepository {
  constructor(private readonly db: DataSource) {}

  /** Every closure day, by date; inside a transaction when `m` is its manager. */
  list(m: Queryable = this.db): Promise<ClosedDay[]> {
    return m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, reason, reason_nl AS "reasonNl" FROM closed_days ORDER BY date`,
    );
  }

  /** Keeps a second admin's change waiting until this transaction ends (readers are not held up). */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`LOCK TABLE closed_days IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** False when the date is a closure day already. */
  async insert(
    m: EntityManager,
    day: { date: string; reason: string; reasonNl: string },
    createdBy: string,
  ): Promise<boolean> {
    const rows = await sql(
      m,
      `INSERT INTO closed_days (date, reason, reason_nl, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (date) DO NOTHING RETURNING date`,
      [day.date, day.reason, day.reasonNl, createdBy],
    );
    return rows.length > 0;
  }

  /** False when the date was no closure day. */
  async delete(m: EntityManager, date: string): Promise<boolean> {
    const rows = await sql(m, `DELETE FROM closed_days WHERE date = $1 RETURNING date`, [date]);
    return rows.length > 0;
  }
}
