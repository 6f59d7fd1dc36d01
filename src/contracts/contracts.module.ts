import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { ContractBodyParsers } from './body-parsers.js';
import { ContractDetailService } from './contract-detail.service.js';
import { ContractsController } from './contracts.controller.js';
import { ContractsRepository } from './contracts.repository.js';
import { ContractsService } from './contracts.service.js';
import { QualityMarkController } from './quality-mark.controller.js';
import { RefundsController } from './refunds.controller.js';
import { RefundsRepository } from './refunds.repository.js';
import { RefundsService } from './refunds.service.js';
import { PublicTerminationsController, TerminationsController } from './terminations.controller.js';
import { TerminationsRepository } from './terminations.repository.js';
import { TerminationsService } from './terminations.service.js';

/** Contracts, lessons, invoices, terminations and quotes, exemption hours, DUO refunds, the quality-mark fan-out. */
@Module({
  imports: [SchoolsModule, CasesModule],
  controllers: [
    ContractsController,
    TerminationsController,
    PublicTerminationsController,
    RefundsController,
    QualityMarkController,
  ],
  providers: [
    ContractsRepository,
    TerminationsRepository,
    RefundsRepository,
    ContractsService,
    TerminationsService,
    RefundsService,
    ContractDetailService,
    ContractBodyParsers,
  ],
  exports: [ContractsService, TerminationsService, RefundsService, RefundsRepository, ContractDetailService],
})
export class ContractsModule {}
