/**
 * Shared helpers for the fault drills (test/drills/*.test.ts). A drill starts the real thing
 * (`node dist/src/main.js` per role), breaks Redis, Postgres, SMTP or the worker on purpose,
 * and counts from Postgres and from the SMTP server what came out. Every drill stops what it
 * started, by pid, and nothing else.
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  WriteStream,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CLOCK_OFFSET_MS, dbUrl, PG_ADMIN_URL } from '../support/env.js';
import { createTestDatabase, dropTestDatabase } from '../support/harness.js';
import { freePort, OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run drills -- --full` sets DRILLS_FULL=1: the sizes of issue 7. Otherwise CI sizes. */
export const FULL = process.env.DRILLS_FULL === '1';
export const size = <T>(ci: T, full: T): T => (FULL ? full : ci);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` is true; throws naming `what` (and the last `detail`) when the time is up. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  detail?: () => unknown | Promise<unknown>,
  everyMs = 100,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const d = detail ? await detail() : undefined;
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${d === undefined ? '' : `: ${JSON.stringify(d)}`}`,
      );
    }
    await sleep(everyMs);
  }
}

/** The one line a drill prints, also appended to tmp/drill-figures.log for docs/operations.md. */
export function report(drill: string, figures: Record<string, string | number>): void {
  const line = `drill ${drill}: ${Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  console.log(line);
  try {
    mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
    appendFileSync(
      path.join(ROOT, 'tmp', 'drill-figures.log'),
      `${new Date().toISOString()} ${FULL ? 'full' : 'ci'} ${line}\n`,
    );
  } catch {
    /* the figures are in the test output anyway */
  }
}

// ------------------------------------------------------------------ processes

const started = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
// A safety net: if Jest ends this worker abruptly, the processes this file started go too (by pid).
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.pid) safeKill(child.pid, 'SIGKILL');
  for (const c of cleanups) c();
});

/** Removes this file's build copy (afterAll); the processes are stopped by Processes.stopAll. */
export function finish(): void {
  for (const c of cleanups.splice(0)) c();
}

function safeKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * A private copy of the build for this drill file, so that another engineer running
 * `npm run build` meanwhile cannot swap files under a process that is starting. `src` is
 * linked, not copied: the build reads its CSS from there (src/web/assets.ts).
 */
export function snapshotBuild(): string {
  const main = path.join(ROOT, 'dist/src/main.js');
  if (!existsSync(main))
    throw new Error('run `npm run build` first (scripts/drills.sh and scripts/test-all.sh do)');
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, 'tmp', 'drill-build-'));
  cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  symlinkSync(path.join(ROOT, 'src'), path.join(dir, 'src'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export type Role = 'api' | 'worker' | 'api,worker';

export interface DrillEnv {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  [setting: string]: string;
}

/** Settings for a drill process: quick reconciler rounds, no rate limit, logs as JSON lines. */
export function processEnv(e: DrillEnv, extra: Record<string, string> = {}): Record<string, string> {
  const { databaseUrl, redisUrl, smtpUrl, ...rest } = e;
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'test',
    TEST_CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS),
    HOST: '127.0.0.1',
    APP_URL: 'http://localhost:3999',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: 'drill',
    SMTP_URL: smtpUrl,
    SESSION_SECRET: 'drill-secret-drill-secret-drill-secret-0123',
    LOG_LEVEL: 'warn', // warnings and errors; the start-up lines the drills wait for are written regardless
    EMAIL_BACKOFF_MS: '200',
    EMAIL_MAX_ATTEMPTS: '8',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    RECONCILE_INTERVAL_SECONDS: '2',
    WORKER_CONCURRENCY: '10',
    // A killed worker's jobs are taken up again within 20 s instead of 60 s (the production default).
    WORKER_LOCK_SECONDS: '10',
    ...rest,
    ...extra,
  };
}

export class RoleProcess {
  readonly lines: string[] = [];
  private partial = '';
  private log: WriteStream;
  readonly exited: Promise<number | null>;
  exitCode: number | null = null;
  signal: NodeJS.Signals | null = null;
  /** When this process was seen to exit (Date.now()). */
  exitedAt: number | null = null;

  constructor(
    readonly name: string,
    readonly role: Role,
    readonly child: ChildProcess,
    readonly port: number | null,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile);
    const onData = (chunk: Buffer) => {
      this.log.write(chunk);
      const text = this.partial + chunk.toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      for (const p of parts) if (this.lines.length < 50_000) this.lines.push(p);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.signal = signal;
        this.exitedAt = Date.now();
        started.delete(child);
        this.log.end();
        resolve(code);
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
  get baseUrl(): string {
    if (!this.port) throw new Error(`${this.name} serves no HTTP`);
    return `http://127.0.0.1:${this.port}`;
  }

  tail(n = 30): string {
    return [...this.lines.slice(-n), this.partial].join('\n');
  }

  /** Waits for a log line; fails early (with the last lines) if the process exits instead. */
  async waitForLine(pattern: RegExp, timeoutMs = 30_000, from = 0): Promise<string> {
    const until = Date.now() + timeoutMs;
    let i = from;
    for (;;) {
      for (; i < this.lines.length; i++) if (pattern.test(this.lines[i])) return this.lines[i];
      if (!this.running)
        throw new Error(
          `${this.name} exited (${this.exitCode ?? this.signal}) before logging ${pattern}:\n${this.tail()}`,
        );
      if (Date.now() > until)
        throw new Error(`${this.name} did not log ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
      await sleep(50);
    }
  }

  /**
   * SIGKILL: no shutdown hooks, no goodbye; as a crash or an OOM kill. With `afterMs` the kill
   * is sent by a separate `sh` on its own clock, so that its instant does not line up with this
   * process's event loop (which also runs the test SMTP server: a kill sent from here tends to
   * land right after a burst of accepted messages, which a real crash does not).
   */
  async kill(afterMs?: number): Promise<void> {
    if (!this.running) return;
    if (afterMs === undefined) safeKill(this.pid, 'SIGKILL');
    else
      spawn('sh', ['-c', `sleep ${(afterMs / 1000).toFixed(3)}; kill -KILL ${this.pid}`], {
        stdio: 'ignore',
      });
    await this.exited;
  }

  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    safeKill(this.pid, 'SIGTERM');
    const t = setTimeout(() => safeKill(this.pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}

/** Collects what one drill file starts, so that afterAll can stop exactly that. */
export class Processes {
  readonly all: RoleProcess[] = [];
  private count = 0;
  readonly logDir: string;

  constructor(
    readonly drill: string,
    readonly buildDir: string,
  ) {
    this.logDir = path.join(ROOT, 'tmp', 'drill-logs', drill);
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
  }

  /** Starts `node dist/src/main.js` with the role; `ready` waits for /health/ready 200 (api) or the "worker running" line. */
  async start(
    role: Role,
    env: Record<string, string>,
    opts: { name?: string; wait?: 'ready' | 'listening' | 'none'; timeoutMs?: number } = {},
  ): Promise<RoleProcess> {
    this.count += 1;
    const name = opts.name ?? `${role.replace(',', '+')}-${this.count}`;
    const port = role.includes('api') ? await freePort() : null;
    const child = spawn(process.execPath, [path.join(this.buildDir, 'dist/src/main.js')], {
      env: { ...env, APP_ROLES: role, ...(port ? { PORT: String(port) } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.add(child);
    const p = new RoleProcess(name, role, child, port, path.join(this.logDir, `${name}.log`));
    this.all.push(p);
    const wait = opts.wait ?? 'ready';
    const timeoutMs = opts.timeoutMs ?? 60_000;
    if (wait === 'none') return p;
    if (role === 'worker') {
      await p.waitForLine(/"msg":"worker running"/, timeoutMs);
    } else {
      await p.waitForLine(/"msg":"listening"/, timeoutMs);
      if (wait === 'ready') await waitReady(p.baseUrl, timeoutMs, () => p.tail());
    }
    return p;
  }

  /** Stops every process of this drill that still runs: SIGKILL, by pid. */
  async stopAll(): Promise<void> {
    await Promise.all(this.all.map((p) => p.kill()));
  }
}

export async function readiness(baseUrl: string): Promise<{ status: number; body: any }> {
  try {
    const r = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: r.status, body: await r.json().catch(() => null) };
  } catch (e) {
    return { status: 0, body: { error: (e as Error).message } };
  }
}

export async function waitReady(baseUrl: string, timeoutMs: number, detail?: () => unknown): Promise<number> {
  let last: unknown;
  return waitUntil(
    async () => {
      const r = await readiness(baseUrl);
      last = r;
      return r.status === 200;
    },
    timeoutMs,
    `${baseUrl}/health/ready to answer 200`,
    () => ({ last, log: detail?.() }),
    200,
  );
}

// ------------------------------------------------------------------ databases

/** An empty database on the machine's Postgres (no template): the processes migrate it. */
export async function createEmptyDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return dbUrl(name);
}

export function pool(url: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max: 4 });
  p.on('error', () => undefined); // a drill may restart the server under it
  return p;
}

/**
 * What most drills stand on: a migrated test database (and a pool on it), a Redis server and an
 * SMTP server of their own, and the role processes they start from the build snapshot.
 */
export interface DrillWorld {
  procs: Processes;
  dbName: string;
  redis: OwnRedis;
  smtp: TestSmtp;
  db: pg.Pool;
}

export async function startWorld(drill: string): Promise<DrillWorld> {
  const procs = new Processes(drill, snapshotBuild());
  const [dbName, redis, smtp] = await Promise.all([
    createTestDatabase(),
    OwnRedis.create(),
    new TestSmtp().start(),
  ]);
  return { procs, dbName, redis, smtp, db: pool(dbUrl(dbName)) };
}

/** Stops whatever of a world was started (processes first, the database last), then reports. */
export async function stopWorld(w: Partial<DrillWorld>): Promise<void> {
  await w.procs?.stopAll();
  await w.db?.end();
  await w.smtp?.stop();
  await w.redis?.destroy();
  if (w.dbName) await dropTestDatabase(w.dbName).catch(() => undefined);
  finish();
}

export async function one<T = any>(db: pg.Pool, text: string, params: unknown[] = []): Promise<T> {
  const r = await db.query(text, params);
  return r.rows[0] as T;
}

export async function count(db: pg.Pool, text: string, params: unknown[] = []): Promise<number> {
  const r = await db.query(text, params);
  return Number(Object.values(r.rows[0] ?? { n: 0 })[0]);
}

/** A school straight in Postgres (its own complaints address, so its reminders can be counted). */
export async function insertSchool(
  db: pg.Pool,
  tag: string,
): Promise<{ id: string; email: string; name: string }> {
  const email = `klachten-${tag}@school.test`;
  const name = `Drill school ${tag}`;
  const row = await one(
    db,
    `INSERT INTO schools (name, city, complaints_email, quality_mark) VALUES ($1, 'Utrecht', $2, 'keurmerk') RETURNING id`,
    [name, email],
  );
  return { id: row.id, email, name };
}

/** Outbox rows written straight in Postgres, as a case would have written them. */
export async function insertOutbox(db: pg.Pool, n: number, tag: string): Promise<string[]> {
  const r = await db.query(
    `INSERT INTO outbox (template, language, recipient, data, status)
     SELECT 'school_deadline_reminder', 'nl', $2 || '-' || g || '@school.test',
       jsonb_build_object('reference', 'K-DRILL-' || g, 'schoolName', 'Drill school', 'dueOn', '2030-01-01', 'studentName', 'Student ' || g, 'subject', 'Drill'),
       'pending'
     FROM generate_series(1, $1::int) g ORDER BY g RETURNING id::text`,
    [n, tag],
  );
  return r.rows.map((x: { id: string }) => x.id);
}

export async function outboxStatus(
  db: pg.Pool,
  where = 'true',
  params: unknown[] = [],
): Promise<Record<string, number>> {
  const r = await db.query(
    `SELECT status, count(*)::int AS n FROM outbox WHERE ${where} GROUP BY status`,
    params,
  );
  return Object.fromEntries(r.rows.map((x: { status: string; n: number }) => [x.status, x.n]));
}

// ------------------------------------------------------------------ SMTP counts

/** Deliveries per outbox id, read from the Message-ID (`<outbox-<id>@host>`) of what the server accepted. */
export function deliveries(smtp: TestSmtp): Map<string, number> {
  const m = new Map<string, number>();
  for (const msg of smtp.messages) {
    const id = /outbox-(\d+)@/.exec(msg.messageId)?.[1];
    if (id) m.set(id, (m.get(id) ?? 0) + 1);
  }
  return m;
}

/** Messages per recipient address, in one pass (the drills count thousands: no per-address scans). */
export function byRecipient(smtp: TestSmtp): Map<string, number> {
  const m = new Map<string, number>();
  for (const msg of smtp.messages) for (const to of msg.to) m.set(to, (m.get(to) ?? 0) + 1);
  return m;
}

/** Messages to one address per case reference (K-2026-000123) in their subject (only subjects matching `subject` when given), in one pass. */
export function byReference(smtp: TestSmtp, address: string, subject?: RegExp): Map<string, number> {
  const m = new Map<string, number>();
  const to = address.toLowerCase();
  for (const msg of smtp.messages) {
    if (!msg.to.includes(to) || (subject && !subject.test(msg.subject))) continue;
    const ref = /\b[A-Z]-\d{4}-\d{6}\b/.exec(msg.subject)?.[0];
    if (ref) m.set(ref, (m.get(ref) ?? 0) + 1);
  }
  return m;
}

/** For the outbox ids expected: how many arrived, how many never did, and how many extra copies. */
export function tally(
  smtp: TestSmtp,
  expected: Iterable<string>,
): { delivered: number; lost: number; duplicated: number; unexpected: number } {
  const got = deliveries(smtp);
  const want = new Set(expected);
  let delivered = 0;
  let duplicated = 0;
  for (const id of want) {
    const n = got.get(id) ?? 0;
    if (n > 0) delivered += 1;
    if (n > 1) duplicated += n - 1;
  }
  let unexpected = 0;
  for (const id of got.keys()) if (!want.has(id)) unexpected += 1;
  return { delivered, lost: want.size - delivered, duplicated, unexpected };
}

/**
 * Which copies too many a kill explains. Sending is at least once: a kill after the SMTP server
 * accepted a message (answered 250) and before the worker marked its row sent makes the job run
 * again and send it again. Such a copy's first delivery came shortly before a worker died; any
 * other copy is a bug. A kill can explain at most one copy per job it had running
 * (WORKER_CONCURRENCY).
 */
export function explainDuplicates(
  smtp: TestSmtp,
  ids: Iterable<string>,
  deaths: number[],
  windowMs = 5000,
): { duplicated: number; unexplained: string[]; maxPerKill: number } {
  const want = new Set(ids);
  const first = new Map<string, number>();
  const copies = new Map<string, number>();
  for (const m of smtp.messages) {
    const id = /outbox-(\d+)@/.exec(m.messageId)?.[1];
    if (!id || !want.has(id)) continue;
    copies.set(id, (copies.get(id) ?? 0) + 1);
    first.set(id, Math.min(first.get(id) ?? Infinity, m.receivedAt));
  }
  const perKill = deaths.map(() => 0);
  const unexplained: string[] = [];
  let duplicated = 0;
  for (const [id, n] of copies) {
    if (n < 2) continue;
    duplicated += n - 1;
    const at = first.get(id)!;
    // Up to a moment after the death too: the server may accept a message before it has noticed
    // that the client hung up (a real server answering 250 to a dead connection does the same).
    const k = deaths.findIndex((d) => at <= d + 2000 && at >= d - windowMs);
    if (k < 0) unexplained.push(`${id}@${deaths.map((d) => at - d).join('/')}ms`);
    else perKill[k] += n - 1;
  }
  return { duplicated, unexplained, maxPerKill: Math.max(0, ...perKill) };
}

// ------------------------------------------------------------------ public forms

let formN = 0;

/** One public complaint form, as a browser would post it. `status` 0 means no answer at all. */
export async function submitComplaint(
  baseUrl: string,
  schoolId: string,
  tag: string,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; reference?: string; email: string }> {
  formN += 1;
  const email = `${tag}-${formN}-${process.pid}@student.test`;
  try {
    const r = await fetch(`${baseUrl}/api/public/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        student: { name: `Student ${formN}`, email, language: formN % 2 ? 'en' : 'nl' },
        schoolId,
        subject: 'Lessons cancelled',
        description: 'My school cancelled many lessons and did not answer my questions.',
        ...extra,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await r.json().catch(() => null)) as { reference?: string } | null;
    return { status: r.status, reference: body?.reference, email };
  } catch {
    return { status: 0, email };
  }
}

