import 'reflect-metadata';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createApp } from './app.js';
import { ConfigError, loadConfig, processEnv } from './config/config.js';
import { redactUrl } from './queue/redis.js';

/** Fails early, with one clear line, when Postgres or Redis cannot be reached. */
async function preflight(databaseUrl: string, redisUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    return `Cannot reach Postgres at ${redactUrl(databaseUrl)} (${(e as Error).message}). Start it, e.g. pg_ctlcluster --skip-systemctl-redirect <version> main start, or set DATABASE_URL.`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    return `Cannot reach Redis at ${redactUrl(redisUrl)} (${(e as Error).message}). Start it, e.g. redis-server --daemonize yes --port 6379 --dir /var/lib/redis, or set REDIS_URL.`;
  } finally {
    redis.disconnect();
  }
  return null;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(processEnv());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const problem = await preflight(config.database.url, config.redis.url);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(3);
  }
  const { app, migrated } = await createApp(config);
  if (migrated.length) process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'migrations applied', migrations: migrated })}\n`);
  if (config.roles.includes('api')) {
    await app.listen({ port: config.http.port, host: config.http.host });
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'listening', url: config.http.appUrl, roles: config.roles })}\n`);
  } else {
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'worker running', roles: config.roles })}\n`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`Startup failed: ${e.message}\n`);
  process.exit(1);
});
