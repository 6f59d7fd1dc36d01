import { Initial1764460000000 } from './1764460000000-Initial.js';
import { Contracts1764460000001 } from './1764460000001-Contracts.js';
import { Privacy1764460000010 } from './1764460000010-Privacy.js';
import { ContractRetention1764460000020 } from './1764460000020-ContractRetention.js';
import { CaseCounts1764460000900 } from './1764460000900-CaseCounts.js';

/** Every migration, in order. A new migration file is added here too (see docs/operations.md). */
export const MIGRATIONS = [Initial1764460000000, Contracts1764460000001, Privacy1764460000010, ContractRetention1764460000020, CaseCounts1764460000900];
