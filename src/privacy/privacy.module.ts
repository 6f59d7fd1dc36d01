import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [ContractsModule],
  controllers: [PrivacyController],
  providers: [RetentionService, PrivacyService],
  exports: [RetentionService, PrivacyService],
})
export class PrivacyModule {}
