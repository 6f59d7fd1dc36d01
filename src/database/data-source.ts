import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * The one data source definition, shared by the app and the TypeORM CLI.
 * synchronize is never on: the schema changes through migrations only.
 */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    extra: { max: poolSize, connectionTimeoutMillis: 5000, application_name: 'bow-cases' },
    // TypeORM's own error log prints every parameter of the failed query (names, emails, private
    // links): off. Errors reach the caller, and the problem filter logs them without values.
    logging: false,
  });
}
