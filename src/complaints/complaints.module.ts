import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';
import { ObjectionsRepository } from './objections.repository.js';
import { ObjectionsService } from './objections.service.js';
import { PublicComplaintsController } from './public-complaints.controller.js';

@Module({
  imports: [SchoolsModule, CasesModule],
  controllers: [ComplaintsController, PublicComplaintsController],
  providers: [ComplaintsService, ObjectionsRepository, ObjectionsService],
  // CasesModule is passed on for the modules that still reach the cases table through this one.
  exports: [ComplaintsService, ObjectionsService, CasesModule],
})
export class ComplaintsModule {}
