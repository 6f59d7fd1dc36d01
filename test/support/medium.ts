import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { auditActor, type Caller, type StaffAuditActor } from '../../src/audit/actors.js';
import { AccountsService } from '../../src/auth/accounts.service.js';
import type { Role } from '../../src/auth/policy.js';
import { UsersRepository, type StaffUser } from '../../src/auth/users.repository.js';
import { Clock } from '../../src/common/clock.js';
import { addDays, isoWeekday } from '../../src/common/dates.js';
import { parseOrThrow } from '../../src/common/validation.js';
import type { Outcome } from '../../src/complaints/complaints.rules.js';
import { ComplaintsService } from '../../src/complaints/complaints.service.js';
import type { AppConfig } from '../../src/config/config.js';
import {
  createContractBody,
  invoiceBody,
  type CreateContractBody,
  type InvoiceBody,
} from '../../src/contracts/contracts.dto.js';
import type { ContractRow } from '../../src/contracts/contracts.repository.js';
import { workedExampleContract } from '../../src/contracts/worked-example.fixture.js';
import type { Lesson } from '../../src/contracts/contracts.rules.js';
import { ContractsService } from '../../src/contracts/contracts.service.js';
import { DigidReportsService } from '../../src/digid-reports/digid-reports.service.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { createSchoolBody } from '../../src/schools/schools.dto.js';
import type { School } from '../../src/schools/schools.repository.js';
import { SchoolsService } from '../../src/schools/schools.service.js';
import { createTestDatabase, dropTestDatabase, PASSWORD, testConfig } from './harness.js';
import { TestSmtp } from './smtp.js';

/**
 * The middle test tier (docs/testing.md): the whole application on a database copied from the
 * migrated template and the real Redis, driven through its services without HTTP (no port is
 * opened), with one-line factories that make a school, a contract, a complaint, a DigiD report
 * or a staff member through the same services the routes call.
 */
export interface MediumOptions {
  /**
   * Run the real worker and a real SMTP server (`ctx.smtp`), as the HTTP harness does. Without
   * it nothing is sent: assert the outbox rows (`ctx.outbox`), the truth the worker sends from.
   */
  mail?: boolean;
  /** Settings to override (see testConfig in harness.ts). */
  env?: Record<string, string>;
}

export type ComplaintStage = 'intake' | 'school_stage' | 'escalated' | 'acknowledged' | 'decided';

export interface NewContractOptions extends Partial<Omit<CreateContractBody, 'student'>> {
  student?: Partial<{ name: string; email: string; language: 'nl' | 'en' }>;
  /** Lessons recorded after registration (e.g. `monWedLessons(...)`), in one batch. */
  lessons?: readonly Lesson[];
  /** Invoices recorded after the lessons, in this order. */
  invoices?: readonly InvoiceBody[];
}

let n = 0;
/** A number unique in this test file, for names, addresses and contract numbers. */
const next = () => `${++n}-${Date.now().toString(36)}`;

/** The contract of the worked example in domain-rules.md section 4 (EUR 12.99 an hour, 360 hours). */
function contractDefaults(schoolId: string): CreateContractBody {
  const k = next();
  return workedExampleContract(
    schoolId,
    { name: `Student ${k}`, email: `student${k}@medium.test`, language: 'en' },
    `C-${k}`,
  );
}

/** Two 4-hour lessons a week (Monday and Wednesday) from `from` up to and including `to`. */
export function monWedLessons(from: string, to: string): Lesson[] {
  const lessons: Lesson[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isoWeekday(d) === 1 || isoWeekday(d) === 3)
      lessons.push({ date: d, minutes: 240, mode: 'classroom' });
  }
  return lessons;
}

/** The worked example up to the notice: 28 lessons and EUR 2,000.00 paid from the loan on 2026-04-09. */
export function workedExampleProgress(): Pick<NewContractOptions, 'lessons' | 'invoices'> {
  return {
    lessons: monWedLessons('2026-01-05', '2026-04-08'),
    invoices: [{ invoiceDate: '2026-04-09', amountCents: 200000, status: 'paid' }],
  };
}

