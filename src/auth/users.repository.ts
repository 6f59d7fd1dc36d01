import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { normaliseEmail } from '../common/validation.js';
import { sql } from '../database/sql.js';

export interface UserChanges {
  name?: string;
  roles?: string[];
  language?: 'nl' | 'en';
  active?: boolean;
}

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  language: 'nl' | 'en';
  active: boolean;
}

const COLUMNS = `id, email, name, roles, language, active`;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async findByEmailWithHash(email: string): Promise<(StaffUser & { passwordHash: string }) | null> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM staff_users WHERE email = $1`,
      [normaliseEmail(email)],
    );
    return rows[0] ?? null;
  }

  /** The user and their password hash, by id: the signed-in user's own hash, whatever their address. */
  async findByIdWithHash(id: string): Promise<(StaffUser & { passwordHash: string }) | null> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM staff_users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<StaffUser | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM staff_users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The user's own language setting; the console follows it everywhere. */
  async setLanguage(id: string, language: 'nl' | 'en'): Promise<void> {
    await this.db.query(`UPDATE staff_users SET language = $2 WHERE id = $1`, [id, language]);
  }

  async count(): Promise<number> {
    const [r] = await this.db.query(`SELECT count(*)::int AS n FROM staff_users`);
    return r.n;
  }

  async insert(
    m: EntityManager | DataSource,
    u: { email: string; name: string; passwordHash: string; roles: string[]; language?: string },
  ): Promise<StaffUser> {
    const [row] = await m.query(
      `INSERT INTO staff_users (email, name, password_hash, roles, language) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [normaliseEmail(u.email), u.name, u.passwordHash, u.roles, u.language ?? 'nl'],
    );
    return row;
  }

  async withRole(role: string): Promise<StaffUser[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM staff_users WHERE $1 = ANY(roles) AND active ORDER BY name`,
      [role],
    );
  }

  async list(): Promise<StaffUser[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM staff_users ORDER BY name`);
  }

  /** Sets the fields given (the others keep their value); null when there is no such user. */
  async update(m: EntityManager, id: string, changes: UserChanges): Promise<StaffUser | null> {
    const rows = await sql<StaffUser>(
      m,
      `UPDATE staff_users SET name = COALESCE($2, name), roles = COALESCE($3, roles), language = COALESCE($4, language),
         active = COALESCE($5, active) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.name ?? null, changes.roles ?? null, changes.language ?? null, changes.active ?? null],
    );
    return rows[0] ?? null;
  }

  async setPasswordHash(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    await m.query(`UPDATE staff_users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** The first admin, only while the table is empty (two processes starting together insert at most one). */
  async insertFirstAdmin(email: string, passwordHash: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO staff_users (email, name, password_hash, roles)
       SELECT $1, 'Administrator', $2, ARRAY['admin','supervisor']
       WHERE NOT EXISTS (SELECT 1 FROM staff_users) ON CONFLICT DO NOTHING RETURNING id`,
      [normaliseEmail(email), passwordHash],
    );
    return rows.length > 0;
  }

  // ---------------------------------------------------------------- second factor (sealed secrets)

  /** The sealed TOTP secret in use and the one being set up. */
  async totpSecrets(id: string): Promise<{ secret: string | null; pending: string | null }> {
    const [row] = await sql<{ secret: string | null; pending: string | null }>(
      this.db,
      `SELECT totp_secret AS secret, totp_pending AS pending FROM staff_users WHERE id = $1`,
      [id],
    );
    return row ?? { secret: null, pending: null };
  }

  /** Claims a TOTP time step: true only when it is later than the last one claimed (one statement). */
  async claimTotpStep(id: string, step: number): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE staff_users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
      [id, step],
    );
    return rows.length === 1;
  }

  /** Removes a recovery code by its hash: true only when the user had it (one statement). */
  async takeRecoveryCode(id: string, codeHash: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE staff_users SET recovery_codes = recovery_codes - $2 WHERE id = $1 AND recovery_codes ? $2 RETURNING id`,
      [id, codeHash],
    );
    return rows.length === 1;
  }

  async setTotpPending(id: string, sealedSecret: string): Promise<void> {
    await this.db.query(`UPDATE staff_users SET totp_pending = $2 WHERE id = $1`, [id, sealedSecret]);
  }

  /** The pending secret becomes the one in use, with new recovery codes; `step` counts as used. */
  async confirmTotp(id: string, recoveryCodeHashes: string[], step: number): Promise<void> {
    await this.db.query(
      `UPDATE staff_users SET totp_secret = totp_pending, totp_pending = NULL, recovery_codes = $2, totp_last_step = $3 WHERE id = $1`,
      [id, JSON.stringify(recoveryCodeHashes), step],
    );
  }

  async clearTotp(id: string): Promise<void> {
    await this.db.query(
      `UPDATE staff_users SET totp_secret = NULL, totp_pending = NULL, recovery_codes = '[]'::jsonb, totp_last_step = NULL WHERE id = $1`,
      [id],
    );
  }
}
