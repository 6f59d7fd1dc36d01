import type { IncomingMessage } from 'node:http';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../common/problem.js';
import { MAX_EVIDENCE_BYTES } from './evidence.rules.js';

/** Content types an evidence file may be sent as (the type is checked again by its bytes). */
export const EVIDENCE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/octet-stream',
];
/** A contracts import file sent as the raw body. */
export const CSV_CONTENT_TYPE = 'text/csv';
/** 5 MiB of CSV holds well over the 5,000 rows one import may have. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes, answering a larger one with 413 and a message that
 * names this route's own limit (the app-wide JSON limit stays 1 MiB).
 */
/** The routes that take these bodies; anywhere else the app's 1 MiB limit applies to them too. */
const LARGE_BODY_ROUTES = /^\/api\/contracts\/(import|[^/]+\/terminations\/[^/]+\/evidence)(\?|$)/;
const DEFAULT_LIMIT = 1024 * 1024;

function limitedBody(routeLimit: number, what: string, asString: boolean) {
  return (
    req: { url?: string },
    payload: IncomingMessage,
    done: (err: Error | null, body?: unknown) => void,
  ) => {
    const limit = LARGE_BODY_ROUTES.test(req.url ?? '') ? routeLimit : DEFAULT_LIMIT;
    const tooLarge = () =>
      new ProblemError(
        413,
        'Content Too Large',
        `${what} may be at most ${limit} bytes (${Math.round((limit / 1024 / 1024) * 10) / 10} MiB)`,
        'body_too_large',
      );
    const declared = Number(payload.headers['content-length']);
    if (declared > limit) return done(tooLarge());
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (err: Error | null, body?: unknown) => {
      if (finished) return;
      finished = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      done(err, body);
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += b.length;
      if (received > limit) return finish(tooLarge());
      chunks.push(b);
    };
    const onEnd = () => {
      const body = Buffer.concat(chunks, received);
      finish(null, asString ? body.toString('utf8') : body);
    };
    const onError = (err: Error) => finish(Object.assign(err, { statusCode: 400 }));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  };
}

/**
 * Teaches Fastify the two non-JSON bodies of this module: evidence files (PDF, PNG, JPEG) up to
 * 5 MiB and CSV imports. They apply to these content types only; every JSON route keeps the
 * 1 MiB limit, and a JSON route sent one of these types refuses it in its schema check.
 * Registered before the server starts listening (module init runs before listen).
 */
@Injectable()
export class ContractBodyParsers implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    for (const type of EVIDENCE_CONTENT_TYPES) {
      if (!fastify.hasContentTypeParser(type)) {
        fastify.addContentTypeParser(
          type,
          limitedBody(MAX_EVIDENCE_BYTES, 'An evidence file', false) as never,
        );
      }
    }
    if (!fastify.hasContentTypeParser(CSV_CONTENT_TYPE)) {
      fastify.addContentTypeParser(CSV_CONTENT_TYPE, limitedBody(MAX_CSV_BYTES, 'A CSV file', true) as never);
    }
  }
}
