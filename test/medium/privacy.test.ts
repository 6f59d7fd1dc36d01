import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addMonths } from '../../src/common/dates.js';
import { ComplaintsService } from '../../src/complaints/complaints.service.js';
import { ObjectionsService } from '../../src/complaints/objections.service.js';
import { ContractsService } from '../../src/contracts/contracts.service.js';
import { RefundsService } from '../../src/contracts/refunds.service.js';
import { TerminationsService } from '../../src/contracts/terminations.service.js';
import { PrivacyService } from '../../src/privacy/privacy.service.js';
import { RetentionService } from '../../src/privacy/retention.service.js';
import { MediumContext, startMedium } from '../support/medium.js';

/**
 * Retention and the data export through their services (moved from test/api/privacy.test.ts,
 * where the routes, their access and the read log stay tested).
 */
let ctx: MediumContext;
let schoolId: string;

beforeAll(async () => {
  ctx = await startMedium({ mail: true });
  schoolId = (await ctx.newSchool()).id;
});
afterAll(async () => {
  await ctx?.stop();
});

const runRetention = () => ctx.get(RetentionService).run(ctx.today());

describe('retention', () => {
  async function closeAndAge(reference: string, closedYearsAgo: number) {
    await ctx.dataSource.query(
      `UPDATE cases SET status = 'closed', closed_on = (current_date - make_interval(years => $2))::date, open = false WHERE reference = $1`,
      [reference, closedYearsAgo],
    );
  }
  const stats = () =>
    ctx.dataSource.query(
      `SELECT school_id, type, status, outcome, count(*)::int AS n, min(received_on)::text AS first FROM cases GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );

  it('anonymises case files closed more than two years ago, keeps statistics, and leaves held and recent cases alone', async () => {
    const complaints = ctx.get(ComplaintsService);
    const old = await ctx.newComplaint({
      stage: 'intake',
      schoolId,
      subject: 'Oude klacht',
      description: 'Mijn naam is Fatima en mijn adres is geheim.',
    });
    await complaints.addNote(old.reference, 'Student belde: telefoon 0612345678', false, ctx.actor());
    const recent = await ctx.newComplaint({ stage: 'intake', schoolId });
    const held = await ctx.newComplaint({ stage: 'intake', schoolId });
    const arbitration = await ctx.newComplaint({ stage: 'escalated', schoolId });
    await closeAndAge(old.reference, 3);
    await closeAndAge(recent.reference, 1);
    await closeAndAge(held.reference, 3);
    await ctx.dataSource.query(`UPDATE cases SET legal_hold = true WHERE reference = $1`, [held.reference]);
    await ctx.dataSource.query(
      `UPDATE cases SET status = 'arbitration', received_on = current_date - 1200 WHERE reference = $1`,
      [arbitration.reference],
    );
    await ctx.smtp!.waitFor((m) => m.some((x) => x.to.includes(old.email)));

    // A public request no job took within a day (Redis and the worker away) holds an address: retention deletes it.
    await ctx.dataSource.query(
      `INSERT INTO deferred_requests (kind, email, created_at) VALUES ('password_reset', 'stale@bow.test', now() - interval '2 days'),
       ('password_reset', 'fresh@bow.test', now())`,
    );
    const before = await stats();
    const run = await runRetention();
    expect(
      await ctx.dataSource.query(`SELECT email FROM deferred_requests WHERE email LIKE '%@bow.test'`),
    ).toEqual([{ email: 'fresh@bow.test' }]);
    expect(run.anonymised).toBe(1);
    expect(await stats()).toEqual(before);

    const [anon] = await ctx.dataSource.query(
      `SELECT student_name, student_email, student_phone, subject, description, anonymised_at FROM cases WHERE reference = $1`,
      [old.reference],
    );
    expect(anon).toMatchObject({
      student_name: 'Geanonimiseerd',
      subject: '[geanonimiseerd]',
      description: '[geanonimiseerd]',
      student_phone: null,
    });
    expect(anon.student_email).toMatch(/^anon-.*@invalid$/);
    expect(anon.anonymised_at).not.toBeNull();
    const { events } = await complaints.detail(old.reference);
    expect(JSON.stringify(events)).not.toContain('0612345678');
    const [outbox] = await ctx.dataSource.query(
      `SELECT recipient FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.reference = $1`,
      [old.reference],
    );
    expect(outbox.recipient).toMatch(/@invalid$/);

    for (const ref of [recent.reference, held.reference, arbitration.reference]) {
      const [row] = await ctx.dataSource.query(
        `SELECT anonymised_at, student_name FROM cases WHERE reference = $1`,
        [ref],
      );
      expect(row.anonymised_at).toBeNull();
      expect(row.student_name).not.toBe('Geanonimiseerd');
    }
    // Timeline events stay append-only outside the retention job.
    await expect(ctx.dataSource.query(`UPDATE case_events SET data = '{}'::jsonb`)).rejects.toThrow(
      /append-only/,
    );
    expect((await runRetention()).anonymised).toBe(0);
  });
});

describe('financial records', () => {
  it('keeps contracts seven years after they ended, then removes the student from them; the export lists them before', async () => {
    const school = await ctx.newSchool();
    const email = `contract-${Date.now()}@student.test`;
    const base = {
      schoolId: school.id,
      student: { name: 'Karim', email, language: 'en' as const },
      signedOn: '2017-12-01',
      startDate: '2018-01-08',
      plannedEndDate: '2018-12-14',
      plannedHours: 300,
      hoursPerWeek: 6,
    };
    const old = await ctx.newContract({
      ...base,
      contractNumber: `OLD-${Date.now()}`,
      invoices: [{ invoiceDate: '2018-03-30', amountCents: 150000, status: 'paid' }],
    });
    const recent = await ctx.newContract({
      ...base,
      contractNumber: `NEW-${Date.now()}`,
      signedOn: '2024-01-01',
      startDate: '2024-01-08',
      plannedEndDate: '2024-12-13',
    });
    // Ended by notice in 2018 with money back to the loan, exported in a DUO batch that names her.
    const terminations = ctx.get(TerminationsService);
    const t = await terminations.request(
      old.id,
      { ground: 'notice', requestedOn: '2018-05-01' },
      ctx.actor(),
    );
    expect((await terminations.makeEffective(old.id, t.id, ctx.actor())).status).toBe('effective');
    const refunds = ctx.get(RefundsService);
    const batch = await refunds.exportBatch('duo', ctx.actor());
    const exportedCsv = await refunds.csv(batch.id);
    expect(exportedCsv).toContain('Karim');
    // The school is renamed later: the old file must still show what DUO received.
    await ctx.dataSource.query(`UPDATE schools SET name = name || ' (nieuw)' WHERE id = $1`, [school.id]);

    const exported = await ctx.get(PrivacyService).exportData(email, ctx.today(), null);
    expect(exported.contracts).toHaveLength(2);
    expect(exported.contracts[0].invoices).toEqual([
      { invoiceDate: '2018-03-30', amountCents: 150000, status: 'paid' },
    ]);

    expect((await runRetention()).contractsAnonymised).toBe(1);
    const rows = await ctx.dataSource.query(
      `SELECT id, student_name, student_email, anonymised_at FROM contracts WHERE id = ANY($1) ORDER BY start_date`,
      [[old.id, recent.id]],
    );
    expect(rows[0]).toMatchObject({
      student_name: 'Geanonimiseerd',
      student_email: `anon-${old.id}@invalid`,
    });
    expect(rows[1]).toMatchObject({ student_name: 'Karim', anonymised_at: null });
    const [invoice] = await ctx.dataSource.query(`SELECT amount_cents FROM invoices WHERE contract_id = $1`, [
      old.id,
    ]);
    expect(invoice.amount_cents).toBe(150000); // the books stay
    // In the batch file only her name changed: every other byte is as exported.
    expect(await refunds.csv(batch.id)).toBe(exportedCsv.replace(',Karim,', ',Geanonimiseerd,'));
  });
});

describe('financial records of a contract ended early', () => {
  it('are kept seven years from the effective end, not from the planned end', async () => {
    // Started 7 years and 9 months ago; notice two months in ends it at start + 3 months (7.5 years
    // ago), while the planned end is only 6.5 years ago.
    const today = ctx.today();
    const startDate = addMonths(today, -(12 * 7 + 9));
    const early = await ctx.newContract({
      student: { name: 'Noor', language: 'nl' },
      signedOn: addMonths(startDate, -1),
      startDate,
      plannedEndDate: addMonths(today, -(12 * 6 + 6)),
      plannedHours: 300,
      hoursPerWeek: 6,
      funder: 'municipality',
    });
    const terminations = ctx.get(TerminationsService);
    const t = await terminations.request(
      early.id,
      { ground: 'notice', requestedOn: addMonths(startDate, 2) },
      ctx.actor(),
    );
    expect((await terminations.makeEffective(early.id, t.id, ctx.actor())).status).toBe('effective');
    expect((await ctx.get(ContractsService).get(early.id)).endedOn).toBe(addMonths(startDate, 3));

    await runRetention();
    const [row] = await ctx.dataSource.query(
      `SELECT student_name, anonymised_at FROM contracts WHERE id = $1`,
      [early.id],
    );
    expect(row.student_name).toBe('Geanonimiseerd');
    expect(row.anonymised_at).not.toBeNull();
  });
});

describe('retention and objections (2026-12)', () => {
  it('holds a closed case while an objection on it is open, and releases it when the objection is decided', async () => {
    const c = await ctx.newComplaint({ stage: 'decided', outcome: 'unfounded', schoolId });
    const objections = ctx.get(ObjectionsService);
    const o = await objections.record(
      c.reference,
      { receivedOn: ctx.today(), lodgedBy: 'student', note: 'De student is het niet eens met het besluit.' },
      ctx.caller(),
    );
    // Closed three years ago (as if): due for anonymisation, but the objection is open.
    await ctx.dataSource.query(
      `UPDATE cases SET status = 'closed', closed_on = (current_date - make_interval(years => 3))::date, open = false WHERE reference = $1`,
      [c.reference],
    );
    const anonymised = async () =>
      (await ctx.dataSource.query(`SELECT anonymised_at FROM cases WHERE reference = $1`, [c.reference]))[0]
        .anonymised_at !== null;
    await runRetention();
    expect(await anonymised()).toBe(false);

    await objections.decide(
      c.reference,
      o.id,
      { decidedOn: ctx.today(), outcome: 'withdrawn' },
      ctx.caller(),
    );
    await runRetention();
    expect(await anonymised()).toBe(true);
    const [row] = await ctx.dataSource.query(`SELECT note FROM case_objections WHERE id = $1`, [o.id]);
    expect(row.note).toBeNull();
  });
});
