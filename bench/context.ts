import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import type { Latency } from './measure.js';
import type { BenchRedis, SmtpSink } from './infra.js';
import type { SeedInfo } from './seed.js';

export interface BenchOptions {
  cases: number;
  smoke: boolean;
  pgAdminUrl: string;
  outDir: string;
  only?: string[];
  log: (msg: string) => void;
  /** Requests per latency figure (after a tenth of it as warm-up). */
  iterations: number;
  /** Seconds of load for the intake figure. */
  intakeSeconds: number;
  /** Due reminders for figure 5. */
  reminders: number;
  /** Active contracts for figure 7. */
  contracts: number;
  poolSize: number;
  workerConcurrency: number;
}

/** One row of the results table. */
export interface Figure {
  id: string;
  title: string;
  unit: 'ms' | '/s' | 's';
  /** What was measured: latencies (ms) or one value (per second, seconds). */
  measured?: Latency | { value: number };
  /** The limit measured in the same run, the same way. */
  limit?: { what: string; measured: Latency | { value: number } };
  ratio?: number;
  goal: string;
  pass: boolean | null;
  available: boolean;
  note?: string;
  details?: Record<string, unknown>;
}

export interface Bench {
  opts: BenchOptions;
  seed: SeedInfo;
  dbUrl: string;
  redis: BenchRedis;
  smtp: SmtpSink;
  /** A plain pg connection for limits and fixtures. */
  raw: pg.Client;
  today: string;
  ids: { jurist: string; jurist2: string; supervisorEmail: string; juristEmail: string };
}

export function benchConfig(
  b: Pick<Bench, 'dbUrl' | 'redis' | 'smtp' | 'opts'>,
  roles: 'api' | 'worker',
): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    APP_URL: 'http://localhost:3999',
    APP_ROLES: roles,
    DATABASE_URL: b.dbUrl,
    DATABASE_POOL_SIZE: String(b.opts.poolSize),
    REDIS_URL: b.redis.url,
    QUEUE_PREFIX: 'bench',
    SMTP_URL: b.smtp.url,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: 'silent',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    RECONCILE_INTERVAL_SECONDS: '3600',
    EMAIL_BACKOFF_MS: '1000',
    WORKER_CONCURRENCY: String(b.opts.workerConcurrency),
    // The seed keeps every case's text (the harder case for search); the daily retention job
    // would otherwise anonymise the closed cases older than two years while the worker runs.
    RETENTION_YEARS: '50',
    // The benchmark signs in with a password only; every request checks its session the same way.
    MFA_REQUIRED_ROLES: '',
  });
}

export interface RunningApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startApp(b: Bench, roles: 'api' | 'worker'): Promise<RunningApp> {
  const { app, dataSource } = await createApp(benchConfig(b, roles));
  let baseUrl = '';
  if (roles === 'api') {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  }
  return {
    app,
    dataSource,
    baseUrl,
    async close() {
      await app.close();
      await dataSource.destroy().catch(() => undefined);
    },
  };
}

/**
 * Records the SQL that the application sends through its DataSource while `fn` runs, so the
 * same statements can be replayed through a bare pg connection (the limit for figure 1).
 */
export async function captureSql(
  ds: DataSource,
  fn: () => Promise<unknown>,
): Promise<{ sql: string; params: unknown[] }[]> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const original = ds.query.bind(ds);
  const patched = (sql: string, params?: unknown[], runner?: never) => {
    captured.push({ sql, params: params ?? [] });
    return original(sql, params, runner);
  };
  (ds as unknown as { query: typeof patched }).query = patched;
  try {
    await fn();
  } finally {
    (ds as unknown as { query: typeof original }).query = original;
  }
  return captured;
}

export async function replay(c: pg.Client, statements: { sql: string; params: unknown[] }[]): Promise<void> {
  for (const s of statements) await c.query(s.sql, s.params as unknown[]);
}

/**
 * Deletes rows and, first, everything that references them (found through the foreign keys),
 * with the timeline's append-only guard lifted for this transaction only. Used to remove what
 * the benchmark added, so a seeded database stays the same size from run to run.
 */
export async function deleteCascade(
  c: pg.Client,
  table: string,
  where: string,
  params: unknown[],
): Promise<void> {
  await c.query('BEGIN');
  try {
    await c.query(`SET LOCAL bow.allow_event_rewrite = 'on'`);
    await deleteWhere(c, table, where, params, 0);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function deleteWhere(
  c: pg.Client,
  table: string,
  where: string,
  params: unknown[],
  depth: number,
): Promise<void> {
  if (depth > 6) throw new Error(`foreign keys nest too deep at ${table}`);
  const { rows } = await c.query(
    `SELECT k.conrelid::regclass::text AS child, a.attname AS col, af.attname AS refcol
     FROM pg_constraint k
     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
     JOIN pg_attribute af ON af.attrelid = k.confrelid AND af.attnum = k.confkey[1]
     WHERE k.contype = 'f' AND k.confrelid = $1::regclass AND k.conrelid <> k.confrelid`,
    [table],
  );
  for (const r of rows) {
    await deleteWhere(
      c,
      r.child,
      `${r.col} IN (SELECT ${r.refcol} FROM ${table} WHERE ${where})`,
      params,
      depth + 1,
    );
  }
  await c.query(`DELETE FROM ${table} WHERE ${where}`, params);
}
