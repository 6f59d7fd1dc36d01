import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sql } from '../database/sql.js';
import { TxRunner } from '../database/tx.js';
import { deferredRequestJob, type DeferredRequestKind } from '../queue/jobs.js';

export interface DeferredRequest {
  id: string;
  kind: DeferredRequestKind;
  email: string;
  reference: string | null;
}

/**
 * Requests from public forms whose answer must not depend on what is on file: a password reset
 * (is this a staff address?) and a new private link (do reference and email match?). The route
 * stores the request and queues a job, the same two steps whatever was asked, so it takes the
 * same time either way; the job does the look-up and the work. The row holds an email address
 * for seconds: the job deletes it in the transaction that does the work, and rows a job never
 * took (Redis was away) are deleted after a day.
 */
@Injectable()
export class DeferredRequestsRepository {
  constructor(private readonly tx: TxRunner) {}

  async add(kind: DeferredRequestKind, email: string, reference: string | null = null): Promise<void> {
    await this.tx.run(async (tx) => {
      const [row] = await tx.m.query(
        `INSERT INTO deferred_requests (kind, email, reference) VALUES ($1, $2, $3) RETURNING id::text`,
        [kind, email, reference],
      );
      tx.afterCommit(deferredRequestJob(kind, row.id));
    });
  }

  /**
   * Requests still waiting for their job after `olderThanSeconds` (all of them when 0), for the
   * reconciler: a job lost with Redis is added again under its fixed id. Rows over a day old are left
   * for deletion (the person has been told to ask again by then).
   */
  async waiting(
    olderThanSeconds: number,
    limit: number,
  ): Promise<{ id: string; kind: DeferredRequestKind }[]> {
    return this.tx.dataSource.query(
      `SELECT id::text, kind FROM deferred_requests
       WHERE created_at < now() - make_interval(secs => $1) AND created_at > now() - interval '1 day'
       ORDER BY id LIMIT $2`,
      [olderThanSeconds, limit],
    );
  }

  /** Deletes requests no job took within a day (retention's daily run; they hold an address). */
  async deleteStale(): Promise<void> {
    await this.tx.dataSource.query(
      `DELETE FROM deferred_requests WHERE created_at < now() - interval '1 day'`,
    );
  }

  /** Takes the request (deletes it) inside the caller's transaction: it is handled once, or not at all. */
  async take(m: EntityManager, id: string, kind: DeferredRequestKind): Promise<DeferredRequest | null> {
    await m.query(`DELETE FROM deferred_requests WHERE created_at < now() - interval '1 day'`);
    const [row] = await sql<DeferredRequest>(
      m,
      `DELETE FROM deferred_requests WHERE id = $1 AND kind = $2 RETURNING id::text, kind, email, reference`,
      [id, kind],
    );
    return row ?? null;
  }
}
