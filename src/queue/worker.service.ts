import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobName, JobPayloads, QUEUE_NAME } from './jobs.js';
import { workerConnection } from './redis.js';

export interface JobContext {
  attemptsMade: number;
  maxAttempts: number;
  isFinalAttempt: boolean;
}
export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;

/** Domain modules register their handlers here; the worker refuses to start when one is missing. */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }
  get(name: JobName): JobHandler<JobName> | undefined {
    return this.handlers.get(name);
  }
  missing(): JobName[] {
    return Object.values(JobName).filter((n) => !this.handlers.has(n));
  }
}

/** The heartbeat the readiness check reads: when jobs wait but none was processed for a minute, the worker is stalled. */
export interface WorkerStats {
  processed: number;
  lastProcessedAt: number | null;
  startedAt: number;
}

@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private worker?: Worker;
  private connection?: Redis;
  readonly stats: WorkerStats = { processed: 0, lastProcessedAt: null, startedAt: Date.now() };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handlers: JobHandlers,
  ) {}

  get enabled(): boolean {
    return this.config.roles.includes('worker');
  }

  async onApplicationBootstrap(): Promise<void> {
    const missing = this.handlers.missing();
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    if (!this.enabled) return;
    this.connection = workerConnection(this.config.redis.url);
    this.connection.on('error', () => undefined);
    await assertNoEviction(this.connection);
    this.worker = new Worker(QUEUE_NAME, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.redis.prefix,
      concurrency: this.config.worker.concurrency,
      // A job whose worker died is taken up again once its lock lapses and the next stalled check runs.
      lockDuration: this.config.worker.lockSeconds * 1000,
      stalledInterval: this.config.worker.lockSeconds * 1000,
      autorun: true,
    });
    this.worker.on('error', (e) => this.logger.warn({ msg: 'worker error', error: e.message }));
    // The job's own handler logs what it can say safely; error texts may quote personal data.
    this.worker.on('failed', (job, e) =>
      this.logger.warn({
        msg: 'job failed',
        job: job?.name,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        error: e.name,
      }),
    );
    this.logger.log({ msg: 'worker started', concurrency: this.config.worker.concurrency });
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name}`);
    const maxAttempts = job.opts.attempts ?? 1;
    await handler(job.data, {
      attemptsMade: job.attemptsMade,
      maxAttempts,
      isFinalAttempt: job.attemptsMade + 1 >= maxAttempts,
    });
    this.stats.processed += 1;
    this.stats.lastProcessedAt = Date.now();
  }

  /** Graceful shutdown: stop taking jobs and let the current ones finish. */
  async onApplicationShutdown(): Promise<void> {
    if (this.worker) {
      await this.worker.close();
      this.logger.log({ msg: 'worker stopped' });
    }
    this.connection?.disconnect();
  }
}

/** Refuses a Redis that may evict keys: an evicted job is a reminder or an email lost. */
export async function assertNoEviction(redis: Redis): Promise<void> {
  let policy: string | undefined;
  try {
    const reply = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
    policy = reply?.[1];
  } catch {
    // Managed Redis services may disable CONFIG; then we cannot check, and say so.
    new Logger('worker').warn({ msg: 'could not read maxmemory-policy; make sure it is noeviction' });
    return;
  }
  if (policy && policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}": jobs could be evicted. Set it to noeviction (redis-cli CONFIG SET maxmemory-policy noeviction).`,
    );
  }
}
