import { Module } from '@nestjs/common';
import { CaseActions } from './case-actions.js';
import { CaseCountsRepository } from './case-counts.repository.js';
import { CasesRepository } from './cases.repository.js';

/** What every case type shares: the `cases` table, its figures and the action runner. Imports no case type. */
@Module({
  providers: [CasesRepository, CaseCountsRepository, CaseActions],
  exports: [CasesRepository, CaseCountsRepository, CaseActions],
})
export class CasesModule {}
