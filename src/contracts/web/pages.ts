import { ContractPagesController } from './contract-detail.pages.js';
import { QualityMarkPagesController } from './quality-mark.pages.js';
import { RefundPagesController } from './refunds.pages.js';
import { RegisterPagesController } from './register.pages.js';
import { TerminatePagesController } from './terminate.pages.js';

/** The contract pages: the console's register, a contract, refunds, a school's mark; the student's request. */
export const CONTRACT_PAGES = [
  RegisterPagesController,
  ContractPagesController,
  RefundPagesController,
  QualityMarkPagesController,
  TerminatePagesController,
];
