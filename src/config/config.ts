import { z } from 'zod';

/**
 * All settings, typed and validated once at start. Nothing else reads process.env.
 * A missing or bad setting stops the process with one line naming it.
 */
export class ConfigError extends Error {}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ROLES = ['api', 'worker'] as const;
export type AppRole = (typeof ROLES)[number];

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Tests only: milliseconds the clock runs ahead of (or behind) the machine's. Refused in production. */
  TEST_CLOCK_OFFSET_MS: int(-1e12, 1e12).default(0),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/, 'false, true, a hop count or addresses')
    .default('false'),
  APP_URL: z.url().default('http://localhost:3000'),
  APP_ROLES: z
    .string()
    .default('api,worker')
    .transform((s, ctx) => {
      const roles = s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      for (const r of roles) {
        if (!(ROLES as readonly string[]).includes(r)) {
          ctx.addIssue({ code: 'custom', message: `unknown role "${r}" (use api, worker or both)` });
          return z.NEVER;
        }
      }
      if (roles.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'at least one role' });
        return z.NEVER;
      }
      return roles as AppRole[];
    }),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  // At least 2: migrations hold one connection for their advisory lock and run on another.
  DATABASE_POOL_SIZE: int(2, 200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .default('bow'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Blik op Werk klachtenafdeling <klachten@blikopwerk.example>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEADLINE_ROLL_OVER: bool.default(true),
  RECONCILE_INTERVAL_SECONDS: int(1, 3600).default(60),
  EMAIL_MAX_ATTEMPTS: int(1, 50).default(8),
  EMAIL_BACKOFF_MS: int(10, 3_600_000).default(30_000),
  PUBLIC_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(30),
  SESSION_IDLE_MINUTES: int(1, 1440).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 168).default(12),
  STUDENT_LINK_DAYS: int(1, 3650).default(365),
  SCHOOL_LINK_DAYS: int(1, 3650).default(120),
  WORKER_CONCURRENCY: int(1, 200).default(10),
  WORKER_STALL_SECONDS: int(1, 86_400).default(60),
  /**
   * How long a job's lock lasts without renewal (BullMQ lockDuration; renewed at half of it while
   * the job runs). A killed worker's jobs run again after at most twice this. [decision]
   */
  WORKER_LOCK_SECONDS: int(5, 600).default(30),
  /** A worker-only process serves /health/live and /health/ready on this port (nothing else); unset: no HTTP. */
  HEALTH_PORT: int(1, 65535).optional(),
  RETENTION_YEARS: int(1, 50).default(2),
  MFA_REQUIRED_ROLES: z
    .string()
    .default('supervisor,finance,admin')
    .transform((v) =>
      v
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    ),
});

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  roles: AppRole[];
  http: { port: number; host: string; appUrl: string; trustProxy: boolean | number | string };
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  mail: { smtpUrl: string; from: string; maxAttempts: number; backoffMs: number };
  auth: {
    sessionSecret: string;
    adminEmail?: string;
    adminPassword?: string;
    idleMinutes: number;
    mfaRequiredRoles: string[];
    absoluteHours: number;
    studentLinkDays: number;
    /** How long a school's private link to one complaint works (a reminder brings a fresh one). */
    schoolLinkDays: number;
    publicRateLimitPerMinute: number;
  };
  deadlines: { rollOver: boolean; reconcileIntervalSeconds: number };
  /** stallSeconds: jobs waiting while none was processed for this long make /health/ready say "stalled". */
  worker: { concurrency: number; stallSeconds: number; lockSeconds: number; healthPort: number | null };
  privacy: { retentionYears: number };
  logLevel: string;
  /** Tests only (TEST_CLOCK_OFFSET_MS): how far the clock runs from the machine's. */
  clockOffsetMs: number;
}

const DEV_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bow',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  SESSION_SECRET: 'development-only-secret-change-me-0123456789',
};

/** Which proxies may set X-Forwarded-For: none by default, so a client cannot fake its address. */
function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v); // hop count
  return v.trim(); // addresses or CIDRs, comma separated
}

/** Reads and checks the settings; throws ConfigError with one line naming the setting. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Setting ${String(issue.path[0])} is invalid: ${issue.message}`);
  }
  const s = parsed.data;
  const production = s.NODE_ENV === 'production';
  const required = (name: keyof typeof DEV_DEFAULTS): string => {
    const value = s[name];
    if (value) return value;
    if (production) throw new ConfigError(`Setting ${name} is missing (required when NODE_ENV=production)`);
    return DEV_DEFAULTS[name];
  };
  if (production && !env.APP_URL) {
    throw new ConfigError(
      'Setting APP_URL is missing (required when NODE_ENV=production: it is the address in every emailed link)',
    );
  }
  if (production && s.TEST_CLOCK_OFFSET_MS !== 0) {
    throw new ConfigError(
      'Setting TEST_CLOCK_OFFSET_MS is invalid: a shifted clock may not be used in production',
    );
  }
  if (production && s.SESSION_SECRET === DEV_DEFAULTS.SESSION_SECRET) {
    throw new ConfigError(
      'Setting SESSION_SECRET is invalid: the development secret may not be used in production',
    );
  }
  return {
    env: s.NODE_ENV,
    roles: s.APP_ROLES,
    http: {
      port: s.PORT,
      host: s.HOST,
      appUrl: s.APP_URL.replace(/\/$/, ''),
      trustProxy: parseTrustProxy(s.TRUST_PROXY),
    },
    database: { url: required('DATABASE_URL'), poolSize: s.DATABASE_POOL_SIZE },
    redis: { url: required('REDIS_URL'), prefix: s.QUEUE_PREFIX },
    mail: {
      smtpUrl: required('SMTP_URL'),
      from: s.MAIL_FROM,
      maxAttempts: s.EMAIL_MAX_ATTEMPTS,
      backoffMs: s.EMAIL_BACKOFF_MS,
    },
    auth: {
      sessionSecret: required('SESSION_SECRET'),
      adminEmail: s.ADMIN_EMAIL,
      adminPassword: s.ADMIN_PASSWORD,
      idleMinutes: s.SESSION_IDLE_MINUTES,
      mfaRequiredRoles: s.MFA_REQUIRED_ROLES,
      absoluteHours: s.SESSION_ABSOLUTE_HOURS,
      studentLinkDays: s.STUDENT_LINK_DAYS,
      schoolLinkDays: s.SCHOOL_LINK_DAYS,
      publicRateLimitPerMinute: s.PUBLIC_RATE_LIMIT_PER_MINUTE,
    },
    deadlines: { rollOver: s.DEADLINE_ROLL_OVER, reconcileIntervalSeconds: s.RECONCILE_INTERVAL_SECONDS },
    worker: {
      concurrency: s.WORKER_CONCURRENCY,
      stallSeconds: s.WORKER_STALL_SECONDS,
      lockSeconds: s.WORKER_LOCK_SECONDS,
      healthPort: s.HEALTH_PORT ?? null,
    },
    privacy: { retentionYears: s.RETENTION_YEARS },
    logLevel: s.LOG_LEVEL,
    clockOffsetMs: s.TEST_CLOCK_OFFSET_MS,
  };
}

/** The process environment, read here and nowhere else. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
