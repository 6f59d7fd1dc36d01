import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { amsterdamDate, addDays } from '../../src/common/dates.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createDataSource } from '../../src/database/data-source.js';
import { migrateWithLock } from '../../src/database/migrate.js';
import { CLOCK_OFFSET_MS, dbUrl, PG_ADMIN_URL, REDIS_URL, TEMPLATE_DB, testDbName } from './env.js';
import { TestSmtp } from './smtp.js';
import { recoveryCodes, totpSecrets } from './http.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, sealSecret } from '../../src/auth/totp.js';

export const PASSWORD = 'correct horse battery staple';

const TEMPLATE_LOCK = 7_264_012_099;

/**
 * A fresh database copied from the migrated template (CREATE DATABASE ... TEMPLATE takes
 * milliseconds). The first test file to get here migrates the template, under a lock.
 */
export async function createTestDatabase(tag?: string): Promise<string> {
  const name = testDbName(tag);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [TEMPLATE_DB]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
      const ds = createDataSource(dbUrl(TEMPLATE_DB), 2);
      await ds.initialize();
      await migrateWithLock(ds);
      await ds.destroy();
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end();
  }
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The time of this run: the machine's, or shifted to TEST_TODAY (see env.ts). The app under test gets the same. */
export function now(): Date {
  return new Date(Date.now() + CLOCK_OFFSET_MS);
}
export function today(): string {
  return amsterdamDate(now());
}
export function daysAgo(n: number): string {
  return addDays(today(), -n);
}

/**
 * Gives a user an authenticator-app secret and ten recovery codes, as setting it up in the
 * console would; the test client then signs in with the current code, or a recovery code when
 * that code was used already (see secondFactor in http.ts).
 */
export async function enrollTotp(db: DataSource, config: AppConfig, email: string): Promise<string> {
  const secret = newTotpSecret();
  const codes = newRecoveryCodes();
  await db.query(
    `UPDATE staff_users SET totp_secret = $2, recovery_codes = $3, totp_last_step = NULL WHERE lower(email) = lower($1)`,
    [email, sealSecret(secret, config.auth.sessionSecret), JSON.stringify(codes.map(hashRecoveryCode))],
  );
  totpSecrets.set(email.toLowerCase(), secret);
  recoveryCodes.set(email.toLowerCase(), codes);
  return secret;
}

/**
 * The settings every test app runs with: its own database and queue prefix, the run's clock
 * offset, quiet logs, quick email retries, no public rate limit. `env` overrides any of them.
 */
export function testConfig(dbName: string, smtpUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    TEST_CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS),
    PORT: '0',
    HOST: '127.0.0.1',
    APP_URL: 'http://localhost:3999',
    DATABASE_URL: dbUrl(dbName),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL,
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    SMTP_URL: smtpUrl,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    EMAIL_BACKOFF_MS: '200',
    EMAIL_MAX_ATTEMPTS: '3',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    RECONCILE_INTERVAL_SECONDS: '3600',
    ...env,
  });
}

export interface Harness {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: AppConfig;
  baseUrl: string;
  smtp: TestSmtp;
  dbName: string;
  users: Record<'admin' | 'intake' | 'jurist' | 'jurist2' | 'supervisor', { id: string; email: string }>;
  stop(): Promise<void>;
}

/**
 * The whole application on the real Postgres (a database of its own) and Redis (a queue
 * prefix of its own), with the worker running and a real SMTP server receiving the emails.
 */
export async function startHarness(
  opts: { env?: Record<string, string>; redisUrl?: string } = {},
): Promise<Harness> {
  const dbName = await createTestDatabase();
  const smtp = await new TestSmtp().start();
  const config = testConfig(dbName, smtp.url, {
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    ...opts.env,
  });
  const { app, dataSource } = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const hash = await hashPassword(PASSWORD);
  const users = {} as Harness['users'];
  const specs: [keyof Harness['users'], string, string[]][] = [
    ['admin', 'Ada Admin', ['admin']],
    ['intake', 'Ilse Intake', ['intake']],
    ['jurist', 'Jan Jurist', ['jurist']],
    ['jurist2', 'Joke Jurist', ['jurist']],
    ['supervisor', 'Sanne Supervisor', ['supervisor']],
  ];
  for (const [key, name, roles] of specs) {
    const email = `${key}@bow.test`;
    const [row] = await dataSource.query(
      `INSERT INTO staff_users (email, name, password_hash, roles, language) VALUES ($1, $2, $3, $4, 'en') RETURNING id`,
      [email, name, hash, roles],
    );
    users[key] = { id: row.id, email };
  }
  // Supervisors and admins must use a second factor (MFA_REQUIRED_ROLES): enrol them, as they would be.
  for (const key of ['supervisor', 'admin'] as const) await enrollTotp(dataSource, config, users[key].email);

  return {
    app,
    dataSource,
    config,
    baseUrl,
    smtp,
    dbName,
    users,
    async stop() {
      await app.close();
      await dataSource.destroy().catch(() => undefined);
      await smtp.stop();
      await dropTestDatabase(dbName).catch(() => undefined);
    },
  };
}
