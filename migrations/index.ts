import { Initial1764460000000 } from './1764460000000-Initial.js';

/** Every migration, in order. A new migration file is added here too (see docs/operations.md). */
export const MIGRATIONS = [Initial1764460000000];
