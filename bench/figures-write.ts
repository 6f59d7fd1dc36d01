import { Queue, Worker } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { addDays } from '../src/common/dates.js';
import { ReconcilerService } from '../src/deadlines/reconciler.service.js';
import { QUEUE_NAME, reminderJob } from '../src/queue/jobs.js';
import { deleteCascade, startApp, type Bench, type Figure, type RunningApp } from './context.js';
import { HttpClient, now, sleep, throughput, waitUntil } from './measure.js';

const PREFIX = 'bench';

async function flushRedis(b: Bench): Promise<void> {
  const r = new Redis(b.redis.url, { maxRetriesPerRequest: 3 });
  await r.flushall();
  r.disconnect();
}

function complaintBody(b: Bench, schools: string[], k: number) {
  return {
    student: {
      name: `Bench Student ${k}`,
      email: `intake${k}@intake.bench`,
      language: k % 5 === 0 ? 'en' : 'nl',
    },
    schoolId: schools[k % schools.length],
    subject: 'Lessen vervallen zonder vervanging',
    description:
      'De school heeft de afgelopen weken veel lessen afgezegd en beantwoordt mijn vragen niet. Ik wil mijn geld terug.',
    filedWithSchoolOn: addDays(b.today, -3),
  };
}

/**
 * Figure 3: public intake with every side effect (case, event, deadline and reminders, private
 * link, outbox row, jobs in Redis) vs a bare Fastify handler that only inserts the case row in
 * one transaction, same pool size, same 32 concurrent clients. Slices alternate between the two.
 */
