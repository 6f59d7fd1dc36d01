import { Module } from '@nestjs/common';
import { SchoolsModule } from '../schools/schools.module.js';
import { CaseCountsRepository } from './case-counts.repository.js';
import { ComplaintsController } from './complaints.controller.js';
import { CasesRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';
import { ObjectionsRepository } from './objections.repository.js';
import { ObjectionsService } from './objections.service.js';
import { PublicComplaintsController } from './public-complaints.controller.js';

@Module({
  imports: [SchoolsModule],
  controllers: [ComplaintsController, PublicComplaintsController],
  providers: [
    CasesRepository,
    CaseCountsRepository,
    ComplaintsService,
    ObjectionsRepository,
    ObjectionsService,
  ],
  exports: [ComplaintsService, CasesRepository, CaseCountsRepository, ObjectionsService],
})
export class ComplaintsModule {}
