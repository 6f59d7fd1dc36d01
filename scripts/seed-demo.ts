import { createApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import type { StaffUser } from '../src/auth/users.repository.js';
import { addDays, amsterdamDate } from '../src/calendar/dates.js';
import { ComplaintsService, StaffActor } from '../src/complaints/complaints.service.js';
import { loadConfig, processEnv } from '../src/config/config.js';
import { SchoolsService } from '../src/schools/schools.service.js';

/**
 * Demo data for the quick start: schools, staff users (one per role) and complaints in every
 * state, made through the same services the API uses. Runs once: a second run changes nothing.
 */
export const DEMO_PASSWORD = 'demo-password-2026';

async function main(): Promise<void> {
  const config = loadConfig({ ...processEnv(), APP_ROLES: 'api', LOG_LEVEL: 'warn' });
  const { app, dataSource } = await createApp(config);
  try {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM schools WHERE name = 'Taalschool De Brug'`);
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
      { name: 'Taalschool De Brug', city: 'Utrecht', complaintsEmail: 'klachten@debrug.example', qualityMark: 'keurmerk', complaintsRegulationUrl: 'https://debrug.example/klachtenregeling' },
      null,
    );
    const noord = await schools.create(
      { name: 'Inburgering Noord', city: 'Groningen', complaintsEmail: 'klachten@noord.example', qualityMark: 'keurmerk', complaintsRegulationUrl: 'https://noord.example/klachten' },
      null,
    );
    const start = await schools.create(
      { name: 'NT2 Start', city: 'Rotterdam', complaintsEmail: 'info@nt2start.example', qualityMark: 'aspirant', complaintsRegulationUrl: null },
      null,
    );
    await schools.create(
      { name: 'Taalhuis Zuid', city: 'Eindhoven', complaintsEmail: 'klacht@taalhuiszuid.example', qualityMark: 'suspended', complaintsRegulationUrl: 'https://taalhuiszuid.example/klachten' },
      null,
    );

    const c = app.get(ComplaintsService);
    const today = amsterdamDate(new Date());
    const ago = (n: number) => addDays(today, -n);
    const as = (key: string): StaffActor => ({ type: 'staff', user: staff[key] });
    const student = (name: string, language: 'nl' | 'en') => ({
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@student.example`,
      language,
    });
    const file = (name: string, language: 'nl' | 'en', schoolId: string, subject: string, filedDaysAgo: number | null, extra = {}) =>
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
    await c.resolveBySchool(resolved.reference, { type: 'staff', id: staff.intake.id, name: staff.intake.name });

    const escalate = async (name: string, lang: 'nl' | 'en', schoolId: string, subject: string) => {
      const r = await file(name, lang, schoolId, subject, 60);
      await c.escalate(r.reference, { reason: 'De school heeft niet binnen 6 weken gereageerd' }, as('intake'));
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

    console.log(`demo data loaded: 4 schools, ${Object.keys(staff).length} staff users (password: ${DEMO_PASSWORD}), 11 complaints`);
  } finally {
    await app.close();
    await dataSource.destroy().catch(() => undefined);
  }
}

main().catch((e: Error) => {
  console.error(`Demo data could not be loaded: ${e.message}`);
  process.exit(1);
});
