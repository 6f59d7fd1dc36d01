import pg from 'pg';
import { hashPassword } from '../src/auth/passwords.js';
import { amsterdamDate } from '../src/common/dates.js';
import { createDataSource } from '../src/database/data-source.js';
import { migrateWithLock } from '../src/database/migrate.js';

/**
 * Seeds a benchmark database of its own (`bow_bench_<N>`): schools, staff, N cases of both types
 * spread over ten years, ten timeline events per case, deadlines and reminders. Everything is
 * generated inside Postgres (INSERT … SELECT over generate_series, in chunks on two connections),
 * with the secondary indexes dropped during the load and rebuilt after, which is the fastest
 * correct path without an extra dependency. Values come from a hash of the row number, so two
 * seeds of the same size are the same data.
 *
 * A seeded database records its size and seed version in `bench_meta`; a later run of the same
 * size and version reuses it (the benchmark removes what it adds).
 */
export const SEED_VERSION = 7;
export const BENCH_PASSWORD = 'bench-password-2026';

/** Words by frequency rank: Dutch and English words of complaints first, then made-up words for the long tail. */
export const REAL_WORDS = `de het een en van ik niet school les is the to and of my in dat die op voor
te met lessen docent geld niet maar zijn heeft was er teacher lesson were have not they wij ze
contract betaald examen inburgering taal cursus klacht complaint refund terug would paid course
cancelled afgezegd uitgevallen weken week maand month hours uren rooster schedule antwoord answer
email mail gebeld called niemand nobody directeur director klas class groep group boek book books
materiaal material toets test geslaagd gezakt failed passed duo lening loan factuur invoice kosten
costs prijs price betalen pay ziek sick vervanging replacement locatie location verhuisd moved
online digitaal computer laptop internet verbinding connection niveau level a1 a2 b1 b2 spreken
speaking schrijven writing lezen reading luisteren listening knm kennis society werk work stage
afspraak appointment beloofd promised gezegd said vragen questions vraag question hulp help
opzeggen terminate beëindigen end dossier file brief letter handtekening signature getekend signed
gemeente municipality ambtenaar officer keurmerk quality mark blik op werk klachtenregeling
regulation termijn deadline zes six weken weeks beslissing decision uitspraak ruling arbitrage
arbitration college student cursist leraar teachers lokaal room koud cold warm druk busy stil quiet
te laat late vroeg early tijd time nooit never altijd always soms sometimes vaak often onvoldoende
insufficient goed good slecht bad`
  .split(/\s+/)
  .filter(Boolean)
  .filter((w, i, all) => all.indexOf(w) === i);
const SYLLABLES =
  'ka lo mi ne ru to ve sa bi do fe gu ha ji ko le ma no pi ra se ti vo wa ze bo da fi go he ju ki'.split(
    ' ',
  );
export const VOCABULARY = 50_000;

/** The word at a rank, as the SQL generator computes it (ranks start at 1). */
export function wordAt(rank: number): string {
  if (rank <= REAL_WORDS.length) return REAL_WORDS[rank - 1];
  const r = rank - REAL_WORDS.length;
  const s = (k: number) => SYLLABLES[Math.floor(r / 32 ** k) % 32];
  return s(0) + s(1) + s(2) + (r >= 32 ** 3 ? s(3) : '') + 'n';
}

export interface SeedInfo {
  database: string;
  cases: number;
  events: number;
  deadlines: number;
  reminders: number;
  pendingReminders: number;
  schools: number;
  staff: number;
  seconds: number;
  reused: boolean;
  seededAt: string;
}

export interface SeedShape {
  schools: number;
  jurists: number;
  supervisors: number;
  openFraction: number;
}

export function shape(n: number): SeedShape {
  return { schools: Math.max(20, Math.round(n / 2000)), jurists: 25, supervisors: 5, openFraction: 0.075 };
}

export function dbUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

type Log = (msg: string) => void;

