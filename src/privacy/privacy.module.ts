import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module.js';
import { PrivacyController } from './privacy.controller.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [ContractsModule],
  controllers: [PrivacyController],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class PrivacyModule {}
