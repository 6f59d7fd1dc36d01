import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../database/sql.js';
import type { CreateSchoolBody } from './schools.dto.js';

export interface School {
  id: string;
  name: string;
  city: string;
  complaintsEmail: string;
  qualityMark: string;
  complaintsRegulationUrl: string | null;
  regulationCheckedOn: string | null;
  createdAt: Date;
}

const COLUMNS = `id, name, city, complaints_email AS "complaintsEmail", quality_mark AS "qualityMark",
  complaints_regulation_url AS "complaintsRegulationUrl", to_char(regulation_checked_on, 'YYYY-MM-DD') AS "regulationCheckedOn",
  created_at AS "createdAt"`;

@Injectable()
export class SchoolsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: EntityManager, b: CreateSchoolBody): Promise<School> {
    const [row] = await m.query(
      `INSERT INTO schools (name, city, complaints_email, quality_mark, complaints_regulation_url, regulation_checked_on)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        b.name,
        b.city,
        b.complaintsEmail,
        b.qualityMark,
        b.complaintsRegulationUrl,
        b.regulationCheckedOn ?? null,
      ],
    );
    return row;
  }

  async find(id: string, m: EntityManager | DataSource = this.db): Promise<School | null> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM schools WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async search(q: string | undefined, limit: number): Promise<School[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM schools WHERE ($1::text IS NULL OR name ILIKE '%' || $1 || '%' OR city ILIKE '%' || $1 || '%')
       ORDER BY lower(name), id LIMIT $2`,
      [q ? q.replace(/[%_\\]/g, (c) => `\\${c}`) : null, limit],
    );
  }

  async addHistory(
    m: EntityManager,
    schoolId: string,
    status: string,
    effectiveOn: string,
    reason: string,
    by: string | null,
  ) {
    await m.query(
      `INSERT INTO quality_mark_history (school_id, status, effective_on, reason, recorded_by) VALUES ($1, $2, $3, $4, $5)`,
      [schoolId, status, effectiveOn, reason, by],
    );
  }

  /** The school, locked until the transaction ends: serialises changes of its quality mark. */
  async findForUpdate(m: EntityManager, id: string): Promise<School | null> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM schools WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /**
   * The mark in force is the latest decision recorded that has taken effect by `today`: a
   * backdated withdrawal counts at once, a future one waits for its date.
   */
  async refreshQualityMark(m: EntityManager, schoolId: string, today: string): Promise<School> {
    const rows = await sql<School>(
      m,
      `UPDATE schools SET quality_mark = COALESCE((SELECT status FROM quality_mark_history WHERE school_id = $1 AND effective_on <= $2
         ORDER BY id DESC LIMIT 1), quality_mark), version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [schoolId, today],
    );
    return rows[0];
  }

  /** The history in the order it was recorded (the last recorded entry in effect wins: qualityMarkOn). */
  async historyAsRecorded(
    schoolId: string,
    m: EntityManager | DataSource = this.db,
  ): Promise<{ status: string; effectiveOn: string }[]> {
    return m.query(
      `SELECT status, to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn" FROM quality_mark_history WHERE school_id = $1 ORDER BY id`,
      [schoolId],
    );
  }

  /** Inside a transaction pass its manager: a second pool connection per request can exhaust the pool. */
  async history(schoolId: string, m: EntityManager | DataSource = this.db) {
    return m.query(
      `SELECT status, to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", reason, recorded_at AS "recordedAt"
       FROM quality_mark_history WHERE school_id = $1 ORDER BY effective_on, id`,
      [schoolId],
    );
  }
}
