import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StaffAuditActor } from '../audit/actors.js';
import { conflict, notFound } from '../common/problem.js';
import { TxRunner } from '../database/tx.js';
import { refundBatchCsv } from './contracts.csv.js';
import { ContractsRepository } from './contracts.repository.js';
import { RefundBatchRow, RefundsRepository } from './refunds.repository.js';
import type { Payer } from './terminations.rules.js';

/**
 * DUO refund batches: pending refund instructions are exported as one CSV file, each
 * instruction in exactly one batch; the file can be downloaded again and the batch confirmed
 * once the payer has processed it. [decision]
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly repo: RefundsRepository,
    private readonly contracts: ContractsRepository,
    private readonly tx: TxRunner,
  ) {}

  /** Claims every pending instruction of the payer; 409 no_pending_refunds when there is none. */
  async exportBatch(payer: Payer, actor: StaffAuditActor) {
    const batchId = await this.tx.run(async (tx) => {
      const id = await this.repo.insertBatch(tx.m, payer, actor.id);
      const lines = await this.repo.claimPending(tx.m, payer, id);
      if (lines.length === 0) {
        // Rolls the empty batch back with the transaction.
        throw conflict(`There are no pending refund instructions for ${payer}.`, 'no_pending_refunds');
      }
      const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
      await this.repo.completeBatch(tx.m, id, lines.length, total, refundBatchCsv(id, lines));
      await this.onContracts(tx.m, lines, actor, 'refund_batched', id);
      return id;
    });
    return this.batch(batchId);
  }

  async batch(id: string) {
    const b = await this.findBatch(id);
    const lines = await this.repo.batchLines(id);
    return { ...present(b), instructions: lines };
  }

  async csv(id: string): Promise<string> {
    const csv = await this.repo.batchCsv(id);
    if (csv === null) throw notFound('Refund batch');
    return csv;
  }

  async confirm(id: string, actor: StaffAuditActor) {
    await this.tx.run(async (tx) => {
      const b = await this.repo.findBatch(id, tx.m, { forUpdate: true });
      if (!b) throw notFound('Refund batch');
      if (!(await this.repo.confirmBatch(tx.m, id, actor.id))) {
        throw conflict(`Batch ${id} was confirmed already.`, 'batch_already_confirmed');
      }
      const lines = await this.repo.batchLines(id, tx.m);
      await this.onContracts(tx.m, lines, actor, 'refund_confirmed', id);
    });
    return this.batch(id);
  }

  async list(limit: number) {
    return { items: (await this.repo.listBatches(limit)).map(present) };
  }

  async pending(payer: Payer | undefined, limit: number) {
    return { items: await this.repo.pending(payer, limit) };
  }

  forContract(contractId: string) {
    return this.repo.forContract(contractId);
  }

  private async findBatch(id: string): Promise<RefundBatchRow> {
    const b = await this.repo.findBatch(id);
    if (!b) throw notFound('Refund batch');
    return b;
  }

  /** One timeline event on each contract a batch's instructions belong to. */
  private onContracts(
    m: EntityManager,
    lines: readonly { contractId: string }[],
    actor: StaffAuditActor,
    kind: 'refund_batched' | 'refund_confirmed',
    batchId: string,
  ) {
    return this.contracts.appendEventMany(m, [...new Set(lines.map((l) => l.contractId))], actor, kind, {
      batchId,
    });
  }
}

function present(b: RefundBatchRow) {
  return { ...b, csvUrl: `/api/refunds/batches/${b.id}.csv` };
}
