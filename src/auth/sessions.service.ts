import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sql } from '../database/sql.js';
import type { StaffUser } from './users.repository.js';

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
  tokenHash: Buffer;
}

export const SESSION_COOKIE = 'bow_session';

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Staff sessions live in Postgres (so a Redis restart signs nobody out). The cookie holds a
 * random token; only its hash is stored. Sessions expire when idle and at an absolute limit.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    await this.db.query(`INSERT INTO staff_sessions (token_hash, user_id, csrf_token) VALUES ($1, $2, $3)`, [
      sha256(token),
      userId,
      csrfToken,
    ]);
    return { token, csrfToken };
  }

  /** The live session for a cookie token, touching its idle timer; null when unknown or expired. */
  async resolve(token: string): Promise<StaffSession | null> {
    const hash = sha256(token);
    const rows = await sql<StaffUser & { csrfToken: string }>(
      this.db,
      `UPDATE staff_sessions s SET last_seen_at = now()
       FROM staff_users u
       WHERE s.token_hash = $1 AND u.id = s.user_id AND u.active
         AND s.last_seen_at > now() - make_interval(mins => $2)
         AND s.created_at > now() - make_interval(hours => $3)
       RETURNING u.id, u.email, u.name, u.roles, u.language, u.active, s.csrf_token AS "csrfToken"`,
      [hash, this.config.auth.idleMinutes, this.config.auth.absoluteHours],
    );
    const r = rows[0];
    if (!r) return null;
    const { csrfToken, ...user } = r;
    return { user, csrfToken, tokenHash: hash };
  }

  async destroy(tokenHash: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE token_hash = $1`, [tokenHash]);
  }

  async destroyAllFor(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
  }
}
