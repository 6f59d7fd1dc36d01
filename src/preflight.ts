import pg from 'pg';
import { Redis } from 'ioredis';
import { redactUrl } from './queue/redis.js';

/** Fails early, with one clear line, when Postgres or Redis cannot be reached. Null when both answer. */
export async function preflight(databaseUrl: string, redisUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    return `Cannot reach Postgres at ${redactUrl(databaseUrl)} (${(e as Error).message}). Start it (e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start) or set DATABASE_URL.`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    return `Cannot reach Redis at ${redactUrl(redisUrl)} (${(e as Error).message}). Start it (e.g. redis-server --daemonize yes --port 6379 --dir /var/lib/redis) or set REDIS_URL.`;
  } finally {
    redis.disconnect();
  }
  return null;
}