export class MediumContext {
  constructor(
    readonly app: NestFastifyApplication,
    readonly dataSource: DataSource,
    readonly config: AppConfig,
    readonly dbName: string,
    /** Administrator and supervisor: made by the app itself at start (ADMIN_EMAIL). */
    readonly admin: StaffUser,
    /** The real SMTP server, when started with `{ mail: true }`. */
    readonly smtp: TestSmtp | null,
  ) {}

  /** A service, repository or any other provider of the application, typed. */
  get<T>(type: Type<T>): T {
    return this.app.get(type, { strict: false });
  }

  /** The app's clock: the run's day (TEST_TODAY), the same as `today()` in harness.ts. */
  get clock(): Clock {
    return this.get(Clock);
  }
  today(): string {
    return this.clock.today();
  }

  /** The signed-in caller a service takes for `user`, and how the audit trail records them. */
  caller(user: StaffUser = this.admin): Caller {
    return { type: 'staff', user };
  }
  actor(user: StaffUser = this.admin): StaffAuditActor {
    return auditActor(user);
  }

  /** A staff member with this role (and an emailed welcome link), created by the admin as the console does. */
  async newStaff(role: Role, opts: { name?: string; email?: string; language?: 'nl' | 'en' } = {}) {
    const k = next();
    return this.get(AccountsService).create(
      {
        email: opts.email ?? `${role}${k}@bow.test`,
        name: opts.name ?? `${role} ${k}`,
        roles: [role],
        language: opts.language ?? 'en',
      },
      this.admin.id,
    );
  }

  /** A school holding the quality mark with a complaints regulation, unless told otherwise. */
  async newSchool(over: Partial<Record<keyof typeof createSchoolBody.shape, unknown>> = {}): Promise<School> {
    const k = next();
    const body = parseOrThrow(createSchoolBody, {
      name: `Taalschool ${k}`,
      city: 'Utrecht',
      complaintsEmail: `klachten${k}@school.test`,
      qualityMark: 'keurmerk',
      complaintsRegulationUrl: 'https://school.test/klachtenregeling',
      ...over,
    });
    return this.get(SchoolsService).create(body, this.admin.id);
  }

  /**
   * A contract as registered by staff: the worked example of domain-rules.md section 4 at a new
   * school unless told otherwise, then its lessons and invoices. The body is checked by the same
   * schema as POST /api/contracts.
   */
  async newContract(opts: NewContractOptions = {}): Promise<ContractRow> {
    const { lessons, invoices, student, ...over } = opts;
    const defaults = contractDefaults(over.schoolId ?? (await this.newSchool()).id);
    const body = parseOrThrow(createContractBody, {
      ...defaults,
      ...over,
      student: { ...defaults.student, ...student },
    });
    const contracts = this.get(ContractsService);
    const c = await contracts.create(body, this.actor());
    if (lessons?.length) await contracts.addLessons(c.id, lessons, this.actor());
    for (const i of invoices ?? [])
      await contracts.addInvoice(c.id, parseOrThrow(invoiceBody, i), this.actor());
    return lessons?.length || invoices?.length ? contracts.get(c.id) : c;
  }

  /**
   * A complaint filed through the public form, brought to `stage` by staff: `intake` (not filed
   * with the school), `school_stage` (filed with the school two days ago), `escalated` (the
   * school's six weeks passed), `acknowledged`, `decided` (founded).
   */
  async newComplaint(
    opts: {
      stage?: ComplaintStage;
      schoolId?: string;
      student?: Partial<{ name: string; email: string; language: 'nl' | 'en' }>;
      filedWithSchoolOn?: string;
      subject?: string;
      description?: string;
      /** The decision's outcome at stage `decided`. */
      outcome?: Outcome;
    } = {},
  ) {
    const stage = opts.stage ?? 'school_stage';
    const k = next();
    const email = opts.student?.email ?? `student${k}@medium.test`;
    const complaints = this.get(ComplaintsService);
    const filedOn =
      opts.filedWithSchoolOn ??
      (stage === 'intake' ? undefined : addDays(this.today(), stage === 'school_stage' ? -2 : -60));
    const created = await complaints.create(
      {
        student: { name: `Student ${k}`, language: 'en', ...opts.student, email },
        schoolId: opts.schoolId ?? (await this.newSchool()).id,
        subject: opts.subject ?? 'Lessons cancelled',
        description: opts.description ?? 'My school cancelled many lessons and did not answer my questions.',
        ...(filedOn ? { filedWithSchoolOn: filedOn } : {}),
      },
      { channel: 'web', actor: { type: 'student' } },
    );
    const ref = created.reference;
    const at = (s: ComplaintStage) =>
      ['escalated', 'acknowledged', 'decided'].indexOf(stage) >=
      ['escalated', 'acknowledged', 'decided'].indexOf(s);
    if (at('escalated'))
      await complaints.escalate(ref, { reason: 'The school did not answer' }, this.caller());
    if (at('acknowledged')) await complaints.acknowledge(ref, this.caller());
    if (at('decided'))
      await complaints.decide(ref, opts.outcome ?? 'founded', 'The lessons were not given.', this.caller());
    const { status } = await complaints.getByReference(ref);
    return { ...created, status, email };
  }

