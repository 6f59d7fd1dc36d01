import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { ConsoleLogger, INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { Clock } from './common/clock.js';
import { badRequest, ProblemFilter, toProblem } from './common/problem.js';
import { CONTROL_CHARS_MESSAGE, controlCharFields } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { redactPath } from './common/redact.js';
import { migrateWithLock } from './database/migrate.js';

export const BODY_LIMIT = 1024 * 1024;

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
function nestLevels(level: string): LogLevel[] | false {
  if (level === 'silent') return false;
  const map: Record<string, LogLevel> = {
    fatal: 'fatal',
    error: 'error',
    warn: 'warn',
    info: 'log',
    debug: 'debug',
    trace: 'verbose',
  };
  return LEVELS.slice(0, LEVELS.indexOf(map[level] ?? 'log') + 1);
}

export interface StartedApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  migrated: string[];
}

/**
 * Builds the whole application: connects to Postgres, applies migrations under the advisory
 * lock, and wires Nest on Fastify. Used by main.ts and by the tests, so tests run the real thing.
 */
export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<StartedApp> {
  const dataSource = createDataSource(config.database.url, config.database.poolSize);
  await dataSource.initialize();
  const migrated = await migrateWithLock(dataSource);

  const adapter = fastifyAdapter(config);
  const levels = nestLevels(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, dataSource, options.clock ?? new Clock(config.clockOffsetMs)),
    adapter,
    {
      logger: levels === false ? false : new ConsoleLogger({ json: true, logLevels: levels }),
      bufferLogs: false,
    },
  );
  addHooks(app.getHttpAdapter().getInstance(), config);
  await app.register(fastifyCookie as never, { secret: config.auth.sessionSecret });
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  setupOpenApi(app);
  await serveSwaggerUi(app);
  await app.init();
  return { app, dataSource, migrated };
}

/** Fastify with the body limit, proxy trust, request ids and a log that leaves out secrets. */
function fastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // Fastify takes a boolean, a hop count or addresses; its typings omit the count.
    trustProxy: config.http.trustProxy as boolean | string,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                url: redactPath(req.url),
                reqId: req.id,
              }),
            },
          },
  });
}

/** What every answer carries (security headers, no-store) and the one check every input gets. */
function addHooks(fastify: FastifyInstance, config: AppConfig): void {
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Security headers on every response; pages add their own content security policy (src/web).
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    if (config.env !== 'development')
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // The routed path: `/%61pi/x` is routed to `/api/x` and gets the API's headers.
    const routed = request.routeOptions?.url || request.url;
    // Answers carry personal data or the CSRF token (me, login, cases, exports, a student's case):
    // no cache may keep them. A route that is safe to cache says so itself (assets, API docs).
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    if (/^\/(api|health)(\/|\?|$)/.test(routed)) {
      void reply.header(
        'content-security-policy',
        routed.startsWith('/api/docs')
          ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
          : "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });
  // One check for every input, anonymous routes and page forms included: a control character
  // (NUL makes Postgres fail the statement) is refused with 400 before any handler sees it.
  fastify.addHook('preValidation', async (request, reply) => {
    const fields = [
      ...controlCharFields(request.body),
      ...controlCharFields(request.query).map((f) => (f === '(body)' ? '(query)' : f)),
    ];
    if (fields.length === 0) return;
    const problem = toProblem(
      badRequest(
        `The request has ${fields.length} invalid field(s)`,
        fields.map((field) => ({ field, message: CONTROL_CHARS_MESSAGE })),
      ),
    );
    return reply.code(400).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  });
  if (!config.roles.includes('api')) {
    // A worker-only process may listen (HEALTH_PORT) for its health checks, and for nothing else.
    fastify.addHook('onRequest', async (request, reply) => {
      if (!/^\/health\/(live|ready)(\?|$)/.test(request.url)) {
        await reply.code(404).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'This worker process serves /health/live and /health/ready only',
        });
      }
    });
  }
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Blik op Werk case management API')
      .setDescription(
        'Student complaints, DigiD misuse reports, contracts and terminations. Dates are YYYY-MM-DD (Europe/Amsterdam), ' +
          'money is integer cents (fields ending in Cents), durations integer minutes (fields ending in Minutes). ' +
          'Errors are application/problem+json. Staff sign in with POST /api/auth/login and send x-csrf-token on every change.',
      )
      .setVersion('1')
      .addCookieAuth('bow_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    swaggerUiEnabled: false,
  });
}

/**
 * The Swagger UI page at /api/docs, served from the swagger-ui-dist package (no CDN). We serve
 * it ourselves so the page can load its script from a file (no inline script).
 */
async function serveSwaggerUi(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const assets: Record<string, string> = {
    'swagger-ui.css': 'text/css',
    'swagger-ui-bundle.js': 'text/javascript',
  };
  for (const [file, type] of Object.entries(assets)) {
    const body = await readFile(path.join(getAbsoluteFSPath(), file));
    fastify.get(`/api/docs/assets/${file}`, (_req, reply) =>
      reply.type(`${type}; charset=utf-8`).header('cache-control', 'public, max-age=86400').send(body),
    );
  }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API – Blik op Werk</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
  const init = `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' });`;
  fastify.get('/api/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  fastify.get('/api/docs/init.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').send(init));
}
