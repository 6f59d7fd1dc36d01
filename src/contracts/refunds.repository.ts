import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql, type Queryable } from '../database/sql.js';
import { replaceStudentNames, type RefundCsvLine } from './contracts.csv.js';
import type { Payer } from './terminations.rules.js';

export interface RefundInstructionRow {
  id: string;
  terminationId: string;
  contractId: string;
  payer: Payer;
  amountCents: number;
  status: 'pending' | 'batched' | 'confirmed';
  batchId: string | null;
  createdAt: Date;
}

/** What one line of the batch file needs. */
export interface ClaimedInstruction extends RefundCsvLine {
  contractId: string;
}

export interface RefundBatchRow {
  id: string;
  payer: Payer;
  status: 'exported' | 'confirmed';
  instructionCount: number;
  totalCents: number;
  createdBy: string | null;
  createdAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
}

const INSTRUCTION = `r.id::text, r.termination_id AS "terminationId", r.contract_id AS "contractId", r.payer, r.amount_cents AS "amountCents",
  r.status, r.batch_id::text AS "batchId", r.created_at AS "createdAt"`;
const BATCH = `b.id::text, b.payer, b.status, b.instruction_count AS "instructionCount", b.total_cents::text AS "totalCents",
  b.created_by AS "createdBy", b.created_at AS "createdAt", b.confirmed_by AS "confirmedBy", b.confirmed_at AS "confirmedAt"`;

@Injectable()
export class RefundsRepository {
  constructor(private readonly db: DataSource) {}

  async insertInstruction(
    m: EntityManager,
    i: { terminationId: string; contractId: string; payer: Payer; amountCents: number },
  ): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO refund_instructions (termination_id, contract_id, payer, amount_cents) VALUES ($1, $2, $3, $4) RETURNING id::text`,
      [i.terminationId, i.contractId, i.payer, i.amountCents],
    );
    return r.id;
  }

  async forContract(contractId: string): Promise<RefundInstructionRow[]> {
    return this.db.query(
      `SELECT ${INSTRUCTION} FROM refund_instructions r WHERE r.contract_id = $1 ORDER BY r.id`,
      [contractId],
    );
  }

  async pending(payer: Payer | undefined, limit: number): Promise<RefundInstructionRow[]> {
    return this.db.query(
      `SELECT ${INSTRUCTION} FROM refund_instructions r WHERE r.status = 'pending' AND ($1::text IS NULL OR r.payer = $1) ORDER BY r.id LIMIT $2`,
      [payer ?? null, limit],
    );
  }

  async insertBatch(m: EntityManager, payer: Payer, by: string | null): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO refund_batches (payer, instruction_count, total_cents, csv, created_by) VALUES ($1, 0, 0, '', $2) RETURNING id::text`,
      [payer, by],
    );
    return r.id;
  }

  /**
   * Claims every pending instruction of this payer for the batch. Rows another export holds
   * are skipped (SKIP LOCKED) and, once that export commits, are no longer pending: so each
   * instruction lands in exactly one batch even when two people export at the same moment.
   */
  async claimPending(m: EntityManager, payer: Payer, batchId: string): Promise<ClaimedInstruction[]> {
    const claimed = await sql<{ id: string }>(
      m,
      `UPDATE refund_instructions SET status = 'batched', batch_id = $2
       WHERE id IN (SELECT id FROM refund_instructions WHERE status = 'pending' AND payer = $1 ORDER BY id FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [payer, batchId],
    );
    if (claimed.length === 0) return [];
    return this.batchLines(batchId, m);
  }

  async batchLines(batchId: string, m: Queryable = this.db): Promise<ClaimedInstruction[]> {
    return m.query(
      `SELECT r.id::text AS "instructionId", r.contract_id AS "contractId", to_char(r.created_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS "createdOn", r.payer,
         r.amount_cents AS "amountCents", c.contract_number AS "contractNumber", s.name AS "schoolName", c.student_name AS "studentName",
         t.ground, to_char(t.effective_date, 'YYYY-MM-DD') AS "effectiveDate"
       FROM refund_instructions r
       JOIN terminations t ON t.id = r.termination_id
       JOIN contracts c ON c.id = r.contract_id
       JOIN schools s ON s.id = c.school_id
       WHERE r.batch_id = $1 ORDER BY r.id`,
      [batchId],
    );
  }

  /**
   * Takes the students of these contracts out of every exported batch file they are in: their
   * name becomes `name` on their lines, every other byte stays as exported. Used by retention.
   */
  async anonymiseBatchFiles(m: EntityManager, contractIds: readonly string[], name: string): Promise<number> {
    const lines: { batchId: string; instructionId: string }[] = await m.query(
      `SELECT batch_id::text AS "batchId", id::text AS "instructionId" FROM refund_instructions
       WHERE contract_id = ANY($1) AND batch_id IS NOT NULL ORDER BY batch_id`,
      [contractIds],
    );
    const byBatch = new Map<string, Set<string>>();
    for (const l of lines) byBatch.set(l.batchId, (byBatch.get(l.batchId) ?? new Set()).add(l.instructionId));
    for (const [batchId, ids] of byBatch) {
      const [b] = await m.query(`SELECT csv FROM refund_batches WHERE id = $1 FOR UPDATE`, [batchId]);
      if (b?.csv) {
        await m.query(`UPDATE refund_batches SET csv = $2 WHERE id = $1`, [
          batchId,
          replaceStudentNames(b.csv, ids, name),
        ]);
      }
    }
    return byBatch.size;
  }

  async completeBatch(
    m: EntityManager,
    batchId: string,
    count: number,
    totalCents: number,
    csv: string,
  ): Promise<void> {
    await m.query(
      `UPDATE refund_batches SET instruction_count = $2, total_cents = $3, csv = $4 WHERE id = $1`,
      [batchId, count, totalCents, csv],
    );
  }

  async findBatch(
    id: string,
    m: Queryable = this.db,
    opts: { forUpdate?: boolean } = {},
  ): Promise<RefundBatchRow | null> {
    const rows = await m.query(
      `SELECT ${BATCH} FROM refund_batches b WHERE b.id = $1 ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? batchRow(rows[0]) : null;
  }

  async batchCsv(id: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT csv FROM refund_batches WHERE id = $1`, [id]);
    return rows[0]?.csv ?? null;
  }

  async listBatches(limit: number): Promise<RefundBatchRow[]> {
    const rows = await this.db.query(
      `SELECT ${BATCH} FROM refund_batches b ORDER BY b.created_at DESC, b.id DESC LIMIT $1`,
      [limit],
    );
    return rows.map(batchRow);
  }

  async confirmBatch(m: EntityManager, id: string, by: string | null): Promise<boolean> {
    const rows = await sql(
      m,
      `UPDATE refund_batches SET status = 'confirmed', confirmed_by = $2, confirmed_at = now() WHERE id = $1 AND status = 'exported' RETURNING id`,
      [id, by],
    );
    if (rows.length === 0) return false;
    await m.query(`UPDATE refund_instructions SET status = 'confirmed' WHERE batch_id = $1`, [id]);
    return true;
  }
}

/** bigint arrives as a string; a batch total stays far below 2^53 cents. */
function batchRow(r: Omit<RefundBatchRow, 'totalCents'> & { totalCents: string }): RefundBatchRow {
  return { ...r, totalCents: Number(r.totalCents) };
}
