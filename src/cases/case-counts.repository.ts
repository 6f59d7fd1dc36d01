import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PER_STATUS = `SELECT status, sum(n)::int AS n FROM case_counts_by_status WHERE open GROUP BY status HAVING sum(n) > 0`;
const PER_SCHOOL = `SELECT s.id AS "schoolId", s.name AS "schoolName", k.n
  FROM case_counts_by_school k JOIN schools s ON s.id = k.school_id
  WHERE k.open AND k.n > 0
  ORDER BY k.n DESC, s.name LIMIT $1`;

/**
 * The start page's figures, read from `case_counts_by_status` and `case_counts_by_school` (kept
 * by triggers on `cases` in the same transaction, see the CaseCounts and ListAndCounts
 * migrations): about a hundred rows and one row per school, whatever the number of cases.
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
