import { ReferredDigidReports1796200000003 } from '../../migrations/1796200000003-ReferredDigidReports.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '../../src/common/dates.js';
import { ReconcilerService } from '../../src/deadlines/reconciler.service.js';
import { SQL_NOW } from '../support/env.js';
import { createSchool } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/**
 * DigiD misuse reports over HTTP, with the worker running and the emails received by a real
 * SMTP server: the fixed public route, a report about a school from triage to a confirmed
 * outcome (its invoices disputed on the contract change the termination quote), a report about
 * someone else referred and closed, a password refused with nothing stored, and the triage
 * deadline's reminder and breach.
 */
let h: Harness;
let supervisor: Client;
let intake: Client;
let jurist: Client;
let jurist2: Client;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  [supervisor, intake, jurist, jurist2] = await Promise.all(
    [h.users.supervisor, h.users.intake, h.users.jurist, h.users.jurist2].map((u) =>
      signedIn(h.baseUrl, u.email, PASSWORD),
    ),
  );
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

function report(over: Record<string, unknown> = {}) {
  n += 1;
  return {
    student: { name: `Amina ${n}`, email: `amina${n}-${Date.now()}@student.test`, language: 'en' },
    suspectedParty: 'school',
    noticedOn: daysAgo(3),
    description: 'The school logged in with my DigiD and approved two invoices for lessons I never had.',
    ...over,
  };
}

