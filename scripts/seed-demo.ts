import { auditActor, type Caller } from '../src/audit/actors.js';
import { createApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import type { StaffUser } from '../src/auth/users.repository.js';
import { addDays, isoWeekday } from '../src/common/dates.js';
import { Clock } from '../src/common/clock.js';
import { ComplaintsService } from '../src/complaints/complaints.service.js';
import { loadConfig, processEnv } from '../src/config/config.js';
import { ContractsService } from '../src/contracts/contracts.service.js';
import { TerminationsService } from '../src/contracts/terminations.service.js';
import { DigidReportsService } from '../src/digid-reports/digid-reports.service.js';
import { SchoolsService } from '../src/schools/schools.service.js';

/**
 * Demo data for the quick start: schools, staff users (one per role), complaints in every state,
 * DigiD reports and contracts (with lessons, invoices, terminations and a refund waiting for
 * finance), made through the same services the API uses. Runs once: a second run changes nothing.
 */
export const DEMO_PASSWORD = 'demo-password-2026';

async function main(): Promise<void> {
  const config = loadConfig({ ...processEnv(), APP_ROLES: 'api', LOG_LEVEL: 'warn' });
  const { app, dataSource } = await createApp(config);
  try {
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM schools WHERE name = 'Taalschool De Brug'`,
    );
    if (n > 0) {
      console.log('demo data already loaded');
      return;
    }
    const hash = await hashPassword(DEMO_PASSWORD);
    const staff: Record<string, StaffUser> = {};
    for (const [key, name, roles, language] of [
      ['intake', 'Ilse de Vries', ['intake'], 'nl'],
      ['jurist', 'Jan Jansen', ['jurist'], 'nl'],
      ['jurist2', 'Joke Bakker', ['jurist'], 'en'],
      ['supervisor', 'Sanne Visser', ['supervisor'], 'nl'],
      ['finance', 'Femke Smit', ['finance'], 'nl'],
    ] as const) {
      const [row] = await dataSource.query(
        `INSERT INTO staff_users (email, name, password_hash, roles, language) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id, email, name, roles, language, active`,
        [`${key}@blikopwerk.example`, name, hash, roles, language],
      );
      if (row) staff[key] = row;
    }
    const schools = app.get(SchoolsService);
    const brug = await schools.create(
      {
        name: 'Taalschool De Brug',
        city: 'Utrecht',
        complaintsEmail: 'klachten@debrug.example',
        qualityMark: 'keurmerk',
        complaintsRegulationUrl: 'https://debrug.example/klachtenregeling',
      },
      null,
    );
    const noord = await schools.create(
      {
        name: 'Inburgering Noord',
        city: 'Groningen',
        complaintsEmail: 'klachten@noord.example',
        qualityMark: 'keurmerk',
        complaintsRegulationUrl: 'https://noord.example/klachten',
      },
      null,
    );
    const start = await schools.create(
      {
        name: 'NT2 Start',
        city: 'Rotterdam',
        complaintsEmail: 'info@nt2start.example',
        qualityMark: 'aspirant',
        complaintsRegulationUrl: null,
      },
      null,
    );
    await schools.create(
      {
        name: 'Taalhuis Zuid',
        city: 'Eindhoven',
        complaintsEmail: 'klacht@taalhuiszuid.example',
        qualityMark: 'suspended',
        complaintsRegulationUrl: 'https://taalhuiszuid.example/klachten',
      },
      null,
    );

    const c = app.get(ComplaintsService);
    const today = app.get(Clock).today();
    const ago = (n: number) => addDays(today, -n);
    const as = (key: string): Caller => ({ type: 'staff', user: staff[key] });
    const student = (name: string, language: 'nl' | 'en') => ({
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@student.example`,
      language,
    });
    const file = (
      name: string,
      language: 'nl' | 'en',
      schoolId: string,
      subject: string,
      filedDaysAgo: number | null,
      extra = {},
    ) =>
      c.create(
        {
          student: student(name, language),
          schoolId,
          subject,
          description: `${subject}. Ik heb dit al met de school besproken, maar er is niets veranderd.`,
          ...(filedDaysAgo === null ? { needsHelpFiling: true } : { filedWithSchoolOn: ago(filedDaysAgo) }),
          ...extra,
        },
        { channel: 'web', actor: { type: 'student' } },
      );

    await file('Amina Yusuf', 'en', brug.id, 'I do not know how to complain to my school', null);
    await file('Lina Haddad', 'nl', noord.id, 'Lessen vallen steeds uit', 10);
    await file('Tesfay Gebre', 'en', start.id, 'Teacher did not show up for three weeks', 50);
    const resolved = await file('Olga Petrova', 'nl', brug.id, 'Rekening klopt niet', 20);
    await c.resolveBySchool(resolved.reference, {
      type: 'staff',
      id: staff.intake.id,
      name: staff.intake.name,
    });

    const escalate = async (name: string, lang: 'nl' | 'en', schoolId: string, subject: string) => {
      const r = await file(name, lang, schoolId, subject, 60);
      await c.escalate(
        r.reference,
        { reason: 'De school heeft niet binnen 6 weken gereageerd' },
        as('intake'),
      );
      return r.reference;
    };
    await escalate('Mohammed Ali', 'nl', noord.id, 'School wil contract niet beëindigen');
    const review = await escalate('Fatima Zahra', 'en', brug.id, 'School charged for lessons I did not get');
    await c.acknowledge(review, as('jurist'));
    const paused = await escalate('Ahmad Karimi', 'en', start.id, 'No certificate after the exam');
    await c.acknowledge(paused, as('jurist'));
    await c.pause(paused, 'awaiting_student', 'Waiting for the student to send the invoice', as('jurist'));
    const decided = await escalate('Sara Tesfaye', 'nl', noord.id, 'Docent was onvriendelijk');
    await c.acknowledge(decided, as('jurist2'));
    await c.decide(decided, 'partly_founded', 'De school moet de lessen inhalen.', as('jurist2'));
    const arb = await escalate('Yusuf Demir', 'nl', brug.id, 'School heeft DUO-lening te hoog belast');
    await c.acknowledge(arb, as('jurist'));
    await c.decide(arb, 'founded', 'De klacht is gegrond.', as('jurist'));
    await c.referToArbitration(arb, undefined, as('jurist'));
    const closed = await escalate('Nadia Rahimi', 'en', noord.id, 'Classroom too crowded');
    await c.acknowledge(closed, as('jurist2'));
    await c.decide(closed, 'unfounded', 'The class size was within the agreed limits.', as('jurist2'));
    await c.close(closed, as('jurist2'));
    const withdrawn = await file('Pieter Kowalski', 'nl', start.id, 'Lesrooster veranderd', 5);
    await c.withdraw(withdrawn.reference, 'Opgelost met de school', { type: 'student' });

    // DigiD reports: one waiting for triage, one under investigation.
    const digid = app.get(DigidReportsService);
    await digid.create(
      {
        student: student('Bilal Amrani', 'nl'),
        suspectedParty: 'school',
        schoolId: start.id,
        noticedOn: ago(4),
        description:
          'Iemand van de school logde in met mijn DigiD en keurde een rekening goed die ik niet ken.',
        invoicesApprovedWithoutConsent: [{ invoiceDate: ago(30), amountCents: 45_000 }],
        whatHappened: ['logged_in', 'approved_invoices'],
      },
      { channel: 'web', actor: { type: 'student' } },
    );
    const investigated = await digid.create(
      {
        student: student('Hana Said', 'en'),
        suspectedParty: 'school',
        schoolId: noord.id,
        noticedOn: ago(12),
        description: 'The school asked for my DigiD password to "help" with the DUO loan.',
        whatHappened: ['asked_details'],
      },
      { channel: 'web', actor: { type: 'student' } },
    );
    await digid.startInvestigation(investigated.reference, undefined, as('jurist'));

    // Contracts: two lessons a week from about four months ago, EUR 2,000.00 paid from the DUO loan.
    const contracts = app.get(ContractsService);
    const terminations = app.get(TerminationsService);
    const startDate = (() => {
      let d = ago(120);
      while (isoWeekday(d) !== 1) d = addDays(d, 1);
      return d;
    })();
    const contract = async (
      name: string,
      lang: 'nl' | 'en',
      schoolId: string,
      number: string,
      lessonsUntil = ago(3),
    ) => {
      const k = await contracts.create(
        {
          schoolId,
          student: student(name, lang),
          contractNumber: number,
          signedOn: addDays(startDate, -21),
          startDate,
          plannedEndDate: addDays(startDate, 340),
          courseType: 'nt2',
          educationLevel: 'middle',
          hourlyRateCents: 1299,
          plannedHours: 360,
          hoursPerWeek: 8,
          funder: 'duo_loan',
        },
        auditActor(staff.intake),
      );
      const lessons = [];
      for (let d = startDate; d < lessonsUntil; d = addDays(d, 1)) {
        if (isoWeekday(d) === 1 || isoWeekday(d) === 3)
          lessons.push({ date: d, minutes: 240, mode: 'classroom' as const });
      }
      await contracts.addLessons(k.id, lessons, auditActor(staff.intake));
      await contracts.addInvoice(
        k.id,
        { invoiceDate: ago(2), amountCents: 200_000, status: 'paid' },
        auditActor(staff.intake),
      );
      return k;
    };
    await contract('Fatima Zahra', 'en', brug.id, 'DB-2026-0101');
    // He stopped coming two months ago and gives notice now: the school was paid ahead, money goes back to DUO.
    const ended = await contract('Yusuf Demir', 'nl', brug.id, 'DB-2026-0102', ago(60));
    const notice = await terminations.request(
      ended.id,
      { ground: 'notice', requestedOn: ago(1) },
      auditActor(staff.intake),
    );
    await terminations.makeEffective(ended.id, notice.id, auditActor(staff.supervisor));
    const moved = await contract('Lina Haddad', 'nl', noord.id, 'NO-2026-0042');
    await terminations.request(
      moved.id,
      {
        ground: 'moved',
        requestedOn: ago(1),
        note: 'Verhuisd naar Maastricht; bewijs van inschrijving volgt.',
      },
      auditActor(staff.intake),
    );

    console.log(
      `demo data loaded: 4 schools, ${Object.keys(staff).length} staff users (password: ${DEMO_PASSWORD}), 11 complaints, 2 DigiD reports, 3 contracts`,
    );
  } finally {
    await app.close();
    await dataSource.destroy().catch(() => undefined);
  }
}

main().catch((e: Error) => {
  console.error(`Demo data could not be loaded: ${e.message}`);
  process.exit(1);
});
