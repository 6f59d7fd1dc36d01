import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { hashPassword } from './passwords.js';
import { UsersRepository } from './users.repository.js';

/** A fresh install creates its first admin from ADMIN_EMAIL and ADMIN_PASSWORD when no user exists yet. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');
  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (!adminEmail || !adminPassword) return;
    const hash = await hashPassword(adminPassword);
    // Only when the table is empty; two processes starting together insert at most one.
    if (await this.users.insertFirstAdmin(adminEmail, hash)) this.logger.log({ msg: 'first admin created' });
  }
}