async function file(body: Record<string, unknown>) {
  const r = await new Client(h.baseUrl).post('/api/public/digid-reports', body);
  if (r.status !== 201) throw new Error(`report not filed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { reference: string; status: string; triageDueOn: string };
}

async function count(table: string): Promise<number> {
  const [r] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return r.n;
}

/** A student's running contract with a school (started 200 days ago, 300 days to go, paid from the DUO loan). */
function contractWith(schoolId: string, student: Record<string, unknown>, contractNumber: string) {
  return {
    schoolId,
    student,
    contractNumber,
    signedOn: daysAgo(210),
    startDate: daysAgo(200),
    plannedEndDate: addDays(today(), 300),
    courseType: 'nt2',
    educationLevel: 'middle',
    hourlyRateCents: 1299,
    plannedHours: 360,
    hoursPerWeek: 8,
    funder: 'duo_loan',
  };
}

const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);
const deadline = (d: { deadlines: { kind: string; status: string; dueOn: string }[] }, kind: string) =>
  d.deadlines.find((x) => x.kind === kind);

describe('the fixed public route', () => {
  it('answers exactly as the contract says and emails the safety advice', async () => {
    const school = await createSchool(supervisor);
    const body = report({ schoolId: school.id });
    const r = await new Client(h.baseUrl).post('/api/public/digid-reports', body);
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['reference', 'status', 'triageDueOn']);
    const expected = (await new Client(h.baseUrl).get(`/api/calendar/deadline?from=${today()}&workingDays=2`))
      .body.deadline;
    expect(r.body).toEqual({
      reference: expect.stringMatching(/^D-\d{4}-\d{6}$/),
      status: 'triage',
      triageDueOn: expected,
    });

    const email = (body.student as { email: string }).email;
    const [mail] = await h.smtp
      .waitFor((m) => m.some((x) => x.to.includes(email)), 15_000, 'receipt')
      .then(() => h.smtp.to(email));
    expect(mail.subject).toContain(r.body.reference);
    expect(mail.text).toContain('Change your DigiD password');
    expect(mail.text).toContain('088 123 6555');
    expect(mail.text).toContain('will never ask for your password or SMS code');

    // Unknown fields are refused; the school is needed when the school is suspected; "someone else" needs none.
    expect(
      (await new Client(h.baseUrl).post('/api/public/digid-reports', { ...body, bsn: '123456782' })).status,
    ).toBe(400);
    const noSchool = await new Client(h.baseUrl).post('/api/public/digid-reports', report());
    expect(noSchool.status).toBe(422);
    expect(noSchool.body.errors).toEqual([expect.objectContaining({ field: 'schoolId' })]);
    expect(
      (await new Client(h.baseUrl).post('/api/public/digid-reports', report({ suspectedParty: 'someone' })))
        .status,
    ).toBe(400);
    expect(
      (await new Client(h.baseUrl).post('/api/public/digid-reports', report({ suspectedParty: 'other' })))
        .status,
    ).toBe(201);
    const future = await new Client(h.baseUrl).post(
      '/api/public/digid-reports',
      report({ schoolId: school.id, noticedOn: addDays(today(), 2) }),
    );
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'noticedOn' })]);
  });

  it('lets staff record a report that came by phone, with the date it was received', async () => {
    const school = await createSchool(supervisor);
    const receivedOn = daysAgo(1);
    const r = await intake.post('/api/digid-reports', {
      ...report({ schoolId: school.id, whatHappened: ['asked_details'] }),
      student: {
        name: 'Yusuf',
        email: `yusuf-${Date.now()}@student.test`,
        phone: '+31 6 1234 5678',
        language: 'nl',
      },
      channel: 'phone',
      receivedOn,
    });
    expect(r.status).toBe(201);
    const expected = (
      await new Client(h.baseUrl).get(`/api/calendar/deadline?from=${receivedOn}&workingDays=2`)
    ).body.deadline;
    expect(r.body.triageDueOn).toBe(expected);
    const got = (await intake.get(`/api/digid-reports/${r.body.reference}`)).body;
    expect(got).toMatchObject({
      channel: 'phone',
      receivedOn,
      whatHappened: ['asked_details'],
      student: { phone: '+31 6 1234 5678', language: 'nl' },
    });
    // A DigiD report is not a complaint.
    expect((await intake.get(`/api/complaints/${r.body.reference}`)).status).toBe(404);
  });
});

describe('a report about a school', () => {
  it('goes from triage to a confirmed outcome; its invoices are disputed on the contract and the quote changes', async () => {
    const school = await createSchool(supervisor);
    const otherSchool = await createSchool(supervisor);
    const body = report({ schoolId: school.id, whatHappened: ['logged_in', 'approved_invoices'] });
    const student = body.student as { name: string; email: string };

    // The student's contract, with three paid invoices; two of them the student did not approve.
    const contractBody = contractWith(school.id, { ...student, language: 'en' }, `D-C-${n}`);
    const contract = await supervisor.post('/api/contracts', contractBody);
    expect(contract.status).toBe(201);
    const other = await supervisor.post('/api/contracts', { ...contractBody, schoolId: otherSchool.id });
    const invoices = [
      { invoiceDate: daysAgo(100), amountCents: 50_000 },
      { invoiceDate: daysAgo(60), amountCents: 70_000 },
      { invoiceDate: daysAgo(30), amountCents: 30_000 },
    ];
    for (const i of invoices)
      expect(
        (await supervisor.post(`/api/contracts/${contract.body.id}/invoices`, { ...i, status: 'paid' }))
          .status,
      ).toBe(201);
    const quote = () =>
      supervisor.post(`/api/contracts/${contract.body.id}/termination-quote`, {
        ground: 'moved',
        requestedOn: today(),
      });
    const before = await quote();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ paidCents: 150_000, feesDueCents: 0, refundToLoanCents: 150_000 });

    // The report lists the two, and a third the contract does not have (another amount).
    const r = await file({
      ...body,
      invoicesApprovedWithoutConsent: [
        invoices[0],
        invoices[1],
        { invoiceDate: daysAgo(30), amountCents: 99_00 },
      ],
    });

    // Triage: intake and every jurist see it; intake may not start the investigation.
    const triage = await intake.get(`/api/digid-reports/${r.reference}`);
    expect(triage.status).toBe(200);
    expect(triage.body).toMatchObject({
      status: 'triage',
      suspectedParty: 'school',
      school: { id: school.id },
      allowedActions: expect.arrayContaining(['startInvestigation', 'refer']),
    });
    expect(deadline(triage.body, 'digid_triage')).toMatchObject({ status: 'running', dueOn: r.triageDueOn });
    expect(triage.body.deadlines[0].explanation).toMatchObject({
      from: today(),
      period: { unit: 'workingDays', amount: 2 },
    });
    expect((await jurist2.get(`/api/digid-reports/${r.reference}`)).status).toBe(200);
    expect((await intake.post(`/api/digid-reports/${r.reference}/start-investigation`, {})).status).toBe(403);
    const listed = await intake.get(`/api/digid-reports?schoolId=${school.id}`);
    expect(listed.body.items.map((x: { reference: string }) => x.reference)).toEqual([r.reference]);

    // A jurist starts the investigation and takes the case: six weeks, as a complaint decision.
    const started = await jurist.post(`/api/digid-reports/${r.reference}/start-investigation`, {});
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      status: 'investigation',
      assignee: { id: h.users.jurist.id },
      triagedOn: today(),
      investigationStartedOn: today(),
    });
    const sixWeeks = (await new Client(h.baseUrl).get(`/api/calendar/deadline?from=${today()}&weeks=6`)).body
      .deadline;
    let got = (await jurist.get(`/api/digid-reports/${r.reference}`)).body;
    expect(deadline(got, 'digid_triage')!.status).toBe('met');
    expect(deadline(got, 'digid_investigation')).toMatchObject({ status: 'running', dueOn: sixWeeks });
    // Now it is the jurist's: intake and the other jurist get 404, as for a case that does not exist.
    expect((await intake.get(`/api/digid-reports/${r.reference}`)).status).toBe(404);
    expect((await jurist2.get(`/api/digid-reports/${r.reference}`)).status).toBe(404);
    const illegal = await jurist.post(`/api/digid-reports/${r.reference}/resume`, {});
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'illegal_transition', state: 'investigation' });

    // Pause, resume, one extension (announced to the student), a second refused.
    expect(
      (await jurist.post(`/api/digid-reports/${r.reference}/pause`, { reasonCode: 'awaiting_student' })).body,
    ).toMatchObject({ status: 'paused' });
    expect(
      deadline((await jurist.get(`/api/digid-reports/${r.reference}`)).body, 'digid_investigation')!.status,
    ).toBe('paused');
    expect((await jurist.post(`/api/digid-reports/${r.reference}/resume`, {})).body).toMatchObject({
      status: 'investigation',
      pausedDays: 0,
    });
    expect(
      (
        await jurist.post(`/api/digid-reports/${r.reference}/extend`, {
          weeks: 2,
          reason: 'We wait for the DUO records',
        })
      ).body,
    ).toMatchObject({ extensionWeeks: 2 });
    expect(
      (await jurist.post(`/api/digid-reports/${r.reference}/extend`, { weeks: 1, reason: 'again' })).body
        .code,
    ).toBe('extension_already_used');
    got = (await jurist.get(`/api/digid-reports/${r.reference}`)).body;
    expect(deadline(got, 'digid_investigation')!.dueOn > sixWeeks).toBe(true);
    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(student.email) && /more time/.test(x.subject)),
      15_000,
      'extension email',
    );

    // Link the contract: another school's is refused; the student's disputes the two matching invoices.
    const wrong = await jurist.post(`/api/digid-reports/${r.reference}/link-contract`, {
      contractId: other.body.id,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('contract_other_school');
    const linked = await jurist.post(`/api/digid-reports/${r.reference}/link-contract`, {
      contractId: contract.body.id,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.contract).toMatchObject({
      id: contract.body.id,
      contractNumber: contractBody.contractNumber,
      linkedOn: today(),
    });
    expect(
      linked.body.invoicesApprovedWithoutConsent.map(
        (i: { disputedInvoiceId: string | null }) => i.disputedInvoiceId !== null,
      ),
    ).toEqual([true, true, false]);
    expect(
      (await jurist.post(`/api/digid-reports/${r.reference}/link-contract`, { contractId: contract.body.id }))
        .body.code,
    ).toBe('contract_already_linked');
    const k = (await supervisor.get(`/api/contracts/${contract.body.id}`)).body;
    expect(k.invoices.map((i: { status: string }) => i.status)).toEqual(['disputed', 'disputed', 'paid']);
    expect(k.paidCents).toBe(30_000);
    expect(k.events.map((e: { kind: string }) => e.kind)).toContain('invoices_disputed');
    const after = await quote();
    expect(after.body).toMatchObject({ paidCents: 30_000, feesDueCents: 0, refundToLoanCents: 30_000 });

    // Decide: confirmed needs a recommendation on the quality mark; the supervisor is told, nothing is applied.
    const bare = await jurist.post(`/api/digid-reports/${r.reference}/decide`, {
      outcome: 'confirmed',
      summary: 'The school approved two invoices.',
    });
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('recommendation_required');
    const decided = await jurist.post(`/api/digid-reports/${r.reference}/decide`, {
      outcome: 'confirmed',
      summary: 'The school approved two invoices with your DigiD.',
      recommendation: 'suspension',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      outcome: 'confirmed',
      recommendation: 'suspension',
      decidedOn: today(),
    });
    await h.smtp.waitFor(
      (m) =>
        m.some(
          (x) =>
            x.to.includes(h.users.supervisor.email) &&
            x.subject.includes(r.reference) &&
            /Quality mark advice/.test(x.subject),
        ),
      15_000,
      'advice',
    );
    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(student.email) && /Decision on your report/.test(x.subject)),
      15_000,
      'decision',
    );
    const decision = h.smtp.to(student.email).find((x) => /Decision on your report/.test(x.subject))!;
    expect(decision.text).toContain('misused your DigiD');
    expect(decision.text).toContain('2 invoice(s) on your contract are now marked as disputed');
    expect((await supervisor.get(`/api/schools/${school.id}`)).body.qualityMark).toBe('keurmerk');

    const closed = await jurist.post(`/api/digid-reports/${r.reference}/close`, {});
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: today(), nextDueOn: null });
    got = (await supervisor.get(`/api/digid-reports/${r.reference}`)).body;
    expect(kinds(got.events)).toEqual([
      'digid_report_received',
      'investigation_started',
      'paused',
      'resumed',
      'extended',
      'contract_linked',
      'invoices_disputed',
      'decided',
      'quality_mark_recommended',
      'closed',
    ]);
    expect(got.deadlines.every((d: { status: string }) => d.status === 'met')).toBe(true);

    // The school's page in the console lists the report and its outcome.
    const page = await supervisor.get(`/console/schools/${school.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(r.reference);
    expect(page.body).toContain('misuse confirmed');
    expect(page.body).toContain('suspension of the quality mark');
  });
});

