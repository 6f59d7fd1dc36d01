import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { StaffRequest } from '../auth/auth.guard.js';
import { SESSION_COOKIE } from '../auth/sessions.service.js';
import { ProblemError, toProblem } from '../common/problem.js';
import { Heading, Link, P } from './components.js';
import { messages, type Messages } from './i18n.js';
import { ConsoleLayout, PublicLayout } from './layout.js';
import { isLocalPath, publicLang, redirect, sendPage, staffLang } from './web.http.js';

/** Where to return after signing in again: the page itself, or for a form post the page it came from. */
function returnPath(req: StaffRequest): string {
  if (req.method === 'GET') return req.url;
  const referer = req.headers.referer;
  if (referer) {
    try {
      const u = new URL(referer);
      const path = `${u.pathname}${u.search}`;
      if (u.host === req.headers.host && path.startsWith('/console') && isLocalPath(path)) return path;
    } catch {
      /* not a URL */
    }
  }
  return '/console';
}

function texts(m: Messages, status: number, code?: string): { title: string; text: string } {
  if (status === 404) return { title: m.errors.notFoundTitle, text: m.errors.notFoundText };
  if (status === 403 && code === 'csrf_failed') return { title: m.errors.csrfTitle, text: m.errors.csrfText };
  if (status === 403) return { title: m.errors.forbiddenTitle, text: m.errors.forbiddenText };
  if (status === 429) return { title: m.errors.tooManyTitle, text: m.errors.tooManyText };
  if (status === 409 || status === 422)
    return {
      title: m.errors.conflictTitle,
      text: m.console.actionErrors[code ?? ''] ?? m.console.actionErrors.other,
    };
  if (status >= 500) return { title: m.errors.serverTitle, text: m.errors.serverText };
  return { title: m.errors.badRequestTitle, text: m.errors.badRequestText };
}

/**
 * Errors on page routes become pages, never JSON: a console page without a (live) session
 * redirects to the sign-in page, with the "session expired" message when a cookie was sent.
 * Bound with @UseFilters on the page controllers, so the JSON API keeps its problem+json.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('web');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<StaffRequest>();
    if (reply.sent) return;
    const problem = toProblem(err);
    const code = err instanceof ProblemError ? err.code : undefined;
    const consolePage = req.url.startsWith('/console');

    if (problem.status === 401 && consolePage) {
      const expired = Boolean(req.cookies?.[SESSION_COOKIE]);
      if (expired) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const params = new URLSearchParams({ next: returnPath(req) });
      if (expired) params.set('expired', '1');
      redirect(reply, `/console/login?${params.toString()}`);
      return;
    }
    if (problem.status === 403 && code === 'mfa_enrollment_required' && consolePage) {
      redirect(reply, '/console/account');
      return;
    }
    if (problem.status >= 500) {
      const e = err as Error;
      this.logger.error({
        msg: 'page error',
        reqId: req.id,
        error: e?.name,
        message: e?.message,
        stack: e?.stack,
      });
    }
    if (problem.status === 429 && err instanceof ProblemError && err.extra.retryAfter) {
      void reply.header('Retry-After', String(err.extra.retryAfter));
    }
    const m = messages(consolePage ? staffLang(req) : publicLang(req, reply));
    const { title, text } = texts(m, problem.status, code);
    const body = (
      <>
        <Heading level={1}>{title}</Heading>
        <P>{text}</P>
        <P>
          {consolePage ? (
            <Link href="/console">{m.errors.toConsole}</Link>
          ) : (
            <Link href="/">{m.errors.toHome}</Link>
          )}
        </P>
      </>
    );
    const page = consolePage ? (
      <ConsoleLayout
        m={m}
        title={title}
        user={req.staff?.user}
        csrf={req.staff?.csrfToken}
        url={req.method === 'GET' ? req.url : '/console'}
      >
        {body}
      </ConsoleLayout>
    ) : (
      <PublicLayout m={m} title={title} url={req.method === 'GET' ? req.url : '/'} noindex>
        {body}
      </PublicLayout>
    );
    sendPage(reply, page, problem.status);
  }
}
