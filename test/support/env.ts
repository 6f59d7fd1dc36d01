/** Settings shared by the tests. Postgres and Redis are the machine's own unless a test starts its own. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** This run's template database, named by global-setup.ts. */
export const TEMPLATE_DB = process.env.BOW_TEST_TEMPLATE ?? 'bow_test_template';

export function dbUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