describe('a report that does not confirm misuse', () => {
  it('gives back the invoices it disputed, except those another report still disputes', async () => {
    const school = await createSchool(supervisor);
    const student = { name: `Samir ${n}`, email: `samir-${Date.now()}@student.test`, language: 'en' };
    const contract = await supervisor.post(
      '/api/contracts',
      contractWith(school.id, student, `R-${Date.now()}`),
    );
    expect(contract.status).toBe(201);
    const x = { invoiceDate: daysAgo(90), amountCents: 40_000 };
    const y = { invoiceDate: daysAgo(45), amountCents: 25_000 };
    for (const i of [x, y])
      expect(
        (await supervisor.post(`/api/contracts/${contract.body.id}/invoices`, { ...i, status: 'paid' }))
          .status,
      ).toBe(201);
    const statuses = async () =>
      (
        (await supervisor.get(`/api/contracts/${contract.body.id}`)).body.invoices as { status: string }[]
      ).map((i) => i.status);

    // Report A lists both invoices, report B only the first; both are linked to the contract.
    const a = await file(report({ schoolId: school.id, student, invoicesApprovedWithoutConsent: [x, y] }));
    const b = await file(report({ schoolId: school.id, student, invoicesApprovedWithoutConsent: [x] }));
    for (const r of [a, b]) {
      expect((await jurist.post(`/api/digid-reports/${r.reference}/start-investigation`, {})).status).toBe(
        200,
      );
      expect(
        (
          await jurist.post(`/api/digid-reports/${r.reference}/link-contract`, {
            contractId: contract.body.id,
          })
        ).status,
      ).toBe(200);
    }
    expect(await statuses()).toEqual(['disputed', 'disputed']);

    // A is not confirmed: y counts as paid again; x stays disputed while B is open.
    const decidedA = await jurist.post(`/api/digid-reports/${a.reference}/decide`, {
      outcome: 'not_confirmed',
      summary: 'The school showed the signed attendance lists.',
    });
    expect(decidedA.status).toBe(200);
    expect(await statuses()).toEqual(['disputed', 'paid']);
    expect(kinds((await jurist.get(`/api/digid-reports/${a.reference}`)).body.events)).toContain(
      'invoices_restored',
    );
    const k = (await supervisor.get(`/api/contracts/${contract.body.id}`)).body;
    expect(k.paidCents).toBe(25_000);
    expect(kinds(k.events)).toContain('invoices_restored');

    // B is not confirmed either: x is paid again too.
    expect(
      (
        await jurist.post(`/api/digid-reports/${b.reference}/decide`, {
          outcome: 'not_confirmed',
          summary: 'Same lists.',
        })
      ).status,
    ).toBe(200);
    expect(await statuses()).toEqual(['paid', 'paid']);
  });
});

