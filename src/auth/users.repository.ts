import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { normaliseEmail } from '../common/validation.js';

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
}
