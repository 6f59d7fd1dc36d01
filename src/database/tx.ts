import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobRequest } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';

/** Work done in one transaction, collecting the jobs to enqueue once it has committed. */
export interface Tx {
  m: EntityManager;
  /** Queue a job to be added after commit (never inside the transaction: Redis may be down). */
  afterCommit(job: JobRequest): void;
}

@Injectable()
export class TxRunner {
  constructor(
    readonly dataSource: DataSource,
    private readonly queue: QueueService,
  ) {}

  /** One transaction: rows, timeline events, deadline and outbox rows; then the jobs, once committed. */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const jobs: JobRequest[] = [];
    const result = await this.dataSource.transaction((m) => work({ m, afterCommit: (j) => jobs.push(j) }));
    await this.queue.enqueue(jobs);
    return result;
  }
}

/**
 * Runs `work` inside a savepoint of the transaction: when it fails, only its own writes are
 * undone and the transaction stays usable (to answer a unique violation, say). The error is rethrown.
 */
export async function inSavepoint<T>(m: EntityManager, name: string, work: () => Promise<T>): Promise<T> {
  await m.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await m.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (e) {
    // Should the rollback fail too, the transaction is lost anyway: the first error says why.
    await m.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
    throw e;
  }
}