describe('a report closed without finding misuse', () => {
  it('holds back no invoice when another report is not confirmed, and a restore after the end is flagged', async () => {
    const school = await createSchool(supervisor);
    const student = { name: `Noor ${n}`, email: `noor-${Date.now()}@student.test`, language: 'en' };
    const contract = await supervisor.post(
      '/api/contracts',
      contractWith(school.id, student, `W-${Date.now()}`),
    );
    const w = { invoiceDate: daysAgo(80), amountCents: 33_000 };
    expect(
      (await supervisor.post(`/api/contracts/${contract.body.id}/invoices`, { ...w, status: 'paid' })).status,
    ).toBe(201);
    const a = await file(report({ schoolId: school.id, student, invoicesApprovedWithoutConsent: [w] }));
    const other = await file(report({ schoolId: school.id, student, invoicesApprovedWithoutConsent: [w] }));
    for (const r of [a, other]) {
      expect((await jurist.post(`/api/digid-reports/${r.reference}/start-investigation`, {})).status).toBe(
        200,
      );
      expect(
        (
          await jurist.post(`/api/digid-reports/${r.reference}/link-contract`, {
            contractId: contract.body.id,
          })
        ).status,
      ).toBe(200);
    }
    // The other report ended without a finding (as a referral does): it no longer holds the invoice.
    await h.dataSource.query(
      `UPDATE cases SET open = false, status = 'closed', outcome = 'referred' WHERE reference = $1`,
      [other.reference],
    );
    // Meanwhile the contract ended (notice); the refund was computed without the disputed invoice.
    const t = await supervisor.post(`/api/contracts/${contract.body.id}/terminations`, {
      ground: 'notice',
      requestedOn: today(),
    });
    expect(t.status).toBe(201);
    expect(
      (
        await supervisor.post(
          `/api/contracts/${contract.body.id}/terminations/${t.body.id}/make-effective`,
          {},
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await jurist.post(`/api/digid-reports/${a.reference}/decide`, {
          outcome: 'not_confirmed',
          summary: 'No misuse found.',
        })
      ).status,
    ).toBe(200);
    const k = (await supervisor.get(`/api/contracts/${contract.body.id}`)).body;
    expect(k.invoices.map((i: { status: string }) => i.status)).toEqual(['paid']);
    expect(k.events.find((e: { kind: string }) => e.kind === 'invoices_restored').data).toMatchObject({
      digidReport: a.reference,
      afterEnd: true,
    });
  });
});

describe('an investigation paused past its deadline', () => {
  it('may still be extended: while paused the deadline stands as far later as the pause has lasted', async () => {
    const school = await createSchool(supervisor);
    const r = await file(report({ schoolId: school.id }));
    expect((await jurist.post(`/api/digid-reports/${r.reference}/start-investigation`, {})).status).toBe(200);
    expect(
      (await jurist.post(`/api/digid-reports/${r.reference}/pause`, { reasonCode: 'awaiting_student' }))
        .status,
    ).toBe(200);
    // As if the pause began 30 days ago and the stored deadline (which moves on resume) fell yesterday.
    const [k] = await h.dataSource.query(`SELECT id FROM cases WHERE reference = $1`, [r.reference]);
    await h.dataSource.query(`UPDATE cases SET paused_since = $2 WHERE id = $1`, [k.id, daysAgo(30)]);
    await h.dataSource.query(
      `UPDATE deadlines SET due_on = $2 WHERE case_id = $1 AND kind = 'digid_investigation'`,
      [k.id, daysAgo(1)],
    );
    const extended = await jurist.post(`/api/digid-reports/${r.reference}/extend`, {
      weeks: 2,
      reason: 'The school sends its records next week',
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ extensionWeeks: 2 });
  });
});

describe('a report about someone else', () => {
  it('referred before 2026-12 (closed with outcome referred) becomes referred; an anonymised one cannot be reopened', async () => {
    const r = await new Client(h.baseUrl).post(
      '/api/public/digid-reports',
      report({ suspectedParty: 'other' }),
    );
    await h.dataSource.query(`UPDATE cases SET status = 'closed' WHERE reference = $1`, [r.body.reference]);
    const runner = h.dataSource.createQueryRunner();
    try {
      await new ReferredDigidReports1796200000003().up(runner);
    } finally {
      await runner.release();
    }
    expect((await intake.get(`/api/digid-reports/${r.body.reference}`)).body.status).toBe('referred');

    await h.dataSource.query(`UPDATE cases SET anonymised_at = now() WHERE reference = $1`, [
      r.body.reference,
    ]);
    const school = await createSchool(supervisor);
    const reopen = await intake.post(`/api/digid-reports/${r.body.reference}/reopen-as-school`, {
      schoolId: school.id,
      reason: 'It was about the school after all.',
    });
    expect(reopen.status).toBe(409);
    expect(reopen.body.code).toBe('case_anonymised');
  });

  it('cannot be used to flood an inbox: its email counts against the per-recipient cap of public forms', async () => {
    const victim = `victim-${Date.now()}@student.test`;
    for (let i = 0; i < 6; i++) {
      const body = report({ suspectedParty: 'other' });
      const r = await new Client(h.baseUrl).post('/api/public/digid-reports', {
        ...body,
        student: { ...(body.student as object), email: victim },
      });
      expect(r.status).toBe(201); // the answer is the same: the cap must not tell what is on file
    }
    const rows: { template: string; status: string }[] = await h.dataSource.query(
      `SELECT template, CASE WHEN status = 'suppressed' THEN 'suppressed' ELSE 'kept' END AS status
       FROM outbox WHERE recipient = $1 ORDER BY id`,
      [victim],
    );
    expect(rows.map((r) => r.template)).toEqual(Array(6).fill('digid_report_referred'));
    expect(rows.map((r) => r.status)).toEqual([...Array(5).fill('kept'), 'suppressed']);
  });

  it('is referred at intake: status referred, no triage deadline, the answer and the email say where to go now', async () => {
    const body = report({ suspectedParty: 'other', description: 'Someone changed my DigiD phone number.' });
    const r = await new Client(h.baseUrl).post('/api/public/digid-reports', body);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      reference: expect.stringMatching(/^D-\d{4}-\d{6}$/),
      status: 'referred',
      triageDueOn: null,
      referral: {
        to: 'Logius (DigiD)',
        helpdeskPhone: '088 123 6555',
        website: 'https://www.digid.nl',
        advice: expect.stringContaining('have your DigiD blocked'),
      },
    });
    const email = (body.student as { email: string }).email;
    const got = (await intake.get(`/api/digid-reports/${r.body.reference}`)).body;
    expect(got).toMatchObject({
      status: 'referred',
      outcome: 'referred',
      referral: { to: 'Logius (DigiD)', referredOn: today() },
      closedOn: today(),
      nextDueOn: null,
      allowedActions: ['reopenAsSchool', 'addNote'],
    });
    expect(got.deadlines).toEqual([]);
    expect(kinds(got.events)).toEqual(['digid_report_received', 'referred']);
    const illegal = await intake.post(`/api/digid-reports/${r.body.reference}/refer`, {});
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('illegal_transition');

    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(email) && /contact the DigiD helpdesk/.test(x.subject)),
      15_000,
      'referral',
    );
    const mails = h.smtp.to(email);
    expect(mails).toHaveLength(1); // the referral, not a receipt promising a triage date
    expect(mails[0].text).toContain('Logius');
    expect(mails[0].text).toContain('088 123 6555');
    expect(mails[0].text).toContain('have your DigiD blocked');

    // In Dutch, the same.
    const nl = await new Client(h.baseUrl).post(
      '/api/public/digid-reports',
      report({
        suspectedParty: 'other',
        student: { name: 'Sara', email: `sara-${Date.now()}@student.test`, language: 'nl' },
      }),
    );
    expect(nl.body.referral.advice).toContain('laat uw DigiD blokkeren');
  });

  it('can be reopened as a report about a school, with the triage deadline from that day', async () => {
    const school = await createSchool(supervisor);
    const body = report({ suspectedParty: 'other', description: 'Iemand heeft mijn DigiD gebruikt.' });
    const r = await file(body);
    expect(r.status).toBe('referred');
    const url = `/api/digid-reports/${r.reference}/reopen-as-school`;
    expect((await intake.post(url, { schoolId: school.id })).status).toBe(400);
    const unknownSchool = await intake.post(url, {
      schoolId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
    });
    expect(unknownSchool.status).toBe(422);

    // The console page offers the action to intake (the permission that refers).
    const page = (await intake.get(`/console/digid/${r.reference}`)).body as string;
    expect(page).toContain(`action="/console/digid/${r.reference}/reopen-as-school"`);
    expect(page).toContain('Reopen as a report about a school');

    const reopened = await intake.post(url, {
      schoolId: school.id,
      reason: 'Student belde: het was de school die inlogde.',
    });
    expect(reopened.status).toBe(200);
    const due = (await new Client(h.baseUrl).get(`/api/calendar/deadline?from=${today()}&workingDays=2`)).body
      .deadline;
    expect(reopened.body).toMatchObject({
      status: 'triage',
      suspectedParty: 'school',
      school: { id: school.id },
      outcome: null,
      closedOn: null,
      referral: null,
      nextDueOn: due,
    });
    const got = (await supervisor.get(`/api/digid-reports/${r.reference}`)).body;
    expect(kinds(got.events)).toEqual(['digid_report_received', 'referred', 'reopened_as_school', 'note']);
    expect(deadline(got, 'digid_triage')).toMatchObject({ status: 'running', dueOn: due });
    expect((await intake.post(url, { schoolId: school.id, reason: 'again' })).body.code).toBe(
      'illegal_transition',
    );
    const email = (body.student as { email: string }).email;
    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(email) && /after all/.test(x.subject)),
      15_000,
      'reopened',
    );
    // Now it is a school report like any other.
    expect((await jurist.post(`/api/digid-reports/${r.reference}/start-investigation`, {})).status).toBe(200);
  });

  it('staff may refer a report from triage; it is referred as at intake, the student gets the referral information', async () => {
    const school = await createSchool(supervisor);
    const r = await file(
      report({ schoolId: school.id, description: 'Someone changed my DigiD phone number.' }),
    );
    const email = (
      await h.dataSource.query(`SELECT student_email AS e FROM cases WHERE reference = $1`, [r.reference])
    )[0].e;
    const referred = await intake.post(`/api/digid-reports/${r.reference}/refer`, {
      note: 'Student called; not the school.',
    });
    expect(referred.status).toBe(200);
    expect(referred.body).toMatchObject({
      status: 'referred',
      outcome: 'referred',
      referral: { to: 'Logius (DigiD)', referredOn: today() },
      closedOn: today(),
      nextDueOn: null,
    });
    const got = (await supervisor.get(`/api/digid-reports/${r.reference}`)).body;
    expect(kinds(got.events)).toEqual(['digid_report_received', 'referred', 'note']);
    expect(deadline(got, 'digid_triage')!.status).toBe('met');
    expect(
      (
        await supervisor.post(`/api/digid-reports/${r.reference}/decide`, {
          outcome: 'not_confirmed',
          summary: 'x',
        })
      ).body.code,
    ).toBe('illegal_transition');

    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(email) && /contact the DigiD helpdesk/.test(x.subject)),
      15_000,
      'referral',
    );
    const mail = h.smtp.to(email).find((x) => /contact the DigiD helpdesk/.test(x.subject))!;
    expect(mail.text).toContain('Logius');
    expect(mail.text).toContain('088 123 6555');
    expect(mail.text).toContain('www.digid.nl');
    expect(mail.text).toContain('closing your report');
  });
});

