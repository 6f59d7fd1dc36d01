import { Module } from '@nestjs/common';
import { PrivacyController } from './privacy.controller.js';
import { RetentionService } from './retention.service.js';

@Module({ controllers: [PrivacyController], providers: [RetentionService], exports: [RetentionService] })
export class PrivacyModule {}
