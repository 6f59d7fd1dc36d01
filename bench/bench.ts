import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { amsterdamDate } from '../src/common/dates.js';
import { type Bench, type BenchOptions, type Figure, startApp } from './context.js';
import { consoleFigure, countFigures, listFigures, searchFigures } from './figures-read.js';
import { intakeFigure, qualityMarkFigure, rebuildFigure, remindersFigure } from './figures-write.js';
import { BenchRedis, SmtpSink } from './infra.js';
import { HttpClient } from './measure.js';
import { markdownTable, textTable } from './report.js';
import { BENCH_PASSWORD, dbUrl, ensureSeeded, type SeedInfo } from './seed.js';

export const FULL_SIZE = 1_000_000;
export const SMOKE_SIZE = 20_000;
/** Every figure the benchmark produces, by number. */
export const FIGURES = ['1', '2', '3', '4', '5', '6', '7', '8'];

export function options(argv: string[], env: Record<string, string | undefined> = {}): BenchOptions {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  };
  const smoke = argv.includes('--smoke');
  const cases = Number(arg('cases') ?? (smoke ? SMOKE_SIZE : FULL_SIZE));
  if (!Number.isInteger(cases) || cases < 1000)
    throw new Error('--cases must be a whole number of at least 1000');
  const scale = Math.min(1, cases / FULL_SIZE);
  return {
    cases,
    smoke,
    pgAdminUrl:
      arg('pg') ??
      env.BENCH_PG_ADMIN_URL ??
      env.TEST_PG_ADMIN_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
    outDir: arg('out') ?? path.resolve('bench/results'),
    only: arg('only')?.split(','),
    log: (msg) => console.log(msg),
    iterations: Number(arg('iterations') ?? (smoke ? 20 : 200)),
    intakeSeconds: Number(arg('intake-seconds') ?? (smoke ? 2 : 15)),
    reminders: Number(
      arg('reminders') ?? (smoke ? 1000 : Math.max(1000, Math.round(100_000 * Math.max(scale, 0.2)))),
    ),
    contracts: Number(arg('contracts') ?? (smoke ? 500 : 10_000)),
    poolSize: Number(arg('pool') ?? 10),
    workerConcurrency: Number(arg('concurrency') ?? 10),
  };
}

export interface BenchResult {
  size: number;
  smoke: boolean;
  seed: SeedInfo;
  figures: Figure[];
  /** The trigger-kept counts equal count(*) after every write of the run. */
  countsConsistent: boolean | null;
  missed: Figure[];
  machine: Record<string, unknown>;
  startedAt: string;
  seconds: number;
  files: string[];
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const startLoad = os.loadavg().map((l) => Number(l.toFixed(2)));
  const log = opts.log;
  const want = (id: string) => !opts.only || opts.only.includes(id);
  log(`benchmark: ${opts.cases.toLocaleString('en')} cases${opts.smoke ? ' (smoke)' : ''}`);
  const seed = await ensureSeeded(opts.pgAdminUrl, opts.cases, log);
  const redis = await new BenchRedis().start();
  const smtp = await new SmtpSink().start();
  const url = dbUrl(opts.pgAdminUrl, seed.database);
  const raw = new pg.Client({ connectionString: url, application_name: 'bow-bench' });
  await raw.connect();
  const figures: Figure[] = [];
  let countsConsistent: boolean | null = null;
  const guard = async (ids: string[], title: string, fn: () => Promise<Figure[]>) => {
    if (!ids.some(want)) return;
    log(`figure ${ids.join(', ')}: ${title}`);
    try {
      const got = await fn();
      figures.push(...got);
      for (const f of got)
        log(`  ${f.id}: ${f.available ? (f.pass ? 'pass' : 'FAIL') : 'n/a'} ${f.note ?? ''}`);
    } catch (e) {
      log(`  figure ${ids.join(', ')} could not be produced: ${(e as Error).stack ?? e}`);
      for (const id of ids)
        figures.push({
          id,
          title,
          unit: 'ms',
          goal: '',
          pass: false,
          available: true,
          note: `error: ${(e as Error).message}`,
        });
    }
  };
  try {
    const staffIds = (
      await raw.query(
        `SELECT id, email FROM staff_users WHERE email IN ('jurist1@bench.test', 'jurist2@bench.test') ORDER BY email`,
      )
    ).rows;
    const b: Bench = {
      opts,
      seed,
      dbUrl: url,
      redis,
      smtp,
      raw,
      today: amsterdamDate(new Date()),
      ids: {
        jurist: staffIds[0].id,
        jurist2: staffIds[1].id,
        juristEmail: 'jurist1@bench.test',
        supervisorEmail: 'supervisor1@bench.test',
      },
    };
    const api = await startApp(b, 'api');
    try {
      const staff = new HttpClient(api.baseUrl, 4);
      await staff.login(b.ids.juristEmail, BENCH_PASSWORD);
      const supervisor = new HttpClient(api.baseUrl, 4);
      await supervisor.login(b.ids.supervisorEmail, BENCH_PASSWORD);
      await guard(['1a', '1b', '1c', '1d'], 'case lists and a case with its timeline, API vs raw SQL', () =>
        listFigures(b, api, staff),
      );
      await guard(['2a', '2b', '2c', '2d', '2e'], 'full-text search (as a supervisor: every case)', () =>
        searchFigures(b, api, supervisor),
      );
      await guard(['4'], 'start page counts', () => countFigures(b, api));
      await guard(['8'], 'console case list page', () => consoleFigure(b, staff));
      await guard(['3'], 'public intake vs bare handler', () => intakeFigure(b, api));
      await guard(['6'], 'rebuilding Redis from Postgres', () => rebuildFigure(b, api));
      await guard(['7'], 'quality-mark withdrawal', () => qualityMarkFigure(b, api, supervisor));
      staff.close();
      supervisor.close();
    } finally {
      await api.close();
    }
    await guard(['5'], 'due reminders to SMTP', () => remindersFigure(b));
    // The counts kept by triggers must still equal count(*) after all the writes above.
    const [check] = (
      await raw.query(
        `SELECT (SELECT jsonb_agg(x ORDER BY x.status) FROM (SELECT status, count(*)::int AS n FROM cases WHERE open GROUP BY status) x) =
                (SELECT jsonb_agg(y ORDER BY y.status) FROM (SELECT status, sum(n)::int AS n FROM case_counts_by_status WHERE open GROUP BY status HAVING sum(n) > 0) y)
            AND NOT EXISTS (SELECT school_id, open, count(*)::int FROM cases WHERE school_id IS NOT NULL GROUP BY 1, 2
                            EXCEPT SELECT school_id, open, n FROM case_counts_by_school WHERE n <> 0) AS ok`,
      )
    ).rows;
    countsConsistent = check.ok === true;
    log(`counts kept by the triggers equal count(*) after the writes: ${countsConsistent ? 'yes' : 'NO'}`);
  } finally {
    await raw.end();
    await smtp.stop();
    await redis.stop();
  }

