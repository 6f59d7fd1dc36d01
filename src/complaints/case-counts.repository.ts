import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The start page's figures, read from `case_counts` (kept by triggers on `cases`, see the
 * CaseCounts migration): a few thousand rows whatever the number of cases.
 */
@Injectable()
export class CaseCountsRepository {
  constructor(private readonly db: DataSource) {}

  /** Open cases per status (stage), every case type together. */
  perStatus(): Promise<{ status: string; n: number }[]> {
    return this.db.query(
      `SELECT status, sum(n)::int AS n FROM case_counts WHERE open GROUP BY status HAVING sum(n) > 0 ORDER BY status`,
    );
  }

  /** The schools with the most open cases. */
  perSchool(limit = 20): Promise<{ schoolId: string; schoolName: string; n: number }[]> {
    return this.db.query(
      `SELECT s.id AS "schoolId", s.name AS "schoolName", k.n
       FROM (SELECT school_id, sum(n)::int AS n FROM case_counts WHERE open AND school_id IS NOT NULL GROUP BY school_id HAVING sum(n) > 0) k
       JOIN schools s ON s.id = k.school_id
       ORDER BY k.n DESC, s.name LIMIT $1`,
      [limit],
    );
  }
}
