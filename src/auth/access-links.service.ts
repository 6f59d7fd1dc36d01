import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { randomToken, sha256 } from './sessions.service.js';

/**
 * Private links for students (and later schools): an unguessable token in the URL, only its
 * SHA-256 stored, with an expiry. A link opens its own case and nothing else.
 */
@Injectable()
export class AccessLinksService {
  constructor(private readonly db: DataSource) {}

  async create(
    m: EntityManager,
    caseId: string,
    purpose: 'student' | 'school',
    days: number,
  ): Promise<string> {
    const token = randomToken(32);
    await m.query(
      `INSERT INTO access_links (case_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [caseId, purpose, sha256(token), days],
    );
    return token;
  }

  async revokeAll(m: EntityManager, caseId: string, purpose: 'student' | 'school'): Promise<void> {
    await m.query(
      `UPDATE access_links SET revoked_at = now() WHERE case_id = $1 AND purpose = $2 AND revoked_at IS NULL`,
      [caseId, purpose],
    );
  }

  /**
   * The live links of the case for this purpose made before `keep` stop working: its email was
   * sent, so it replaces them. Links made after it (a newer request) are left alone.
   */
  async revokeOlderThan(caseId: string, purpose: 'student' | 'school', keep: string): Promise<void> {
    await this.db.query(
      `UPDATE access_links SET revoked_at = now()
       WHERE case_id = $1 AND purpose = $2 AND revoked_at IS NULL
         AND id < (SELECT id FROM access_links WHERE token_hash = $3 AND case_id = $1)`,
      [caseId, purpose, sha256(keep)],
    );
  }

  /** One link stops working (a link made for an email that was then not sent). */
  async revoke(m: EntityManager, token: string): Promise<void> {
    await m.query(`UPDATE access_links SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [
      sha256(token),
    ]);
  }

  /** The case id a live link opens, or null (unknown, expired or revoked: the caller cannot tell which). */
  async resolve(token: string, purpose: 'student' | 'school'): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const rows = await this.db.query(
      `SELECT case_id AS "caseId" FROM access_links WHERE token_hash = $1 AND purpose = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [sha256(token), purpose],
    );
    return rows[0]?.caseId ?? null;
  }
}
