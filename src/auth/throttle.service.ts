import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemError } from '../common/problem.js';
import { sql } from '../database/sql.js';

/**
 * Sign-in throttling, kept in Postgres so every api process sees it. Failures are counted per
 * address and per (account, address) pair in a 15-minute window. There is deliberately no limit
 * per account alone: an attacker could use it to lock a jurist out.
 */
export const WINDOW_MINUTES = 15;
export const LIMITS = { address: 30, accountAtAddress: 5 } as const;

@Injectable()
export class ThrottleService {
  constructor(private readonly db: DataSource) {}

  private keys(email: string, ip: string) {
    return [
      { key: `ip:${ip}`, limit: LIMITS.address },
      { key: `acct:${email.toLowerCase()}|ip:${ip}`, limit: LIMITS.accountAtAddress },
    ];
  }

  /** 429 with Retry-After when either key has used up its failures in the current window. */
  async check(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const rows = await sql<{ key: string; failures: number; retryAfter: number }>(
      this.db,
      `SELECT key, failures, ceil(extract(epoch FROM window_start + make_interval(mins => $2) - now()))::int AS "retryAfter"
       FROM auth_throttle WHERE key = ANY($1) AND window_start > now() - make_interval(mins => $2)`,
      [keys.map((k) => k.key), WINDOW_MINUTES],
    );
    for (const k of keys) {
      const row = rows.find((r) => r.key === k.key);
      if (row && row.failures >= k.limit) {
        throw new ProblemError(429, 'Too Many Requests', 'Too many failed sign-ins from here. Wait a few minutes and try again.', 'rate_limited', {
          retryAfter: Math.max(1, row.retryAfter),
        });
      }
    }
  }

  async fail(email: string, ip: string): Promise<void> {
    for (const { key } of this.keys(email, ip)) {
      await this.db.query(
        `INSERT INTO auth_throttle (key, window_start, failures) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN auth_throttle.window_start > now() - make_interval(mins => $2) THEN auth_throttle.failures + 1 ELSE 1 END,
           window_start = CASE WHEN auth_throttle.window_start > now() - make_interval(mins => $2) THEN auth_throttle.window_start ELSE now() END`,
        [key, WINDOW_MINUTES],
      );
    }
  }

  /** A successful sign-in clears the pair's count (not the address's). */
  async succeed(email: string, ip: string): Promise<void> {
    await this.db.query(`DELETE FROM auth_throttle WHERE key = $1`, [`acct:${email.toLowerCase()}|ip:${ip}`]);
  }
}