describe('passwords and SMS codes', () => {
  it('refuses a description that holds one, in the student language, before anything is stored', async () => {
    const school = await createSchool(supervisor);
    const tables = ['cases', 'digid_reports', 'digid_report_invoices', 'case_events', 'deadlines', 'outbox'];
    const before = await Promise.all(tables.map(count));

    const secret = 'Tulp2024!';
    const en = await new Client(h.baseUrl).post(
      '/api/public/digid-reports',
      report({
        schoolId: school.id,
        description: `The school asked me for it. My password is ${secret}`,
        invoicesApprovedWithoutConsent: [{ invoiceDate: daysAgo(5), amountCents: 10_000 }],
      }),
    );
    expect(en.status).toBe(422);
    expect(en.body).toMatchObject({
      code: 'credentials_in_text',
      errors: [{ field: 'description', message: expect.stringContaining('password or SMS code') }],
    });
    expect(JSON.stringify(en.body)).not.toContain(secret);

    const nl = await new Client(h.baseUrl).post(
      '/api/public/digid-reports',
      report({
        schoolId: school.id,
        description: 'De school vroeg mijn sms-code 482913 via WhatsApp.',
        student: { name: 'Fatima', email: 'fatima@student.test', language: 'nl' },
      }),
    );
    expect(nl.status).toBe(422);
    expect(nl.body.errors[0]).toMatchObject({
      field: 'description',
      message: expect.stringContaining('wachtwoord of sms-code'),
    });
    expect(JSON.stringify(nl.body)).not.toContain('482913');

    // Staff entry and staff notes are held to the same rule.
    expect(
      (
        await intake.post('/api/digid-reports', {
          ...report({ schoolId: school.id, description: 'wachtwoord: geheim12' }),
          channel: 'email',
          receivedOn: today(),
        })
      ).status,
    ).toBe(422);

    expect(await Promise.all(tables.map(count))).toEqual(before);

    // An invoice number and a date are not a code.
    const fine = await new Client(h.baseUrl).post(
      '/api/public/digid-reports',
      report({
        schoolId: school.id,
        description: 'Invoice 123456 of 16-03-2026 (EUR 1.250,00) was approved, but I never saw it.',
      }),
    );
    expect(fine.status).toBe(201);
    const note = await intake.post(`/api/digid-reports/${fine.body.reference}/notes`, {
      text: 'Student read out code 123456 on the phone',
    });
    expect(note.status).toBe(422);
    expect(note.body.code).toBe('credentials_in_text');
  });
});

