import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PER_STATUS = `SELECT status, sum(n)::int AS n FROM case_counts WHERE open GROUP BY status HAVING sum(n) > 0`;
const PER_SCHOOL = `SELECT s.id AS "schoolId", s.name AS "schoolName", k.n
  FROM (SELECT school_id, sum(n)::int AS n FROM case_counts WHERE open AND school_id IS NOT NULL GROUP BY school_id HAVING sum(n) > 0) k
  JOIN schools s ON s.id = k.school_id
  ORDER BY k.n DESC, s.name LIMIT $1`;

/**
 * The start page's figures, read from `case_counts` (kept by triggers on `cases`, see the
 * CaseCounts migration): a few thousand rows whatever the number of cases.
 */
@Injectable()
export class CaseCountsRepository {
  constructor(private readonly db: DataSource) {}

  /** Both figures of the start page in one round trip. */
  async startPage(limit = 20): Promise<{
    perStatus: { status: string; n: number }[];
    perSchool: { schoolId: string; schoolName: string; n: number }[];
  }> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT coalesce(json_agg(x ORDER BY x.status), '[]') FROM (${PER_STATUS}) x) AS "perStatus",
         (SELECT coalesce(json_agg(y ORDER BY y.n DESC, y."schoolName"), '[]') FROM (${PER_SCHOOL}) y) AS "perSchool"`,
      [limit],
    );
    return row;
  }

  /** Open cases per status (stage), every case type together. */
  perStatus(): Promise<{ status: string; n: number }[]> {
    return this.db.query(`${PER_STATUS} ORDER BY status`);
  }

  /** The schools with the most open cases. */
  perSchool(limit = 20): Promise<{ schoolId: string; schoolName: string; n: number }[]> {
    return this.db.query(PER_SCHOOL, [limit]);
  }
}
