import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobName, JobRequest, QUEUE_NAME } from './jobs.js';
import { producerConnection } from './redis.js';

/**
 * Enqueues jobs after the database transaction that made them has committed.
 * Redis being down never fails the caller: the rows in Postgres are the truth and the
 * reconciler enqueues whatever is missing once Redis is back.
 */
@Injectable()
export class QueueService implements OnModuleDestroy {
  private readonly logger = new Logger('queue');
  readonly connection: Redis;
  readonly queue: Queue;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.connection = producerConnection(config.redis.url);
    this.connection.on('error', () => undefined); // reported by health checks, not once per retry
    this.queue = new Queue(QUEUE_NAME, {
      connection: this.connection,
      prefix: config.redis.prefix,
      // A failed job is removed at once so that its fixed id is free again: while it was kept,
      // adding the same id was a no-op, and a job BullMQ failed without running it (stalled
      // twice by crashed workers) left its email or reminder pending in Postgres for ever.
      // Now the reconciler re-adds it; the outbox row keeps the attempts and the last error.
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', () => undefined);
  }

  /** Adds jobs; returns how many were handed to Redis. Never throws. */
  async enqueue(jobs: readonly JobRequest[]): Promise<number> {
    if (jobs.length === 0) return 0;
    try {
      await withTimeout(
        this.queue.addBulk(
          jobs.map((j) => ({
            name: j.name,
            data: j.payload,
            opts: {
              jobId: j.jobId,
              delay: j.runAt ? Math.max(0, j.runAt.getTime() - this.clock.now().getTime()) : 0,
              ...this.retryOptions(j.name),
            },
          })),
        ),
        2000,
      );
      return jobs.length;
    } catch (e) {
      this.logger.warn({
        msg: 'enqueue failed; the reconciler will retry',
        jobs: jobs.length,
        error: (e as Error).message,
      });
      return 0;
    }
  }

  /** Emails retry with exponential backoff; reminders retry a few times (their work is idempotent). */
  private retryOptions(name: JobName) {
    if (name === JobName.SendEmail) {
      return {
        attempts: this.config.mail.maxAttempts,
        backoff: { type: 'exponential', delay: this.config.mail.backoffMs },
      };
    }
    return { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };
  }

  async ping(): Promise<boolean> {
    try {
      return (await withTimeout(this.connection.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
