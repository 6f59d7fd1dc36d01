import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { DigidReportsController, PublicDigidReportsController } from './digid-reports.controller.js';
import { DigidReportsRepository } from './digid-reports.repository.js';
import { DigidReportsService } from './digid-reports.service.js';

/** DigiD misuse reports: a case type in the one `cases` table (src/cases/), disputing invoices on contracts. */
@Module({
  imports: [SchoolsModule, CasesModule, ContractsModule],
  controllers: [DigidReportsController, PublicDigidReportsController],
  providers: [DigidReportsRepository, DigidReportsService],
  exports: [DigidReportsService],
})
export class DigidReportsModule {}
