import { Initial1764460000000 } from './1764460000000-Initial.js';
import { Contracts1764460000001 } from './1764460000001-Contracts.js';
import { Privacy1764460000010 } from './1764460000010-Privacy.js';
import { ContractRetention1764460000020 } from './1764460000020-ContractRetention.js';
import { CaseCounts1764460000900 } from './1764460000900-CaseCounts.js';
import { PendingRemindersById1764460000901 } from './1764460000901-PendingRemindersById.js';
import { CaseCountsInteger1764460000902 } from './1764460000902-CaseCountsInteger.js';
import { ListAndCounts1764460000903 } from './1764460000903-ListAndCounts.js';
import { DigidReports1764460001000 } from './1764460001000-DigidReports.js';
import { StartPageIndexes1764460002000 } from './1764460002000-StartPageIndexes.js';
import { TotpLastStep1796003577146 } from './1796003577146-TotpLastStep.js';
import { ContractNumberIndex1796007158521 } from './1796007158521-ContractNumberIndex.js';
import { RetentionByEnd1796100000000 } from './1796100000000-RetentionByEnd.js';
import { OtherWeightyReason1796100000001 } from './1796100000001-OtherWeightyReason.js';
import { Objections1796100000002 } from './1796100000002-Objections.js';
import { NormalisedStaffEmails1796200000001 } from './1796200000001-NormalisedStaffEmails.js';
import { DeferredRequests1796200000002 } from './1796200000002-DeferredRequests.js';
import { ReferredDigidReports1796200000003 } from './1796200000003-ReferredDigidReports.js';

/** Every migration, in order, one a line. A new migration file is added here too (see docs/operations.md). */
export const MIGRATIONS = [
  Initial1764460000000,
  Contracts1764460000001,
  Privacy1764460000010,
  ContractRetention1764460000020,
  CaseCounts1764460000900,
  PendingRemindersById1764460000901,
  CaseCountsInteger1764460000902,
  ListAndCounts1764460000903,
  DigidReports1764460001000,
  StartPageIndexes1764460002000,
  TotpLastStep1796003577146,
  ContractNumberIndex1796007158521,
  RetentionByEnd1796100000000,
  OtherWeightyReason1796100000001,
  Objections1796100000002,
  NormalisedStaffEmails1796200000001,
  DeferredRequests1796200000002,
  ReferredDigidReports1796200000003,
];
