import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../database/sql.js';

/** One-time password links (`password_resets`), stored by the hash of their token. Thin: SQL only. */
@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: EntityManager, userId: string, tokenHash: Buffer, minutes: number): Promise<void> {
    await m.query(
      `INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
      [userId, tokenHash, minutes],
    );
  }

  /** An unused, unexpired link of an active user, or null. */
  async findLive(tokenHash: Buffer): Promise<{ id: string; userId: string; email: string } | null> {
    const [row] = await sql<{ id: string; userId: string; email: string }>(
      this.db,
      `SELECT r.id::text, r.user_id AS "userId", u.email FROM password_resets r JOIN staff_users u ON u.id = r.user_id
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.active`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Marks the link used; false when it was used already (one statement, so a link works once). */
  async markUsed(m: EntityManager, id: string): Promise<boolean> {
    const rows = await sql(
      m,
      `UPDATE password_resets SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Marks every unused link of the user used. */
  async voidAllFor(m: EntityManager, userId: string): Promise<void> {
    await m.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      userId,
    ]);
  }
}
