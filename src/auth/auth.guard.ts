import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError, unauthorized } from '../common/problem.js';
import { can, POLICY_KEY, PolicyMeta } from './policy.js';
import { SESSION_COOKIE, SessionsService, StaffSession, safeEqual } from './sessions.service.js';

export type StaffRequest = FastifyRequest & { staff?: StaffSession };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard. Deny by default: a route must declare @Public() or @Allow(permission).
 * Staff routes need a live session, the permission, and on every state change the CSRF token.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.getAllAndOverride<PolicyMeta | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<StaffRequest>();
    if (!meta) {
      this.logger.error({ msg: 'route without an access policy refused', route: request.routeOptions?.url });
      throw new ProblemError(403, 'Forbidden', 'This route declares no access policy', 'no_policy');
    }
    if ('public' in meta) return true;
    const token = (request.cookies ?? {})[SESSION_COOKIE];
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) {
      throw token
        ? new ProblemError(401, 'Unauthorized', 'Your session has expired. Sign in again.', 'session_expired')
        : unauthorized();
    }
    request.staff = session;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      const formToken = (request.body as Record<string, unknown> | undefined)?._csrf;
      const given = typeof header === 'string' ? header : typeof formToken === 'string' ? formToken : '';
      if (!given || !safeEqual(given, session.csrfToken)) {
        throw new ProblemError(403, 'Forbidden', 'The CSRF token is missing or wrong', 'csrf_failed');
      }
    }
    if (session.mfaEnrollmentRequired && meta.permission !== 'session.self') {
      throw new ProblemError(
        403,
        'Forbidden',
        'Set up your second factor (authenticator app) first',
        'mfa_enrollment_required',
      );
    }
    if (!can(session.user.roles, meta.permission)) {
      throw new ProblemError(403, 'Forbidden', 'Your role does not allow this', 'forbidden');
    }
    return true;
  }
}