  const machine = await machineInfo(url);
  const missed = figures.filter((f) => f.available && !f.pass);
  machine.loadAverageAtStart = startLoad;
  const result: BenchResult = {
    size: opts.cases,
    smoke: opts.smoke,
    seed,
    figures,
    countsConsistent,
    missed,
    machine,
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    files: [],
  };
  log('');
  log(textTable(figures));
  mkdirSync(opts.outDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const base = path.join(opts.outDir, `bench-${opts.cases}-${stamp}`);
  const md = [
    `# Benchmark: ${opts.cases.toLocaleString('en')} cases${opts.smoke ? ' (smoke)' : ''}`,
    '',
    `Run ${result.startedAt}, ${result.seconds.toFixed(0)} s. Seed: ${seed.cases.toLocaleString('en')} cases, ${seed.events.toLocaleString('en')} events, ` +
      `${seed.deadlines.toLocaleString('en')} deadlines, ${seed.reminders.toLocaleString('en')} reminders (${seed.pendingReminders.toLocaleString('en')} pending); ` +
      `${seed.reused ? `reused, seeded ${seed.seededAt} in ${seed.seconds.toFixed(0)} s` : `seeded in ${seed.seconds.toFixed(0)} s`}.`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}, shared_buffers ${machine.sharedBuffers}; ` +
      `load average at the start ${startLoad.join(' / ')}, at the end ${(machine.loadAverage as number[]).join(' / ')}.`,
    '',
    markdownTable(figures),
    '',
  ].join('\n');
  for (const [file, content] of [
    [`${base}.json`, JSON.stringify(result, null, 2)],
    [`${base}.md`, md],
    [path.join(opts.outDir, `latest-${opts.cases}.json`), JSON.stringify(result, null, 2)],
    [path.join(opts.outDir, `latest-${opts.cases}.md`), md],
  ]) {
    writeFileSync(file, content);
    result.files.push(file);
  }
  log(`\nresults: ${base}.json, ${base}.md`);
  return result;
}

async function machineInfo(url: string): Promise<Record<string, unknown>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const [v] = (await c.query(`SELECT version() AS version, current_setting('shared_buffers') AS sb`)).rows;
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: String(v.version).split(' on ')[0],
      sharedBuffers: v.sb,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    };
  } finally {
    await c.end();
  }
}
