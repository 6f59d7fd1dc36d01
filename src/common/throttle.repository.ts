import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql.js';

/**
 * Counters in a fixed window that starts at the first hit, kept in Postgres (`auth_throttle`) so
 * that every api process shares them: the sign-in throttle (`auth/throttle.service.ts`) and the
 * public-form rate limit (`rate-limit.ts`) count through the one statement here.
 */
@Injectable()
export class ThrottleRepository {
  constructor(private readonly db: DataSource) {}

  /** Counts one hit on `key` in one atomic statement: the count in the current window and the seconds it has left. */
  async hit(key: string, windowSeconds: number): Promise<{ count: number; retryAfter: number }> {
    const [row] = await sql<{ count: number; retryAfter: number }>(
      this.db,
      `INSERT INTO auth_throttle (key, window_start, failures) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_start > now() - make_interval(secs => $2) THEN auth_throttle.failures + 1 ELSE 1 END,
         window_start = CASE WHEN auth_throttle.window_start > now() - make_interval(secs => $2) THEN auth_throttle.window_start ELSE now() END
       RETURNING failures AS count, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS "retryAfter"`,
      [key, windowSeconds],
    );
    return row;
  }

  /** Forgets a key's count. */
  async clear(key: string): Promise<void> {
    await this.db.query(`DELETE FROM auth_throttle WHERE key = $1`, [key]);
  }

  /** Takes one hit back. */
  async takeBack(key: string): Promise<void> {
    await this.db.query(`UPDATE auth_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1`, [
      key,
    ]);
  }

  /** Deletes counters whose window started over a day ago (retention's daily run). */
  async deleteStale(): Promise<void> {
    await this.db.query(`DELETE FROM auth_throttle WHERE window_start < now() - interval '1 day'`);
  }
}
