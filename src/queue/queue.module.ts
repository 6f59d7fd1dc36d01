import { Global, Module } from '@nestjs/common';
import { QueueService } from './queue.service.js';
import { JobHandlers, WorkerService } from './worker.service.js';

@Global()
@Module({
  providers: [QueueService, JobHandlers, WorkerService],
  exports: [QueueService, JobHandlers, WorkerService],
})
export class QueueModule {}