export async function ensureSeeded(adminUrl: string, n: number, log: Log): Promise<SeedInfo> {
  const database = `bow_bench_${n}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists =
      (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database])).rowCount === 1;
    if (exists) {
      const info = await readMeta(dbUrl(adminUrl, database));
      if (info && info.cases === n && info.version === SEED_VERSION) {
        // Migrations added since the seed are applied now (the app would do so at start anyway).
        const ds = createDataSource(dbUrl(adminUrl, database), 2);
        await ds.initialize();
        await migrateWithLock(ds);
        await ds.destroy();
        log(`reusing ${database} (seeded ${info.seededAt} in ${info.seconds.toFixed(0)} s)`);
        return { ...info.stats, database, seconds: info.seconds, reused: true, seededAt: info.seededAt };
      }
      log(`${database} exists but is not a complete seed of this size and version: dropping it`);
      await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = dbUrl(adminUrl, database);
  const started = Date.now();
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await migrateWithLock(ds);
  await ds.destroy();
  const stats = await seed(url, n, log);
  const seconds = (Date.now() - started) / 1000;
  const seededAt = new Date().toISOString();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE bench_meta (id int PRIMARY KEY, info jsonb NOT NULL)`);
  await c.query(`INSERT INTO bench_meta VALUES (1, $1)`, [
    JSON.stringify({ cases: n, version: SEED_VERSION, seconds, seededAt, stats }),
  ]);
  await c.end();
  log(`seeded ${database} in ${seconds.toFixed(1)} s`);
  return { ...stats, database, seconds, reused: false, seededAt };
}

type Stats = Omit<SeedInfo, 'database' | 'seconds' | 'reused' | 'seededAt'>;

