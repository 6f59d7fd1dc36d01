import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ContractDetailService } from '../../src/contracts/contract-detail.service.js';
import { publicTerminationBody } from '../../src/contracts/contracts.dto.js';
import { TerminationsService } from '../../src/contracts/terminations.service.js';
import { DigidReportsService } from '../../src/digid-reports/digid-reports.service.js';
import { today } from '../support/harness.js';
import { MediumContext, startMedium, workedExampleProgress } from '../support/medium.js';
import { parseOrThrow } from '../../src/common/validation.js';

/** The medium tier's factories make what they say, through the services; and the public termination request. */
let ctx: MediumContext;

beforeAll(async () => {
  ctx = await startMedium();
});
afterAll(async () => {
  await ctx?.stop();
});

describe('the medium factories', () => {
  it("run on the run's day (TEST_TODAY) and make staff, schools and contracts", async () => {
    expect(ctx.today()).toBe(today());
    expect(ctx.admin.roles).toEqual(expect.arrayContaining(['admin', 'supervisor']));
    const jurist = await ctx.newStaff('jurist');
    expect(jurist).toMatchObject({ roles: ['jurist'], active: true });
    // Nothing is sent without `{ mail: true }`: the welcome email waits in the outbox.
    expect(await ctx.outbox(jurist.email)).toEqual([
      expect.objectContaining({ template: 'account_created' }),
    ]);

    const school = await ctx.newSchool({ qualityMark: 'aspirant' });
    expect(school.qualityMark).toBe('aspirant');
    const c = await ctx.newContract({ schoolId: school.id, ...workedExampleProgress() });
    const detail = await ctx.get(ContractDetailService).detail(c.id);
    expect(detail).toMatchObject({ status: 'active', schoolId: school.id, paidCents: 200000 });
    expect(detail.lessonsSummary.count).toBe(28);
  });

  it('bring a complaint to each stage', async () => {
    const stages = ['intake', 'school_stage', 'escalated', 'acknowledged', 'decided'] as const;
    const made = [];
    for (const stage of stages) made.push(await ctx.newComplaint({ stage }));
    expect(made.map((c) => c.status)).toEqual([
      'intake',
      'school_stage',
      'escalated',
      'under_review',
      'decided',
    ]);
    expect(await ctx.outbox(made[0].email)).toEqual([
      expect.objectContaining({ template: 'complaint_received' }),
    ]);
  });

  it('file a DigiD report', async () => {
    const r = await ctx.newDigidReport();
    expect(r.reference).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);
    const detail = await ctx.get(DigidReportsService).detail(r.reference);
    expect(detail).toMatchObject({ reference: r.reference });
  });
});

describe('the public termination request (the service behind /terminate and /api/public/terminations)', () => {
  /** A small real PDF (the type is decided by its first bytes, `%PDF-`). */
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

  it('records only a match, with its evidence file and a receipt; a justification only for another weighty reason', async () => {
    const terminations = ctx.get(TerminationsService);
    const c = await ctx.newContract({
      signedOn: ctx.today(),
      startDate: ctx.today(),
      plannedEndDate: '2099-12-31',
      plannedHours: 5000,
      hoursPerWeek: 1,
    });
    const body = (over: Record<string, unknown> = {}) =>
      parseOrThrow(publicTerminationBody, {
        contractNumber: c.contractNumber,
        schoolId: c.schoolId,
        studentEmail: c.studentEmail.toUpperCase(),
        ground: 'moved',
        requestedOn: ctx.today(),
        note: 'Verhuisd naar Groningen.',
        ...over,
      });
    const file = { bytes: PDF, fileName: 'inschrijving gemeente.pdf' };
    await terminations.publicRequest(body({ studentEmail: 'nobody@medium.test' }), file);
    await terminations.publicRequest(body({ contractNumber: 'NO-SUCH-1' }), file);
    const terminationsOf = async () => (await ctx.get(ContractDetailService).detail(c.id)).terminations;
    expect(await terminationsOf()).toEqual([]);

    // Another ground than other_weighty_reason with a justification: refused before anything is looked up.
    await expect(
      terminations.publicRequest(body({ justification: 'niet nodig' }), file),
    ).rejects.toMatchObject({
      status: 422,
      errors: [{ field: 'justification' }],
    });
    await terminations.publicRequest(body(), file);
    const [t] = await terminationsOf();
    expect(t).toMatchObject({
      ground: 'moved',
      status: 'requested',
      source: 'student',
      note: 'Verhuisd naar Groningen.',
      justification: null,
    });
    expect(t.evidence).toEqual([
      expect.objectContaining({
        fileName: 'inschrijving gemeente.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
      }),
    ]);
    expect(await ctx.outbox(c.studentEmail)).toEqual([
      expect.objectContaining({ template: 'termination_requested' }),
    ]);
    // A second request while one is open: the same silence, nothing recorded.
    await terminations.publicRequest(body({ ground: 'notice' }));
    expect(await terminationsOf()).toHaveLength(1);
  });
});
