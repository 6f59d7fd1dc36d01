import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type LinkPurpose = 'student' | 'school';

/** Private links (`access_links`), stored by the SHA-256 of their token. Thin: SQL only, no rules. */
@Injectable()
export class AccessLinksRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    m: EntityManager,
    caseId: string,
    purpose: LinkPurpose,
    tokenHash: Buffer,
    days: number,
  ): Promise<void> {
    await m.query(
      `INSERT INTO access_links (case_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [caseId, purpose, tokenHash, days],
    );
  }

  async revokeAll(m: EntityManager, caseId: string, purpose: LinkPurpose): Promise<void> {
    await m.query(
      `UPDATE access_links SET revoked_at = now() WHERE case_id = $1 AND purpose = $2 AND revoked_at IS NULL`,
      [caseId, purpose],
    );
  }

  /** Revokes the live links of the case for this purpose made before the link with hash `keepHash`. */
  async revokeOlderThan(caseId: string, purpose: LinkPurpose, keepHash: Buffer): Promise<void> {
    await this.db.query(
      `UPDATE access_links SET revoked_at = now()
       WHERE case_id = $1 AND purpose = $2 AND revoked_at IS NULL
         AND id < (SELECT id FROM access_links WHERE token_hash = $3 AND case_id = $1)`,
      [caseId, purpose, keepHash],
    );
  }

  async revoke(m: EntityManager, tokenHash: Buffer): Promise<void> {
    await m.query(`UPDATE access_links SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [
      tokenHash,
    ]);
  }

  /** The case id of a live (unrevoked, unexpired) link, or null. */
  async liveCaseId(tokenHash: Buffer, purpose: LinkPurpose): Promise<string | null> {
    const rows: { caseId: string }[] = await this.db.query(
      `SELECT case_id AS "caseId" FROM access_links WHERE token_hash = $1 AND purpose = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [tokenHash, purpose],
    );
    return rows[0]?.caseId ?? null;
  }
}
