import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ContractsService } from '../../src/contracts/contracts.service.js';
import { ReconcilerService } from '../../src/deadlines/reconciler.service.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { WorkerService } from '../../src/queue/worker.service.js';
import { MediumContext, startMedium } from '../support/medium.js';

/**
 * The quality-mark fan-out at the size of a large school: 2,000 contracts, one student each.
 * Halfway through the sending the worker stops and every job still queued in Redis is thrown
 * away; the outbox rows written in the withdrawal's transaction are the truth, so the reconciler
 * brings the rest back. Every student gets exactly one email. (SIGKILL of a separate worker
 * process, for outbox rows in general, is drilled in test/drills/.)
 */
const CONTRACTS = 2000;

let ctx: MediumContext;

beforeAll(async () => {
  ctx = await startMedium({ mail: true });
});
afterAll(async () => {
  await ctx?.stop();
});

describe('quality-mark withdrawal at scale', () => {
  it(`${CONTRACTS} contracts: each student is emailed once, also when the worker and its queued jobs are lost halfway`, async () => {
    const smtp = ctx.smtp!;
    const contracts = ctx.get(ContractsService);
    const school = await ctx.newSchool({ name: 'Grote Taalschool' });
    const header =
      'contractNumber,studentName,studentEmail,studentLanguage,signedOn,startDate,plannedEndDate,courseType,educationLevel,hourlyRateCents,plannedHours,hoursPerWeek,funder';
    const rows = Array.from({ length: CONTRACTS }, (_, i) =>
      [
        `G-${i}`,
        `Student ${i}`,
        `fanout${i}@contracts.test`,
        i % 2 ? 'nl' : 'en',
        '2025-12-15',
        '2026-01-05',
        '2026-12-18',
        'nt2',
        'middle',
        '1299',
        '360',
        '8',
        'duo_loan',
      ].join(','),
    );
    const imported = await contracts.importCsv([header, ...rows].join('\n'), school.id, ctx.actor());
    expect(imported.imported).toBe(CONTRACTS);

    const t0 = Date.now();
    const body = {
      status: 'withdrawn' as const,
      effectiveOn: '2026-06-01',
      reason: 'Quality mark withdrawn after audit',
    };
    const first = await contracts.changeQualityMark(school.id, body, ctx.actor());
    const requestMs = Date.now() - t0;
    expect(first).toMatchObject({
      affectedContracts: CONTRACTS,
      newlyAffected: CONTRACTS,
      studentsNotified: CONTRACTS,
    });
    const ours = () => smtp.messages.filter((m) => m.subject.includes('Grote Taalschool'));

    // Halfway: stop the worker and lose every job still in Redis.
    await smtp.waitFor(() => ours().length >= CONTRACTS / 2, 120_000, 'half of the emails');
    const worker = ctx.get(WorkerService);
    await worker.onApplicationShutdown();
    await ctx.get(QueueService).queue.obliterate({ force: true });
    const [{ pending }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE template = 'quality_mark_withdrawn' AND status = 'pending'`,
    );
    expect(pending).toBeGreaterThan(0);
    const deliveredAtStop = ours().length;

    // A new worker; the reconciler rebuilds the lost jobs from the outbox rows.
    await worker.onApplicationBootstrap();
    await ctx.get(ReconcilerService).runOnce(true);
    await smtp.waitFor(() => ours().length >= CONTRACTS, 120_000, 'every email');
    const totalMs = Date.now() - t0;

    const perAddress = new Map<string, number>();
    for (const m of ours()) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(perAddress.size).toBe(CONTRACTS);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    // The SMTP server has a message a moment before its sender marks the outbox row sent.
    const sentRows = async () =>
      (
        await ctx.dataSource.query(
          `SELECT count(*)::int AS sent FROM outbox WHERE template = 'quality_mark_withdrawn' AND status = 'sent'`,
        )
      )[0].sent as number;
    for (const until = Date.now() + 15_000; (await sentRows()) < CONTRACTS && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 100));
    expect(await sentRows()).toBe(CONTRACTS);
    const [{ noticed }] = await ctx.dataSource.query(
      `SELECT count(DISTINCT quality_mark_notice_id)::int AS noticed FROM contracts WHERE school_id = $1 AND quality_mark_ground_on = '2026-06-01'`,
      [school.id],
    );
    expect(noticed).toBe(CONTRACTS);

    // Running it again queues nothing.
    const again = await contracts.changeQualityMark(school.id, body, ctx.actor());
    expect(again).toMatchObject({ affectedContracts: CONTRACTS, newlyAffected: 0, studentsNotified: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(ours()).toHaveLength(CONTRACTS);
    console.log(
      JSON.stringify({
        contracts: CONTRACTS,
        withdrawalRequestMs: requestMs,
        deliveredAtStop,
        pendingAtStop: pending,
        allDeliveredMs: totalMs,
      }),
    );
  }, 300_000);
});
