import pg from 'pg';
import { loadConfig, processEnv } from '../src/config/config.js';

/** Creates the database named in DATABASE_URL when it does not exist yet (for the quick start). */
async function main(): Promise<void> {
  const url = new URL(loadConfig(processEnv()).database.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error('database name must be letters, digits and _');
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((e: Error) => {
  console.error(`Could not create the database: ${e.message}`);
  process.exit(1);
});
