import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the readiness check asks Postgres. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Whether migrations exist that have not been applied to this database. */
  migrationsPending(): Promise<boolean> {
    return this.db.showMigrations();
  }
}
