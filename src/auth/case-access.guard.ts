import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { caseNotFound } from '../common/problem.js';
import { caseVisible } from './access.rules.js';
import type { StaffRequest } from './auth.guard.js';
import { CaseAccessRepository } from './case-access.repository.js';

/**
 * Object-level access for every route that names a case by its reference: a staff member who
 * may not see the case (access.rules.ts) gets 404, exactly as for a case that does not exist
 * (the same status, code and words: `caseNotFound`).
 * Runs after the global guard, so the session and the permission are already checked.
 */
@Injectable()
export class CaseAccessGuard implements CanActivate {
  constructor(private readonly cases: CaseAccessRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<StaffRequest & { params?: Record<string, string> }>();
    const reference = req.params?.reference;
    const viewer = req.staff?.user;
    if (!reference || !viewer) return true;
    const found = await this.cases.byReference(reference);
    // A case that does not exist answers here too, before the body is checked: otherwise a bad
    // body would get 400 for a missing case and 404 for a hidden one, telling the two apart.
    if (!found || !caseVisible(viewer, found)) throw caseNotFound();
    return true;
  }
}
