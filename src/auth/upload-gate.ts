import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, toProblem, unauthorized } from '../common/problem.js';
import { can, POLICY_KEY, type PolicyMeta } from './policy.js';
import { SESSION_COOKIE, SessionsService } from './sessions.service.js';

/**
 * Bodies that may be large (up to 5 MiB: a CSV import, an evidence file, a form with a file):
 * their content types, as the parsers in src/contracts/body-parsers.ts and src/web/multipart.ts
 * take them.
 */
const UPLOAD_TYPES =
  /^\s*(text\/csv|application\/pdf|image\/png|image\/jpeg|application\/octet-stream|multipart\/form-data)\b/i;

/**
 * Checks the session and the permission of a staff upload before its body is read. The global
 * guard (auth.guard.ts) runs only after Fastify has parsed the body, so an anonymous client could
 * make the server read 5 MiB per request before being told to sign in. This onRequest hook runs
 * first for the upload content types: a route that is not public answers 401 (no or an expired
 * session), 403 (second factor not set up, role without the permission, or no policy at all)
 * before a byte of the body is read. The guard still checks everything again, CSRF included.
 */
@Injectable()
export class UploadGate implements OnModuleInit, OnApplicationBootstrap {
  private readonly policies = new Map<string, PolicyMeta | undefined>();

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly modules: ModulesContainer,
    private readonly sessions: SessionsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onRequest', async (request, reply) => this.check(request, reply));
  }

  /** Every controller route's policy, by method and path pattern as Fastify routes it. */
  onApplicationBootstrap(): void {
    for (const mod of this.modules.values()) {
      for (const wrapper of mod.controllers.values()) {
        const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
        if (!ctrl) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
        const proto = ctrl.prototype as Record<string, unknown>;
        for (const key of Object.getOwnPropertyNames(proto)) {
          const handler = proto[key];
          if (key === 'constructor' || typeof handler !== 'function') continue;
          const sub = Reflect.getMetadata(PATH_METADATA, handler);
          const method = Reflect.getMetadata(METHOD_METADATA, handler);
          if (sub === undefined || method === undefined) continue;
          const policy = (Reflect.getMetadata(POLICY_KEY, handler) ??
            Reflect.getMetadata(POLICY_KEY, ctrl)) as PolicyMeta | undefined;
          const path = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`
            .replace(/\/+/g, '/')
            .replace(/(.)\/$/, '$1');
          this.policies.set(`${RequestMethod[method as number]} ${path}`, policy);
        }
      }
    }
  }

  private async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!UPLOAD_TYPES.test(String(request.headers['content-type'] ?? ''))) return;
    const route = request.routeOptions?.url;
    if (!route) return; // no route: Fastify answers 404 without reading the body
    const key = `${request.method} ${route}`;
    // Routes Nest does not own (the API docs' assets) take no uploads: refused like a route without a policy.
    const meta = this.policies.get(key);
    if (meta && 'public' in meta) return;
    let problem: ProblemError | null = null;
    const token = request.cookies?.[SESSION_COOKIE];
    const session = token ? await this.sessions.resolve(token) : null;
    if (!meta) problem = new ProblemError(403, 'Forbidden', 'This route takes no upload', 'no_policy');
    else if (!session)
      problem = token
        ? new ProblemError(401, 'Unauthorized', 'Your session has expired. Sign in again.', 'session_expired')
        : unauthorized();
    else if (session.mfaEnrollmentRequired && meta.permission !== 'session.self')
      problem = new ProblemError(
        403,
        'Forbidden',
        'Set up your second factor (authenticator app) first',
        'mfa_enrollment_required',
      );
    else if (!can(session.user.roles, meta.permission))
      problem = new ProblemError(403, 'Forbidden', 'Your role does not allow this', 'forbidden');
    if (!problem) return;
    // The body is not read: the connection closes after the answer.
    void reply.header('connection', 'close');
    if (route.startsWith('/console') && problem.status === 401) {
      await reply
        .code(303)
        .header('location', token ? '/console/login?expired=1' : '/console/login')
        .header('cache-control', 'no-store')
        .send();
      return;
    }
    await reply
      .code(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(toProblem(problem));
  }
}
