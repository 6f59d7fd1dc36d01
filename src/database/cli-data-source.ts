import { loadConfig, processEnv } from '../config/config.js';
import { createDataSource } from './data-source.js';

/** Used by the TypeORM CLI only: `typeorm migration:run -d dist/src/database/cli-data-source.js`. */
export default createDataSource(loadConfig(processEnv()).database.url);