  /** A DigiD misuse report through the public form: suspected school, noticed a week ago. */
  async newDigidReport(
    opts: {
      schoolId?: string;
      suspectedParty?: 'school' | 'other';
      student?: Partial<{ name: string; email: string; language: 'nl' | 'en' }>;
      invoicesApprovedWithoutConsent?: { invoiceDate: string; amountCents: number }[];
    } = {},
  ) {
    const k = next();
    const email = opts.student?.email ?? `student${k}@medium.test`;
    const party = opts.suspectedParty ?? 'school';
    const schoolId = opts.schoolId ?? (party === 'school' ? (await this.newSchool()).id : undefined);
    const created = await this.get(DigidReportsService).create(
      {
        student: { name: `Student ${k}`, language: 'en', ...opts.student, email },
        suspectedParty: party,
        schoolId,
        noticedOn: addDays(this.today(), -7),
        description: 'Someone used my DigiD to approve invoices I never saw.',
        ...(opts.invoicesApprovedWithoutConsent
          ? { invoicesApprovedWithoutConsent: opts.invoicesApprovedWithoutConsent }
          : {}),
      },
      { channel: 'web', actor: { type: 'student' } },
    );
    return { ...created, email };
  }

  /** The outbox rows to a recipient (the emails decided, sent or not), oldest first. */
  async outbox(recipient: string): Promise<{ id: string; template: string; status: string; data: any }[]> {
    return this.dataSource.query(
      `SELECT id::text, template, status, data FROM outbox WHERE lower(recipient) = lower($1) ORDER BY id`,
      [recipient],
    );
  }

  async stop(): Promise<void> {
    // Jobs no worker took (delayed reminders, emails) would stay in Redis under this prefix.
    await this.get(QueueService)
      .queue.obliterate({ force: true })
      .catch(() => undefined);
    await this.app.close();
    await this.dataSource.destroy().catch(() => undefined);
    await this.smtp?.stop();
    await dropTestDatabase(this.dbName).catch(() => undefined);
  }
}

/**
 * Starts the application for a medium test file: a database of its own copied from the template
 * (`bow_t_<run>_medium_...`), a queue prefix of its own, the run's clock, no HTTP listener. The
 * first admin is made by the app itself from ADMIN_EMAIL, as on a fresh install.
 */
export async function startMedium(opts: MediumOptions = {}): Promise<MediumContext> {
  const dbName = await createTestDatabase('medium');
  const smtp = opts.mail ? await new TestSmtp().start() : null;
  const config = testConfig(dbName, smtp?.url ?? 'smtp://127.0.0.1:9', {
    // Without mail no worker runs: jobs wait in Redis and the outbox rows stay pending.
    APP_ROLES: opts.mail ? 'api,worker' : 'api',
    ADMIN_EMAIL: 'admin@bow.test',
    ADMIN_PASSWORD: PASSWORD,
    ...opts.env,
  });
  const { app, dataSource } = await createApp(config);
  const { id } = (await app.get(UsersRepository, { strict: false }).findByEmailWithHash('admin@bow.test'))!;
  // English, like every staff member the factories and the HTTP harness make.
  const admin = await app.get(AccountsService, { strict: false }).update(id, { language: 'en' }, id);
  return new MediumContext(app, dataSource, config, dbName, admin, smtp);
}

/** What a service refused with: `await expect(p).rejects.toMatchObject(problem(409, 'code'))`. */
export function problem(status: number, code?: string, more: Record<string, unknown> = {}) {
  return { status, ...(code ? { code } : {}), ...more };
}
