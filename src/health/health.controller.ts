import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/policy.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { QueueService, withTimeout } from '../queue/queue.service.js';
import { WorkerService } from '../queue/worker.service.js';
import { HealthRepository } from './health.repository.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  private migrationsDone = false;

  constructor(
    private readonly db: HealthRepository,
    private readonly queue: QueueService,
    private readonly worker: WorkerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: '200 while the process runs' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: '200 when Postgres and Redis answer and migrations are applied; 503 naming what is down',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks: Record<string, 'ok' | string> = {};
    try {
      await withTimeout(this.db.ping(), 2000);
      checks.postgres = 'ok';
      if (!this.migrationsDone) this.migrationsDone = !(await this.db.migrationsPending());
      checks.migrations = this.migrationsDone ? 'ok' : 'pending';
    } catch {
      checks.postgres = 'down';
    }
    checks.redis = (await this.queue.ping()) ? 'ok' : 'down';
    if (this.worker.enabled && checks.redis === 'ok') checks.worker = await this.workerHealth();
    const down = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) => k);
    void reply.status(down.length ? 503 : 200);
    return { status: down.length ? 'unavailable' : 'ok', checks, ...(down.length ? { down } : {}) };
  }

  private async workerHealth(): Promise<string> {
    try {
      const waiting = await withTimeout(this.queue.queue.getWaitingCount(), 1000);
      const last = this.worker.stats.lastProcessedAt ?? this.worker.stats.startedAt;
      // Jobs waiting while nothing was processed for WORKER_STALL_SECONDS: the worker is stalled.
      return waiting > 0 && Date.now() - last > this.config.worker.stallSeconds * 1000 ? 'stalled' : 'ok';
    } catch {
      return 'unknown';
    }
  }
}
