import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normaliseEmail } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { hashPassword } from './passwords.js';

/** A fresh install creates its first admin from ADMIN_EMAIL and ADMIN_PASSWORD when no user exists yet. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (!adminEmail || !adminPassword) return;
    const hash = await hashPassword(adminPassword);
    // Only when the table is empty; two processes starting together insert at most one.
    const rows = await this.db.query(
      `INSERT INTO staff_users (email, name, password_hash, roles)
       SELECT $1, 'Administrator', $2, ARRAY['admin','supervisor']
       WHERE NOT EXISTS (SELECT 1 FROM staff_users) ON CONFLICT DO NOTHING RETURNING id`,
      [normaliseEmail(adminEmail), hash],
    );
    if (rows.length) this.logger.log({ msg: 'first admin created' });
  }
}
