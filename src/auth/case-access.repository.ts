import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the case access check needs to know of a case, by its reference. Thin: SQL only. */
@Injectable()
export class CaseAccessRepository {
  constructor(private readonly db: DataSource) {}

  async byReference(reference: string): Promise<{ assigneeId: string | null; status: string } | null> {
    const rows: { assigneeId: string | null; status: string }[] = await this.db.query(
      `SELECT assignee_id AS "assigneeId", status FROM cases WHERE reference = upper($1)`,
      [reference],
    );
    return rows[0] ?? null;
  }
}
