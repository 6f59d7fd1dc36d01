import type { StaffRequest } from '../auth/auth.guard.js';
import type { StaffUser } from '../auth/users.repository.js';

/** Who did something, as the audit trail and the case timeline record it. */
export type AuditActor =
  { type: 'staff'; id: string; name: string } | { type: 'student' } | { type: 'school' } | { type: 'system' };
export type StaffAuditActor = Extract<AuditActor, { type: 'staff' }>;

/** The signed-in staff member a request acts for: services take this, and record `auditActor(caller.user)`. */
export type Caller = { type: 'staff'; user: StaffUser };

export function callerOf(req: StaffRequest): Caller {
  return { type: 'staff', user: req.staff!.user };
}

/** A staff member as the trail records them: id and name, nothing else. */
export function auditActor(user: { id: string; name: string }): StaffAuditActor {
  return { type: 'staff', id: user.id, name: user.name };
}