describe('the triage deadline', () => {
  it('reminds the supervisors on its last day and tells them of a breach', async () => {
    const school = await createSchool(supervisor);
    const r = await file(report({ schoolId: school.id }));
    const [{ id }] = await h.dataSource.query(`SELECT id FROM cases WHERE reference = $1`, [r.reference]);
    const reconciler = h.app.get(ReconcilerService);
    const timePasses = async (kind: string) => {
      // "Time passes": the reminder is due, and older than the 30 s after which the reconciler re-adds it.
      await h.dataSource.query(
        `UPDATE reminders r SET fire_at = ${SQL_NOW} - interval '2 minutes' FROM deadlines d
         WHERE d.id = r.deadline_id AND d.case_id = $1 AND d.kind = 'digid_triage' AND r.kind = $2`,
        [id, kind],
      );
      await reconciler.runOnce();
    };
    const to = h.users.supervisor.email;

    await timePasses('staff_before');
    await h.smtp.waitFor(
      (m) =>
        m.some(
          (x) =>
            x.to.includes(to) &&
            x.subject === `Deadline DigiD report triage of ${r.reference} ends on ${r.triageDueOn}`,
        ),
      15_000,
      'reminder',
    );

    await timePasses('breach');
    await h.smtp.waitFor(
      (m) =>
        m.some(
          (x) => x.to.includes(to) && x.subject === `Deadline missed: DigiD report triage of ${r.reference}`,
        ),
      15_000,
      'breach',
    );
    const got = (await supervisor.get(`/api/digid-reports/${r.reference}`)).body;
    expect(deadline(got, 'digid_triage')!.status).toBe('breached');
    expect(kinds(got.events)).toEqual(['digid_report_received', 'deadline_reminder', 'deadline_breached']);
    const mail = h.smtp
      .to(to)
      .find((x) => x.subject.startsWith('Deadline missed') && x.subject.includes(r.reference))!;
    expect(mail.text).toContain(`/console/digid/${r.reference}`);
    // A breached triage can still be done: the investigation starts late, and the report says so.
    expect((await jurist.post(`/api/digid-reports/${r.reference}/start-investigation`, {})).status).toBe(200);
  });
});
