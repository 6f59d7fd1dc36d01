import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error the client can act on, sent as application/problem+json (RFC 9457).
 * `code` lets a client tell cases apart; `extra` adds members such as `earliestOn`.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code?: string,
    readonly extra: Record<string, unknown> = {},
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemError(400, 'Bad Request', detail, 'validation_failed', {}, errors);
export const notFound = (what: string) =>
  new ProblemError(404, 'Not Found', `${what} was not found`, 'not_found');
/**
 * The one answer for a case someone may not see and a case that does not exist, on every route
 * that names a case (complaints, DigiD reports): same status, code and words, and the reference
 * is not echoed, so the answer cannot tell the two apart.
 */
export const caseNotFound = () => new ProblemError(404, 'Not Found', 'The case was not found', 'not_found');
export const conflict = (detail: string, code: string, extra: Record<string, unknown> = {}) =>
  new ProblemError(409, 'Conflict', detail, code, extra);
export const unprocessable = (
  detail: string,
  code: string,
  errors?: FieldError[],
  extra: Record<string, unknown> = {},
) => new ProblemError(422, 'Unprocessable Content', detail, code, extra, errors);
/** 429 with the seconds to wait (sent as Retry-After too; at least 1). */
export const tooManyRequests = (detail: string, retryAfter: number) =>
  new ProblemError(429, 'Too Many Requests', detail, 'rate_limited', { retryAfter: Math.max(1, retryAfter) });
export const forbidden = (detail = 'You may not do this') =>
  new ProblemError(403, 'Forbidden', detail, 'forbidden');
export const unauthorized = (detail = 'Sign in first') =>
  new ProblemError(401, 'Unauthorized', detail, 'unauthorized');

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

/** Turns any thrown value into a problem body; never exposes a stack or an internal message on 500. */
export function toProblem(err: unknown): ProblemBody {
  if (err instanceof ProblemError) {
    return {
      type: 'about:blank',
      title: err.title,
      status: err.status,
      detail: err.detail,
      ...(err.code ? { code: err.code } : {}),
      ...(err.errors ? { errors: err.errors } : {}),
      ...err.extra,
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? String((response as { message: string }).message)
          : (TITLES[status] ?? 'Error');
    return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  }
  // Errors raised by Fastify itself (body too large, bad JSON, wrong content type) carry a statusCode.
  const fe = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const status = fe.statusCode;
    const detail =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'The request body is larger than 1 MiB'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send JSON (Content-Type: application/json)'
          : fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The JSON body is empty'
            : status === 400
              ? 'The request body is not valid JSON'
              : (TITLES[status] ?? 'Client error');
    return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  }
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'Something went wrong on our side. The error was logged; please try again later.',
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = toProblem(err);
    if (body.status >= 500) {
      const e = err as Error;
      this.logger.error({
        msg: 'unhandled error',
        reqId: request?.id,
        error: e?.name,
        message: e?.message,
        stack: e?.stack,
      });
    }
    if (body.status === HttpStatus.TOO_MANY_REQUESTS && err instanceof ProblemError && err.extra.retryAfter) {
      void reply.header('Retry-After', String(err.extra.retryAfter));
    }
    if (reply.sent) return;
    if (body.status === 404 && wantsPage(request)) {
      // A browser on an unknown page address gets a page, not JSON (page routes have their own filter).
      void reply.status(404).header('content-type', 'text/html; charset=utf-8').send(NOT_FOUND_PAGE);
      return;
    }
    void reply
      .status(body.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(body);
  }
}

function wantsPage(request: FastifyRequest | undefined): boolean {
  if (!request || /^\/(api|health)(\/|\?|$)/.test(request.url)) return false;
  return /text\/html/.test(String(request.headers?.accept ?? ''));
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagina niet gevonden – Blik op Werk</title><link rel="stylesheet" href="/assets/utrecht-tokens.css"><link rel="stylesheet" href="/assets/utrecht-components.css"><link rel="stylesheet" href="/assets/web.css"></head>
<body class="utrecht-document utrecht-theme"><main class="bow-main"><h1 class="utrecht-heading-1">Deze pagina bestaat niet</h1>
<p class="utrecht-paragraph">Controleer het adres, of ga naar de <a class="utrecht-link" href="/">startpagina</a>.</p>
<h2 class="utrecht-heading-2" lang="en">This page does not exist</h2>
<p class="utrecht-paragraph" lang="en">Check the address, or go to the <a class="utrecht-link" href="/?lang=en">home page</a>.</p></main></body></html>`;
