import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql, type Queryable } from '../database/sql.js';
import type { StaffUser } from './users.repository.js';

export interface LiveSessionRow extends StaffUser {
  csrfToken: string;
  mfaEnrollmentRequired: boolean;
}

/** Staff sessions (`staff_sessions`), stored by the hash of their cookie token. Thin: SQL only, no rules. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    tokenHash: Buffer,
    userId: string,
    csrfToken: string,
    mfaEnrollmentRequired: boolean,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO staff_sessions (token_hash, user_id, csrf_token, mfa_enrollment_required) VALUES ($1, $2, $3, $4)`,
      [tokenHash, userId, csrfToken, mfaEnrollmentRequired],
    );
  }

  async clearEnrollment(tokenHash: Buffer): Promise<void> {
    await this.db.query(`UPDATE staff_sessions SET mfa_enrollment_required = false WHERE token_hash = $1`, [
      tokenHash,
    ]);
  }

  /**
   * The session of an active user that was seen within `idleMinutes` and made within
   * `absoluteHours`, with its idle timer touched in the same statement; null otherwise.
   */
  async touchLive(
    tokenHash: Buffer,
    idleMinutes: number,
    absoluteHours: number,
  ): Promise<LiveSessionRow | null> {
    const rows = await sql<LiveSessionRow>(
      this.db,
      `UPDATE staff_sessions s SET last_seen_at = now()
       FROM staff_users u
       WHERE s.token_hash = $1 AND u.id = s.user_id AND u.active
         AND s.last_seen_at > now() - make_interval(mins => $2)
         AND s.created_at > now() - make_interval(hours => $3)
       RETURNING u.id, u.email, u.name, u.roles, u.language, u.active, s.csrf_token AS "csrfToken",
         s.mfa_enrollment_required AS "mfaEnrollmentRequired"`,
      [tokenHash, idleMinutes, absoluteHours],
    );
    return rows[0] ?? null;
  }

  async delete(tokenHash: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE token_hash = $1`, [tokenHash]);
  }

  /** Every session of the user; inside the caller's transaction when `m` is its manager. */
  async deleteAllFor(userId: string, m: Queryable = this.db): Promise<void> {
    await m.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
  }

  /** Every session of the user but one. */
  async deleteOthers(userId: string, keep: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE user_id = $1 AND token_hash <> $2`, [userId, keep]);
  }
}