/** Runs `task` with at most `parallel` at once, until `more()` says stop; returns the results. */
export async function loop<T>(
  parallel: number,
  more: (i: number) => boolean,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (more(i)) {
        const k = i++;
        results.push(await task(k));
      }
    }),
  );
  return results;
}

// ------------------------------------------------------------------ a Postgres of the drill's own

/**
 * A Postgres cluster of the drill's own (initdb + pg_ctl on a free port in a temp dir), so that
 * the drill can restart it without touching the machine's. Postgres refuses to run as root:
 * then the cluster belongs to the `postgres` user and the commands run through runuser.
 */
export class OwnPostgres {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
    private readonly asUser: string | null,
  ) {}

  static async create(): Promise<OwnPostgres> {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`))
      .sort((a, b) => Number(b) - Number(a));
    if (!versions.length)
      throw new Error(
        'no /usr/lib/postgresql/*/bin/pg_ctl: Postgres server binaries are needed for this drill',
      );
    const bin = `/usr/lib/postgresql/${versions[0]}/bin`;
    const root = process.getuid?.() === 0;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bow-pg-'));
    const pgOwn = new OwnPostgres(await freePort(), dir, bin, root ? 'postgres' : null);
    cleanups.push(() => pgOwn.killNow());
    if (root) await pgOwn.exec('chown', ['postgres:postgres', dir], false);
    const init = await pgOwn.exec(`${bin}/initdb`, [
      '-D',
      `${dir}/data`,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    if (init.code !== 0) throw new Error(`initdb failed: ${init.out}`);
    await pgOwn.start();
    return pgOwn;
  }

  url(db = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  private exec(cmd: string, args: string[], asOwner = true): Promise<{ code: number; out: string }> {
    const [file, argv] =
      asOwner && this.asUser ? ['runuser', ['-u', this.asUser, '--', cmd, ...args]] : [cmd, args];
    return new Promise((resolve) => {
      const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => resolve({ code: code ?? -1, out }));
      child.on('error', (e) => resolve({ code: -1, out: e.message }));
    });
  }

  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100`;
    const r = await this.exec(`${this.bin}/pg_ctl`, [
      '-D',
      `${this.dir}/data`,
      '-o',
      opts,
      '-l',
      `${this.dir}/server.log`,
      '-w',
      '-t',
      '30',
      'start',
    ]);
    if (r.code !== 0) throw new Error(`pg_ctl start failed: ${r.out}\n${this.serverLog()}`);
  }

  /** Fast shutdown: open connections are cut, as in a restart or a failover. */
  async stop(): Promise<void> {
    const r = await this.exec(`${this.bin}/pg_ctl`, [
      '-D',
      `${this.dir}/data`,
      '-m',
      'fast',
      '-w',
      '-t',
      '30',
      'stop',
    ]);
    if (r.code !== 0) throw new Error(`pg_ctl stop failed: ${r.out}`);
  }

  serverLog(): string {
    try {
      return readFileSync(`${this.dir}/server.log`, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  }

  /** The postmaster's pid, from its pid file (the process pg_ctl started for us). */
  private postmasterPid(): number | null {
    try {
      return Number(readFileSync(`${this.dir}/data/postmaster.pid`, 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  }

  private killNow(): void {
    const pid = this.postmasterPid();
    if (pid) safeKill(pid, 'SIGQUIT'); // immediate shutdown of the postmaster we started
  }

  async destroy(): Promise<void> {
    if (this.postmasterPid()) {
      await this.exec(`${this.bin}/pg_ctl`, [
        '-D',
        `${this.dir}/data`,
        '-m',
        'immediate',
        '-w',
        '-t',
        '30',
        'stop',
      ]);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
