import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sql } from '../database/sql.js';
import type { StaffUser } from './users.repository.js';

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
  tokenHash: Buffer;
  /** Signed in, but the role requires a second factor that is not set up yet. */
  mfaEnrollmentRequired: boolean;
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

  async create(
    userId: string,
    opts: { mfaEnrollmentRequired?: boolean } = {},
  ): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    await this.db.query(
      `INSERT INTO staff_sessions (token_hash, user_id, csrf_token, mfa_enrollment_required) VALUES ($1, $2, $3, $4)`,
      [sha256(token), userId, csrfToken, opts.mfaEnrollmentRequired ?? false],
    );
    return { token, csrfToken };
  }

  /** The second factor is set up: this session may do everything its roles allow. */
  async clearEnrollment(tokenHash: Buffer): Promise<void> {
    await this.db.query(`UPDATE staff_sessions SET mfa_enrollment_required = false WHERE token_hash = $1`, [
      tokenHash,
    ]);
  }

  /** Ends every session of the user except one. */
  async destroyOthers(userId: string, keep: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE user_id = $1 AND token_hash <> $2`, [userId, keep]);
  }

  /** The live session for a cookie token, touching its idle timer; null when unknown or expired. */
  async resolve(token: string): Promise<StaffSession | null> {
    const hash = sha256(token);
    const rows = await sql<StaffUser & { csrfToken: string; mfaEnrollmentRequired: boolean }>(
      this.db,
      `UPDATE staff_sessions s SET last_seen_at = now()
       FROM staff_users u
       WHERE s.token_hash = $1 AND u.id = s.user_id AND u.active
         AND s.last_seen_at > now() - make_interval(mins => $2)
         AND s.created_at > now() - make_interval(hours => $3)
       RETURNING u.id, u.email, u.name, u.roles, u.language, u.active, s.csrf_token AS "csrfToken",
         s.mfa_enrollment_required AS "mfaEnrollmentRequired"`,
      [hash, this.config.auth.idleMinutes, this.config.auth.absoluteHours],
    );
    const r = rows[0];
    if (!r) return null;
    const { csrfToken, mfaEnrollmentRequired, ...user } = r;
    return { user, csrfToken, tokenHash: hash, mfaEnrollmentRequired };
  }

  /** The session cookie: HttpOnly, SameSite=Lax, Secure outside development and tests. */
  setCookie(reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.env === 'production',
    });
  }

  async destroy(tokenHash: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE token_hash = $1`, [tokenHash]);
  }

  async destroyAllFor(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
  }
}
