import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SessionsRepository } from './sessions.repository.js';
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
    private readonly repo: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    userId: string,
    opts: { mfaEnrollmentRequired?: boolean } = {},
  ): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    await this.repo.insert(sha256(token), userId, csrfToken, opts.mfaEnrollmentRequired ?? false);
    return { token, csrfToken };
  }

  /** The second factor is set up: this session may do everything its roles allow. */
  async clearEnrollment(tokenHash: Buffer): Promise<void> {
    await this.repo.clearEnrollment(tokenHash);
  }

  /** Ends every session of the user except one. */
  async destroyOthers(userId: string, keep: Buffer): Promise<void> {
    await this.repo.deleteOthers(userId, keep);
  }

  /** The live session for a cookie token, touching its idle timer; null when unknown or expired. */
  async resolve(token: string): Promise<StaffSession | null> {
    const hash = sha256(token);
    const r = await this.repo.touchLive(hash, this.config.auth.idleMinutes, this.config.auth.absoluteHours);
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
    await this.repo.delete(tokenHash);
  }

  /** Ends every session of the user; with `m`, inside that transaction. */
  async destroyAllFor(userId: string, m?: EntityManager): Promise<void> {
    await this.repo.deleteAllFor(userId, m);
  }
}
