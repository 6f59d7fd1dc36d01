import { SetMetadata } from '@nestjs/common';

/**
 * Who may do what: the one permission table. Every route declares either @Public() or
 * @Allow(permission); a route that declares neither is refused (deny by default).
 */
export const ROLES = ['intake', 'jurist', 'supervisor', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'case.read': ['intake', 'jurist', 'supervisor'], // which cases: access.rules.ts
  'case.create': ['intake', 'jurist', 'supervisor'],
  'case.intake': ['intake', 'jurist', 'supervisor'], // school stage: file with school, final answer, resolved, escalate
  'case.handle': ['jurist', 'supervisor'], // acknowledge, pause, resume, extend, decide, arbitration, close
  'case.assign': ['intake', 'jurist', 'supervisor'],
  'case.note': ['intake', 'jurist', 'supervisor'],
  'case.override': ['supervisor'], // escalation before it is allowed, assign to anyone
  'school.read': ['intake', 'jurist', 'supervisor', 'finance', 'admin'],
  'school.write': ['supervisor', 'admin'],
  'email.resend': ['supervisor', 'admin'],
  'user.admin': ['admin'],
  'calendar.admin': ['admin', 'supervisor'],
  'session.self': ['intake', 'jurist', 'supervisor', 'finance', 'admin'],
  'audit.read': ['admin'], // the staff read log
  'data.export': ['supervisor', 'admin'], // a student's data export on request
  'contract.read': ['intake', 'jurist', 'supervisor', 'finance'],
  'contract.write': ['intake', 'jurist', 'supervisor'], // register, lessons, invoices, record terminations, evidence
  'termination.decide': ['supervisor'], // approve or reject a termination, make it effective
  'refund.export': ['finance', 'supervisor'], // DUO refund batches: export, download, confirm
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed = PERMISSIONS[permission] as readonly string[];
  return roles.some((r) => allowed.includes(r));
}

export const POLICY_KEY = 'bow:policy';
export type PolicyMeta = { public: true } | { permission: Permission };

/** No sign-in needed (public forms, health, the calendar). */
export const Public = () => SetMetadata(POLICY_KEY, { public: true } satisfies PolicyMeta);
/** A signed-in staff member with this permission. */
export const Allow = (permission: Permission) => SetMetadata(POLICY_KEY, { permission } satisfies PolicyMeta);