async function readMeta(
  url: string,
): Promise<{ cases: number; version: number; seconds: number; seededAt: string; stats: Stats } | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT info FROM bench_meta WHERE id = 1`);
    return r.rows[0]?.info ?? null;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

const TABLES = ['cases', 'case_events', 'deadlines', 'reminders'];

async function seed(url: string, n: number, log: Log): Promise<Stats> {
  const s = shape(n);
  const today = amsterdamDate(new Date());
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const q = (text: string, params: unknown[] = []) => pool.query(text, params);
  await q(`SET session_replication_role = replica`);
  try {
    await q(`
      CREATE OR REPLACE FUNCTION bench_rand(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT (hashint8extended(i, salt) & 2147483647)::float8 / 2147483648.0 $$`);
    // Ids as functions of the row number, valid version-4 UUIDs (the API validates them).
    await q(`
      CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`);
    const words = REAL_WORDS.map((w) => `'${w.replace(/'/g, "''")}'`).join(',');
    const syl = SYLLABLES.map((w) => `'${w}'`).join(',');
    await q(`
      CREATE OR REPLACE FUNCTION bench_word(r int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN r <= ${REAL_WORDS.length} THEN (ARRAY[${words}])[r]
          ELSE (ARRAY[${syl}])[(r - ${REAL_WORDS.length}) % 32 + 1] || (ARRAY[${syl}])[(r - ${REAL_WORDS.length}) / 32 % 32 + 1]
            || (ARRAY[${syl}])[(r - ${REAL_WORDS.length}) / 1024 % 32 + 1]
            || CASE WHEN r - ${REAL_WORDS.length} >= 32768 THEN (ARRAY[${syl}])[(r - ${REAL_WORDS.length}) / 32768 % 32 + 1] ELSE '' END || 'n'
        END $$`);
    // Staff and schools.
    const hash = await hashPassword(BENCH_PASSWORD);
    await q(
      `INSERT INTO staff_users (id, email, name, password_hash, roles, language)
       SELECT bench_uuid('bench-staff-' || role || k), role || k || '@bench.test', initcap(role) || ' ' || k, $1, ARRAY[role], CASE WHEN k % 4 = 0 THEN 'en' ELSE 'nl' END
       FROM (VALUES ('jurist', $2::int), ('supervisor', $3::int), ('intake', 2), ('admin', 1)) r(role, count), generate_series(1, count) k`,
      [hash, s.jurists, s.supervisors],
    );
    await q(
      `INSERT INTO schools (id, name, city, complaints_email, quality_mark, complaints_regulation_url, regulation_checked_on)
       SELECT bench_uuid('bench-school-' || k), 'Taalschool ' || initcap(bench_word(k + 40)) || ' ' || k,
         (ARRAY['Amsterdam','Rotterdam','Utrecht','Den Haag','Eindhoven','Groningen','Tilburg','Almere','Breda','Nijmegen'])[k % 10 + 1],
         'klachten' || k || '@school.bench', CASE WHEN k % 25 = 0 THEN 'aspirant' ELSE 'keurmerk' END,
         'https://school' || k || '.bench/klachtenregeling', $1::date - 100
       FROM generate_series(1, $2::int) k`,
      [today, s.schools],
    );

    // Drop the secondary indexes for the load; they are rebuilt, exactly as defined, afterwards.
    const { rows: indexes } = await q(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [TABLES],
    );
    for (const ix of indexes) await q(`DROP INDEX ${ix.indexname}`);

    const chunk = Math.max(5000, Math.min(50_000, Math.ceil(n / 8)));
    const ranges: [number, number][] = [];
    for (let a = 1; a <= n; a += chunk) ranges.push([a, Math.min(n, a + chunk - 1)]);
    const openFrom = Math.floor(n * (1 - s.openFraction)) + 1;
    let done = 0;
    const t0 = Date.now();
    const worker = async () => {
      const c = await pool.connect();
      try {
        await c.query(`SET session_replication_role = replica`);
        await c.query(`SET synchronous_commit = off`);
        for (;;) {
          const range = ranges.shift();
          if (!range) return;
          await loadChunk(c, range, { n, openFrom, today, ...s });
          done += range[1] - range[0] + 1;
          log(
            `  ${done.toLocaleString('en')} / ${n.toLocaleString('en')} cases with events, deadlines and reminders (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
          );
        }
      } finally {
        c.release();
      }
    };
    await Promise.all([worker(), worker()]);

    log(`  rebuilding ${indexes.length} indexes`);
    const t1 = Date.now();
    const todo = [...indexes].sort(
      (a, b) => (a.indexdef.includes('gin') ? -1 : 0) - (b.indexdef.includes('gin') ? -1 : 0),
    );
    const builder = async () => {
      const c = await pool.connect();
      try {
        await c.query(`SET maintenance_work_mem = '512MB'`);
        for (;;) {
          const ix = todo.shift();
          if (!ix) return;
          await c.query(ix.indexdef);
        }
      } finally {
        c.release();
      }
    };
    await Promise.all([builder(), builder()]);
    log(`  indexes rebuilt in ${((Date.now() - t1) / 1000).toFixed(0)} s`);

    // What the triggers and sequences would have kept: counts, reference counters, id sequences.
    // (The same expressions as the triggers of migration 1764460000903-ListAndCounts.)
    await q(`TRUNCATE case_counts_by_status, case_counts_by_school`);
    await q(
      `INSERT INTO case_counts_by_status (type, status, open, stripe, n)
       SELECT type, status, open, (hashtext(coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid)::text) & 7)::smallint, count(*)
       FROM cases GROUP BY 1, 2, 3, 4`,
    );
    await q(
      `INSERT INTO case_counts_by_school (school_id, open, n)
       SELECT school_id, open, count(*) FROM cases WHERE school_id IS NOT NULL GROUP BY 1, 2`,
    );
    await q(
      `INSERT INTO reference_counters (prefix, year, last_value)
       SELECT split_part(reference, '-', 1), split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
       FROM cases GROUP BY 1, 2`,
    );
    for (const t of ['case_events', 'deadlines', 'reminders']) {
      await q(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT coalesce(max(id), 1) FROM ${t}))`);
    }
    log('  vacuum analyze');
    const t2 = Date.now();
    await Promise.all(
      [...TABLES, 'schools', 'staff_users', 'case_counts_by_status', 'case_counts_by_school'].map((t) =>
        q(`VACUUM (ANALYZE) ${t}`).catch(() => undefined),
      ),
    );
    log(`  vacuumed in ${((Date.now() - t2) / 1000).toFixed(0)} s`);
    const [counts] = (
      await q(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events,
        (SELECT count(*) FROM deadlines)::int AS deadlines, (SELECT count(*) FROM reminders)::int AS reminders,
        (SELECT count(*) FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE r.status = 'pending' AND d.status = 'running')::int AS "pendingReminders",
        (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM staff_users)::int AS staff`)
    ).rows;
    return counts;
  } finally {
    await pool.end();
  }
}

/**
 * The texts of cases a..b: one stream of Zipf-distributed words per case (s = 1: the rank
 * floor(exp(u · ln V)) is log-uniform, so P(rank r) ≈ 1 / (r · ln V)), cut into subject (4–8
 * words), description (20–50), desired outcome (8) and decision summary (12). The ranks are
 * computed in a subquery kept apart (OFFSET 0): inlined into the aggregate, the word function
 * runs ten times slower.
 */
function texts(a: number, b: number): string {
  const s = `(4 + (i % 5)::int)`;
  const d = `(${s} + 20 + (i % 31)::int)`;
  return `SELECT i,
      string_agg(bench_word(r), ' ' ORDER BY k) FILTER (WHERE k <= ${s}) AS subject,
      string_agg(bench_word(r), ' ' ORDER BY k) FILTER (WHERE k > ${s} AND k <= ${d}) AS description,
      string_agg(bench_word(r), ' ' ORDER BY k) FILTER (WHERE k > ${d} AND k <= ${d} + 8) AS desired,
      string_agg(bench_word(r), ' ' ORDER BY k) FILTER (WHERE k > ${d} + 8) AS summary
    FROM (SELECT i, k, greatest(1, floor(exp(bench_rand(i * 128 + k, 12) * ln(${VOCABULARY})))::int) AS r
          FROM generate_series(${a}::bigint, ${b}::bigint) i CROSS JOIN LATERAL generate_series(1, ${d} + 20) k OFFSET 0) w
    GROUP BY i`;
}

const NOTE_TEXTS = [
  'Student gebeld, stuurt de facturen na.',
  'School vraagt om uitstel van een week.',
  'Called the student back; she will send the contract.',
  'Rooster en presentielijsten opgevraagd bij de school.',
  'Docent was ziek, geen vervanging geregeld volgens de student.',
  'The school says the lessons were moved online.',
  'Dossier compleet, klaar voor beoordeling.',
  'Student wil graag een gesprek met de jurist.',
];
const NOTES = NOTE_TEXTS.map((t) => `'${t.replace(/'/g, "''")}'`).join(',');
const NOTE_COUNT = NOTE_TEXTS.length;

interface ChunkParams extends SeedShape {
  n: number;
  openFrom: number;
  today: string;
}

/**
 * One range of cases with everything that hangs off them. The most recent `openFraction` of the
 * cases are open (their deadlines run 20 to 80 days ahead, so no reminder is due); the rest are
 * closed, withdrawn or resolved, with met or breached deadlines and sent reminders.
 */
async function loadChunk(c: pg.PoolClient, [a, b]: [number, number], p: ChunkParams): Promise<void> {
  const today = `'${p.today}'::date`;
  const start = `('${p.today}'::date - 3650)`;
  // Per case: received date, status, deadline kind and due date, all functions of i.
  const recv = `(${start} + ((i - 1)::bigint * 3650 / ${p.n})::int)`;
  const status = `CASE WHEN i >= ${p.openFrom} THEN
      (ARRAY['intake','school_stage','school_stage','school_stage','school_stage','escalated','under_review','under_review','under_review','paused','decided','arbitration'])[1 + floor(bench_rand(i, 2) * 12)::int]
    ELSE (ARRAY['closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','resolved_by_school','resolved_by_school','resolved_by_school','resolved_by_school','resolved_by_school','withdrawn','withdrawn','withdrawn'])[1 + floor(bench_rand(i, 2) * 20)::int] END`;
  await c.query(`
    INSERT INTO cases (id, type, reference, status, channel, received_on, school_id, assignee_id, student_name, student_email,
      student_phone, student_language, subject, description, desired_outcome, needs_help_filing, filed_with_school_on, school_deadline,
      escalated_on, escalation_basis, acknowledged_on, paused_since, pause_reason, outcome, decided_on, decision_summary, closed_on,
      next_due_on, open, created_at, updated_at)
    SELECT bench_uuid('bench-case-' || i), type,
      CASE WHEN type = 'complaint' THEN 'K' ELSE 'D' END || '-' || extract(year FROM recv)::int || '-' ||
        lpad((i - ceil((make_date(extract(year FROM recv)::int, 1, 1) - ${start})::numeric * ${p.n} / 3650))::bigint::text, 6, '0'),
      status, (ARRAY['web','web','web','web','email','phone','letter'])[1 + floor(bench_rand(i, 4) * 7)::int], recv,
      bench_uuid('bench-school-' || (1 + floor(${p.schools} * bench_rand(i, 3) ^ 2)::int)),
      CASE WHEN status IN ('intake','school_stage') OR bench_rand(i, 5) < 0.08 THEN NULL
        ELSE bench_uuid('bench-staff-jurist' || (1 + floor(bench_rand(i, 6) * ${p.jurists})::int)) END,
      (ARRAY['Amina','Mohammed','Olena','Ahmad','Fatima','Tigist','Yusuf','Maria','Sara','Omar','Lina','Daniel'])[1 + floor(bench_rand(i, 7) * 12)::int] || ' ' ||
      (ARRAY['Haddad','Yilmaz','Kovalenko','Rahimi','El Amrani','Tesfaye','Nowak','Santos','Ahmadi','Ivanova','Bakker','Osei'])[1 + floor(bench_rand(i, 8) * 12)::int],
      'student' || i || '@student.bench', CASE WHEN i % 3 = 0 THEN '+31 6 ' || lpad((i % 100000000)::text, 8, '0') END,
      CASE WHEN bench_rand(i, 9) < 0.8 THEN 'nl' ELSE 'en' END,
      t.subject, t.description, CASE WHEN i % 4 = 0 THEN t.desired END, i % 10 = 0,
      CASE WHEN status <> 'intake' THEN recv END, CASE WHEN status <> 'intake' THEN recv + 42 END,
      CASE WHEN status IN ('escalated','under_review','paused','decided','arbitration','closed') THEN recv + 45 END,
      CASE WHEN status IN ('escalated','under_review','paused','decided','arbitration','closed') THEN 'deadline_passed' END,
      CASE WHEN status IN ('under_review','paused','decided','arbitration','closed') THEN recv + 48 END,
      CASE WHEN status = 'paused' THEN ${today} - 3 END, CASE WHEN status = 'paused' THEN 'awaiting_documents' END,
      CASE WHEN status IN ('decided','arbitration','closed') THEN (ARRAY['founded','partly_founded','unfounded','settled'])[1 + (i % 4)::int]
           WHEN status = 'withdrawn' THEN 'withdrawn' END,
      CASE WHEN status IN ('decided','arbitration','closed') THEN recv + 80 END,
      CASE WHEN status IN ('decided','arbitration','closed') THEN t.summary END,
      CASE WHEN status IN ('closed','withdrawn','resolved_by_school') THEN recv + 90 END,
      CASE WHEN status IN ('school_stage','escalated','under_review','paused') THEN ${today} + 20 + (i % 61)::int ELSE '9999-12-31'::date END,
      status NOT IN ('closed','withdrawn','resolved_by_school'),
      recv::timestamptz + interval '10 hours', recv::timestamptz + interval '10 hours'
    FROM (SELECT i, ${recv} AS recv, CASE WHEN i % 10 = 0 THEN 'digid_report' ELSE 'complaint' END AS type, ${status} AS status
          FROM generate_series(${a}::bigint, ${b}::bigint) i) g
    JOIN (${texts(a, b)}) t USING (i)`);

  // Ten timeline events per case, in order.
  await c.query(`
    INSERT INTO case_events (id, case_id, at, actor_type, actor_id, actor_name, kind, visibility, data)
    SELECT (i - 1) * 10 + k, bench_uuid('bench-case-' || i),
      (${recv})::timestamptz + (k * interval '3 days 2 hours'),
      (ARRAY['student','staff','school','staff','system','staff','student','staff','system','staff'])[k],
      CASE WHEN k IN (2,4,6,8,10) THEN bench_uuid('bench-staff-jurist' || (1 + (i % ${p.jurists})::int)) END,
      CASE WHEN k IN (2,4,6,8,10) THEN 'Jurist ' || (1 + (i % ${p.jurists})::int) END,
      (ARRAY['complaint_received','filed_with_school','school_final_answer','escalated','deadline_reminder','acknowledged','note','assigned','school_reminded','note'])[k],
      CASE WHEN k IN (5,8,9) THEN 'internal' ELSE 'student' END,
      CASE WHEN k IN (7,10) THEN jsonb_build_object('text', (ARRAY[${NOTES}])[1 + ((i * k) % ${NOTE_COUNT})::int]) ELSE jsonb_build_object('seq', k) END
    FROM generate_series(${a}::bigint, ${b}::bigint) i, generate_series(1, 10) k`);

  // Deadlines: ids 4i+1 (school stage) and 4i+2 (decision); reminders 2·deadline + 0/1.
  await c.query(`
    INSERT INTO deadlines (id, case_id, kind, due_on, explanation, status, closed_at, created_at, updated_at)
    SELECT i * 4 + d.k, c.id, d.kind, d.due,
      jsonb_build_object('from', c.received_on, 'period', jsonb_build_object('unit', 'weeks', 'amount', 6), 'rawEnd', d.due,
        'extensionWeeks', 0, 'pausedDays', 0, 'deadline', d.due, 'skipped', '[]'::jsonb, 'rolledOver', false),
      d.status, CASE WHEN d.status IN ('met','breached') THEN d.due::timestamptz END, c.created_at, c.created_at
    FROM generate_series(${a}::bigint, ${b}::bigint) i
    JOIN cases c ON c.id = bench_uuid('bench-case-' || i)
    CROSS JOIN LATERAL (VALUES
      (1, 'school_stage', CASE WHEN c.status = 'school_stage' THEN c.next_due_on ELSE c.received_on + 42 END,
        CASE WHEN c.status = 'school_stage' THEN 'running' WHEN c.status = 'resolved_by_school' OR i % 3 = 0 THEN 'met' ELSE 'breached' END),
      (2, 'decision', CASE WHEN c.status IN ('escalated','under_review','paused') THEN c.next_due_on ELSE c.received_on + 87 END,
        CASE WHEN c.status IN ('escalated','under_review') THEN 'running' WHEN c.status = 'paused' THEN 'paused' ELSE 'met' END)
    ) d(k, kind, due, status)
    WHERE c.status <> 'intake' AND (d.k = 1 OR c.status IN ('escalated','under_review','paused','decided','arbitration','closed'))`);
  await c.query(`
    INSERT INTO reminders (id, deadline_id, kind, fire_at, status, sent_at)
    SELECT d.id * 2 + r.k, d.id, r.kind, r.fire_at, s.status, CASE WHEN s.status = 'sent' THEN r.fire_at END
    FROM deadlines d
    CROSS JOIN LATERAL (VALUES
      (0, CASE WHEN d.kind = 'school_stage' THEN 'school_before' ELSE 'staff_before' END,
        (d.due_on - CASE WHEN d.kind = 'school_stage' THEN 14 ELSE 2 END)::timestamptz + interval '9 hours'),
      (1, CASE WHEN d.kind = 'school_stage' THEN 'student_stage_ended' ELSE 'breach' END, (d.due_on + 1)::timestamptz)
    ) r(k, kind, fire_at)
    CROSS JOIN LATERAL (SELECT CASE WHEN d.status IN ('running','paused') THEN 'pending'
      WHEN d.status = 'breached' OR r.k = 0 THEN 'sent' ELSE 'cancelled' END) s(status)
    WHERE d.id BETWEEN ${a}::bigint * 4 AND ${b}::bigint * 4 + 3`);
}
