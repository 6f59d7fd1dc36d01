import { ContractPagesController } from './contract-detail.pages.js';
import { ContractRegisterPagesController } from './contracts.pages.js';
import { TerminatePagesController } from './terminate.pages.js';

/** The contract pages: the console's register and a contract's page; the student's request to end one. */
export const CONTRACT_PAGES = [
  ContractRegisterPagesController,
  ContractPagesController,
  TerminatePagesController,
];
