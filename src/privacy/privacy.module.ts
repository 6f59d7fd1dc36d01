import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [ContractsModule],
  controllers: [PrivacyController],
  providers: [RetentionRepository, RetentionService, PrivacyRepository, PrivacyService],
  exports: [RetentionService, PrivacyService],
})
export class PrivacyModule {}
