import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ReadLogQuery {
  reference?: string;
  userId?: string;
  limit: number;
}

export interface ReadLogItem {
  at: Date;
  route: string;
  userId: string;
  userName: string;
  reference: string;
}

/** The staff read log (`staff_reads`): who opened which case, on which route. Thin: SQL only. */
@Injectable()
export class ReadsRepository {
  constructor(private readonly db: DataSource) {}

  /** One read of each case with these references (unknown references log nothing). */
  async insert(userId: string, references: readonly string[], route: string): Promise<void> {
    await this.db.query(
      `INSERT INTO staff_reads (user_id, case_id, route)
       SELECT $1, id, $3 FROM cases WHERE reference IN (SELECT upper(r) FROM unnest($2::text[]) r)`,
      [userId, references, route],
    );
  }

  /** Reads, newest first, by case reference or by staff member. */
  async list(q: ReadLogQuery): Promise<ReadLogItem[]> {
    return this.db.query(
      `SELECT r.at, r.route, u.id AS "userId", u.name AS "userName", c.reference
       FROM staff_reads r JOIN staff_users u ON u.id = r.user_id JOIN cases c ON c.id = r.case_id
       WHERE ($1::text IS NULL OR c.reference = upper($1)) AND ($2::uuid IS NULL OR r.user_id = $2)
       ORDER BY r.id DESC LIMIT $3`,
      [q.reference ?? null, q.userId ?? null, q.limit],
    );
  }
}