export async function intakeFigure(b: Bench, api: RunningApp): Promise<Figure[]> {
  const schools: string[] = (
    await b.raw.query(`SELECT id FROM schools WHERE name LIKE 'Taalschool %' ORDER BY name LIMIT 50`)
  ).rows.map((r) => r.id);
  const bare = Fastify({ logger: false });
  const pool = new pg.Pool({
    connectionString: b.dbUrl,
    max: b.opts.poolSize,
    connectionTimeoutMillis: 5000,
  });
  let n = 0;
  bare.post('/bare', async (req, reply) => {
    const body = req.body as ReturnType<typeof complaintBody>;
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const { rows } = await c.query(
        `INSERT INTO cases (type, reference, status, channel, received_on, school_id, student_name, student_email, student_language, subject, description, filed_with_school_on)
         VALUES ('complaint', $1, 'school_stage', 'web', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          `BB-${process.pid}-${++n}`,
          b.today,
          body.schoolId,
          body.student.name,
          body.student.email,
          body.student.language,
          body.subject,
          body.description,
          body.filedWithSchoolOn,
        ],
      );
      await c.query('COMMIT');
      return reply.code(201).send({ id: rows[0].id });
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
  const appClient = new HttpClient(api.baseUrl, 64);
  const bareClient = new HttpClient(bareUrl, 64);
  const references: string[] = [];
  let k = 0;
  const failures: string[] = [];
  const viaApp = async () => {
    const r = await appClient.post('/api/public/complaints', complaintBody(b, schools, ++k));
    if (r.status === 201) references.push(JSON.parse(r.body).reference);
    else if (failures.length < 3) failures.push(`${r.status} ${r.body.slice(0, 300)}`);
    return r.status === 201;
  };
  const bareIds: string[] = [];
  const viaBare = async () => {
    const r = await bareClient.post('/bare', complaintBody(b, schools, ++k));
    if (r.status === 201) bareIds.push(JSON.parse(r.body).id);
    return r.status === 201;
  };
  const rounds = b.opts.smoke ? 1 : 3;
  const slice = b.opts.intakeSeconds / rounds;
  const totals = { app: { ok: 0, failed: 0, s: 0 }, bare: { ok: 0, failed: 0, s: 0 } };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [key, fn] of [
        ['app', viaApp],
        ['bare', viaBare],
      ] as const) {
        const t = await throughput(32, slice, b.opts.smoke ? 0.3 : 1, fn);
        totals[key].ok += t.ok;
        totals[key].failed += t.failed;
        totals[key].s += t.seconds;
      }
    }
  } finally {
    appClient.close();
    bareClient.close();
    await bare.close();
    await pool.end();
  }
  const appRate = totals.app.ok / totals.app.s;
  const bareRate = totals.bare.ok / totals.bare.s;
  // Wait for the jobs of the last requests (enqueued after commit), then count what intake left behind.
  await sleep(200);
  const [sideEffects] = (
    await b.raw.query(
      `SELECT count(*)::int AS cases,
         (SELECT count(*) FROM case_events e WHERE e.case_id = ANY(array_agg(c.id)))::int AS events,
         (SELECT count(*) FROM deadlines d WHERE d.case_id = ANY(array_agg(c.id)))::int AS deadlines,
         (SELECT count(*) FROM outbox o WHERE o.case_id = ANY(array_agg(c.id)))::int AS outbox
       FROM cases c WHERE c.reference = ANY($1)`,
      [references],
    )
  ).rows;
  const queue = new Queue(QUEUE_NAME, { connection: { url: b.redis.url }, prefix: PREFIX } as never);
  const jobs = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
  await queue.close();
  b.opts.log(`  cleaning up ${references.length + bareIds.length} intake rows`);
  const intakeIds = (
    await b.raw.query(`SELECT id FROM cases WHERE reference = ANY($1)`, [references])
  ).rows.map((r) => r.id);
  await deleteCascade(b.raw, 'cases', `id = ANY($1::uuid[])`, [[...intakeIds, ...bareIds]]);
  await flushRedis(b);
  const ratio = appRate / bareRate;
  return [
    {
      id: '3',
      title: 'public complaint intake with all side effects, 32 concurrent',
      unit: '/s',
      measured: { value: appRate },
      limit: {
        what: 'bare Fastify handler inserting the case row in one transaction',
        measured: { value: bareRate },
      },
      ratio,
      goal: '≥ 0.5x bare handler',
      pass: ratio >= 0.5 && totals.app.failed === 0,
      available: true,
      note: totals.app.failed ? `${totals.app.failed} requests failed, e.g. ${failures[0]}` : undefined,
      details: { totals, sideEffects, jobsInRedis: jobs, poolSize: b.opts.poolSize, failures },
    },
  ];
}

/** Figure 6: Redis wiped; the reconciler re-adds every pending reminder's job from Postgres. */
export async function rebuildFigure(b: Bench, api: RunningApp): Promise<Figure[]> {
  const [{ pending }] = (
    await b.raw.query(
      `SELECT count(*)::int AS pending FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE r.status = 'pending' AND d.status = 'running'`,
    )
  ).rows;
  await flushRedis(b);
  const reconciler = api.app.get(ReconcilerService);
  const t = now();
  const result = await reconciler.runOnce();
  const seconds = (now() - t) / 1000;
  const queue = new Queue(QUEUE_NAME, { connection: { url: b.redis.url }, prefix: PREFIX } as never);
  const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
  await queue.close();
  const inRedis = counts.waiting + counts.delayed + counts.prioritized;
  // The limit: the same number of delayed jobs added from memory, in the same chunks, no database.
  await flushRedis(b);
  const limitQueue = new Queue(QUEUE_NAME, {
    connection: { url: b.redis.url },
    prefix: `${PREFIX}limit`,
  } as never);
  const t2 = now();
  const later = new Date(Date.now() + 30 * 86_400_000);
  for (let i = 0; i < pending; i += 1000) {
    const jobs = [];
    for (let j = i; j < Math.min(pending, i + 1000); j++) {
      const r = reminderJob(String(j + 1), later);
      jobs.push({
        name: r.name,
        data: r.payload,
        opts: {
          jobId: r.jobId,
          delay: 30 * 86_400_000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      });
    }
    await limitQueue.addBulk(jobs);
  }
  const limitSeconds = (now() - t2) / 1000;
  await limitQueue.close();
  await flushRedis(b);
  return [
    {
      id: '6',
      title: `Redis wiped with ${pending.toLocaleString('en')} pending reminders: time to rebuild`,
      unit: 's',
      measured: { value: seconds },
      limit: {
        what: 'adding the same number of jobs from memory (no database)',
        measured: { value: limitSeconds },
      },
      ratio: seconds / limitSeconds,
      goal: '≤ 30 s',
      pass: seconds <= 30 && inRedis >= pending,
      available: true,
      note: inRedis >= pending ? undefined : `only ${inRedis} of ${pending} jobs in Redis`,
      details: { pending, reconciler: result, jobsInRedis: counts },
    },
  ];
}

/**
 * Figure 5: due reminders through the real worker (reminder job → outbox row → email job →
 * nodemailer → SMTP sink), against a no-op BullMQ worker draining the same number of jobs on the
 * same queue, same concurrency.
 */
export async function remindersFigure(b: Bench): Promise<Figure[]> {
  const m = b.opts.reminders;
  b.opts.log(`  creating ${m.toLocaleString('en')} due reminders`);
  const fixture = await createReminderFixture(b, m);
  try {
    return await measureReminders(b, m, fixture);
  } finally {
    b.opts.log('  removing the reminder fixture');
    await flushRedis(b);
    await removeReminderFixture(b, m);
  }
}

async function measureReminders(
  b: Bench,
  m: number,
  fixture: { firstReminder: string; lastReminder: string },
): Promise<Figure[]> {
  await flushRedis(b);
  const connection = new Redis(b.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection, prefix: PREFIX });
  await queue.pause();
  // The reconciler must not start a full rebuild (all seeded reminders): mark Redis as intact.
  await connection.set(`${PREFIX}:reconciler:marker`, new Date().toISOString());
  const worker = await startApp(b, 'worker');
  let seconds = NaN;
  let enqueueSeconds = NaN;
  let sent = 0;
  const base = b.smtp.received;
  try {
    const { rows } = await b.raw.query(
      `SELECT id::text AS id, fire_at AS "fireAt" FROM reminders WHERE id BETWEEN $1 AND $2 AND status = 'pending' ORDER BY id`,
      [fixture.firstReminder, fixture.lastReminder],
    );
    const te = now();
    for (let i = 0; i < rows.length; i += 1000) {
      await queue.addBulk(
        rows.slice(i, i + 1000).map((r) => {
          const j = reminderJob(r.id, new Date(r.fireAt));
          return {
            name: j.name,
            data: j.payload,
            opts: { jobId: j.jobId, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
          };
        }),
      );
    }
    enqueueSeconds = (now() - te) / 1000;
    const t = now();
    await queue.resume();
    const done = await waitUntil(
      async () => {
        if (b.smtp.received - base < m) return false;
        const [{ left }] = (
          await b.raw.query(
            `SELECT count(*)::int AS left FROM reminders WHERE id BETWEEN $1 AND $2 AND status = 'pending'`,
            [fixture.firstReminder, fixture.lastReminder],
          )
        ).rows;
        return left === 0;
      },
      b.opts.smoke ? 120_000 : 1_200_000,
      250,
    );
    seconds = (now() - t) / 1000;
    sent = b.smtp.received - base;
    if (!done) b.opts.log(`  reminders: timed out with ${sent} of ${m} emails`);
  } finally {
    await worker.close();
  }
  const rate = sent >= m ? m / seconds : sent / seconds;

  // The no-op worker on the same queue, same concurrency, same number of jobs.
  await flushRedis(b);
  await connection.set(`${PREFIX}:reconciler:marker`, new Date().toISOString());
  await queue.pause();
  for (let i = 0; i < m; i += 1000) {
    const jobs = [];
    for (let j = i; j < Math.min(m, i + 1000); j++) {
      jobs.push({
        name: 'noop',
        data: { reminderId: String(j) },
        opts: { jobId: `noop-${j}`, attempts: 5, removeOnComplete: true },
      });
    }
    await queue.addBulk(jobs);
  }
  let processed = 0;
  const noopConnection = new Redis(b.redis.url, { maxRetriesPerRequest: null });
  const noop = new Worker(
    QUEUE_NAME,
    async () => {
      processed++;
    },
    { connection: noopConnection, prefix: PREFIX, concurrency: b.opts.workerConcurrency, autorun: true },
  );
  const tn = now();
  await queue.resume();
  await waitUntil(async () => processed >= m, 300_000, 20);
  const noopRate = processed / ((now() - tn) / 1000);
  await noop.close();
  noopConnection.disconnect();
  await queue.close();
  connection.disconnect();
  await flushRedis(b);
  const ratio = rate / noopRate;
  return [
    {
      id: '5',
      title: `${m.toLocaleString('en')} due reminders through to the SMTP sink`,
      unit: '/s',
      measured: { value: rate },
      limit: {
        what: 'no-op BullMQ worker on the same queue, same concurrency',
        measured: { value: noopRate },
      },
      ratio,
      goal: '≥ 1,000/s and ≥ 0.3x no-op worker',
      pass: sent >= m && rate >= 1000 && ratio >= 0.3,
      available: true,
      note: sent >= m ? undefined : `only ${sent} of ${m} emails arrived`,
      details: {
        reminders: m,
        emails: sent,
        seconds,
        enqueueSeconds,
        workerConcurrency: b.opts.workerConcurrency,
      },
    },
  ];
}

/** Cases with a running deadline and one reminder due now each: half to a school, half to the assigned jurist. */
async function removeReminderFixture(b: Bench, m: number): Promise<void> {
  // Ids are a function of k, so what an interrupted run left is found by the index.
  await deleteCascade(
    b.raw,
    'cases',
    `id IN (SELECT bench_uuid('bench-reminder-' || k) FROM generate_series(1, $1::int) k)`,
    [Math.max(m, 100_000)],
  );
}

async function createReminderFixture(
  b: Bench,
  m: number,
): Promise<{ firstReminder: string; lastReminder: string }> {
  await removeReminderFixture(b, m);
  await b.raw.query(
    `INSERT INTO cases (id, type, reference, status, channel, received_on, school_id, assignee_id, student_name, student_email,
       student_language, subject, description, filed_with_school_on, school_deadline, escalated_on, next_due_on)
     SELECT bench_uuid('bench-reminder-' || k), 'complaint', 'BR-' || extract(year FROM $1::date) || '-' || lpad(k::text, 6, '0'),
       CASE WHEN k % 2 = 0 THEN 'school_stage' ELSE 'under_review' END, 'web', $1::date - 30,
       bench_uuid('bench-school-' || (1 + k % 20)), CASE WHEN k % 2 = 1 THEN bench_uuid('bench-staff-jurist' || (1 + k % 25)) END,
       'Reminder Student ' || k, 'reminder' || k || '@student.bench', 'nl', 'Reminder benchmark', 'Een klacht voor de herinneringen.',
       $1::date - 30, $1::date + 12, CASE WHEN k % 2 = 1 THEN $1::date - 20 END, $1::date + 12
     FROM generate_series(1, $2::int) k`,
    [b.today, m],
  );
  const fixtureCases = `SELECT bench_uuid('bench-reminder-' || k) AS id FROM generate_series(1, $1::int) k`;
  await b.raw.query(
    `INSERT INTO deadlines (case_id, kind, due_on, explanation, status)
     SELECT c.id, CASE WHEN c.status = 'school_stage' THEN 'school_stage' ELSE 'decision' END, c.next_due_on,
       jsonb_build_object('from', c.received_on, 'deadline', c.next_due_on, 'period', jsonb_build_object('unit', 'weeks', 'amount', 6),
         'rawEnd', c.next_due_on, 'extensionWeeks', 0, 'pausedDays', 0, 'skipped', '[]'::jsonb, 'rolledOver', false), 'running'
     FROM cases c WHERE c.id IN (${fixtureCases})`,
    [m],
  );
  const { rows } = await b.raw.query(
    `INSERT INTO reminders (deadline_id, kind, fire_at, status)
     SELECT d.id, CASE WHEN d.kind = 'school_stage' THEN 'school_before' ELSE 'staff_before' END, now() - interval '1 second', 'pending'
     FROM deadlines d WHERE d.case_id IN (${fixtureCases}) ORDER BY d.id
     RETURNING id`,
    [m],
  );
  const ids = rows.map((r) => BigInt(r.id)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { firstReminder: String(ids[0]), lastReminder: String(ids[ids.length - 1]) };
}

/**
 * Figure 7: quality-mark withdrawal for a school with N active contracts, through
 * POST /api/schools/{id}/quality-mark: time until every contract is flagged and every email is
 * an outbox row with its job in Redis. The limit: the same flagging and outbox rows as two SQL
 * statements in one transaction.
 */
export async function qualityMarkFigure(
  b: Bench,
  api: RunningApp,
  supervisor: HttpClient,
): Promise<Figure[]> {
  const unavailable = (why: string): Figure[] => [
    {
      id: '7',
      title: 'quality-mark withdrawal fan-out',
      unit: 's',
      goal: '≤ 15 s',
      pass: null,
      available: false,
      note: `not available: ${why}`,
    },
  ];
  const hasTable = (await b.raw.query(`SELECT to_regclass('contracts') IS NOT NULL AS ok`)).rows[0].ok;
  if (!hasTable) return unavailable('no contracts table');
  const probe = await supervisor.post(`/api/schools/00000000-0000-4000-8000-000000000000/quality-mark`, {
    status: 'withdrawn',
    effectiveOn: b.today,
    reason: 'probe',
  });
  if (probe.status === 404 && !/School/i.test(probe.body))
    return unavailable('POST /api/schools/{id}/quality-mark is not there');
  const n = b.opts.contracts;
  const makeSchool = async (tag: string) => {
    const { rows } = await b.raw.query(
      `INSERT INTO schools (name, city, complaints_email, quality_mark) VALUES ($1, 'Utrecht', $2, 'keurmerk') RETURNING id`,
      [`Bench withdrawal ${tag} ${Date.now()}`, `withdrawal-${tag}@school.bench`],
    );
    const id = rows[0].id as string;
    await b.raw.query(
      `INSERT INTO contracts (school_id, contract_number, student_name, student_email, student_language, signed_on, start_date,
         planned_end_date, course_type, education_level, hourly_rate_cents, planned_hours, hours_per_week_hundredths, funder)
       SELECT $1, 'BW-' || k, 'Contract Student ' || k, 'contract' || k || '-' || $2 || '@student.bench', CASE WHEN k % 5 = 0 THEN 'en' ELSE 'nl' END,
         $3::date - 60, $3::date - 50, $3::date + 300, 'nt2', 'middle', 1500, 400, 800, CASE WHEN k % 3 = 0 THEN 'self' ELSE 'duo_loan' END
       FROM generate_series(1, $4::int) k`,
      [id, tag, b.today, n],
    );
    return id;
  };
  let schoolA = '';
  let schoolB = '';
  try {
    schoolA = await makeSchool('a');
    schoolB = await makeSchool('b');
    await b.raw.query('ANALYZE contracts');
    // The limit, on school B.
    const tl = now();
    await b.raw.query('BEGIN');
    await b.raw.query(
      `UPDATE contracts SET quality_mark_ground_on = $2, updated_at = now() WHERE school_id = $1 AND status = 'active'`,
      [schoolB, b.today],
    );
    await b.raw.query(
      `INSERT INTO outbox (template, language, recipient, data, status)
       SELECT 'quality_mark_withdrawn', student_language, student_email, jsonb_build_object('studentName', student_name, 'contractNumbers', contract_number), 'pending'
       FROM contracts WHERE school_id = $1`,
      [schoolB],
    );
    await b.raw.query('COMMIT');
    const limitSeconds = (now() - tl) / 1000;
    // The real thing, on school A.
    const t = now();
    const r = await supervisor.post(`/api/schools/${schoolA}/quality-mark`, {
      status: 'withdrawn',
      effectiveOn: b.today,
      reason: 'Benchmark: keurmerk ingetrokken',
    });
    const seconds = (now() - t) / 1000;
    if (r.status !== 200) return unavailable(`the route answered ${r.status}: ${r.body.slice(0, 200)}`);
    const [check] = (
      await b.raw.query(
        `SELECT count(*) FILTER (WHERE quality_mark_ground_on IS NOT NULL)::int AS flagged,
           (SELECT count(*) FROM outbox WHERE template = 'quality_mark_withdrawn' AND recipient LIKE '%-a@student.bench')::int AS emails
         FROM contracts WHERE school_id = $1`,
        [schoolA],
      )
    ).rows;
    const queue = new Queue(QUEUE_NAME, { connection: { url: b.redis.url }, prefix: PREFIX } as never);
    const jobs = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
    await queue.close();
    const complete =
      check.flagged === n && check.emails === n && jobs.waiting + jobs.delayed + jobs.prioritized >= n;
    return [
      {
        id: '7',
        title: `quality-mark withdrawal: ${n.toLocaleString('en')} active contracts flagged, emails queued`,
        unit: 's',
        measured: { value: seconds },
        limit: {
          what: 'the same flags and outbox rows as two SQL statements in one transaction',
          measured: { value: limitSeconds },
        },
        ratio: seconds / limitSeconds,
        goal: '≤ 15 s',
        pass: seconds <= 15 && complete,
        available: true,
        note: complete ? undefined : `incomplete: ${JSON.stringify({ ...check, jobs })}`,
        details: { contracts: n, ...check, jobsInRedis: jobs },
      },
    ];
  } finally {
    await flushRedis(b);
    for (const id of [schoolA, schoolB].filter(Boolean)) {
      await deleteCascade(b.raw, 'outbox', `recipient LIKE $1`, [
        `%-${id === schoolA ? 'a' : 'b'}@student.bench`,
      ]).catch((e) => b.opts.log(`  cleanup of outbox rows failed: ${(e as Error).message}`));
      await deleteCascade(b.raw, 'schools', `id = $1`, [id]).catch((e) =>
        b.opts.log(`  cleanup of school failed: ${(e as Error).message}`),
      );
    }
  }
}
