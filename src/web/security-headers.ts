import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** No inline scripts or styles anywhere in the pages, so the policy needs no 'unsafe-inline'. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/** The JSON API and its Swagger UI keep their own headers; everything else is a page or a page asset. */
export function isPagePath(url: string): boolean {
  return !/^\/(api|health)(\/|\?|$)/.test(url);
}

/**
 * The path a request was routed by: the matched route's pattern when there is one (so
 * `/%61pi/x`, which Fastify routes to `/api/x`, counts as the API), else the URL as sent.
 */
export function routedPath(request: { url: string; routeOptions?: { url?: string } }): string {
  return request.routeOptions?.url || request.url;
}

/** Adds the security headers to every page response (a Fastify onSend hook). */
@Injectable()
export class SecurityHeaders implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (isPagePath(routedPath(request))) {
        void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        void reply.header('x-content-type-options', 'nosniff');
        void reply.header('referrer-policy', 'same-origin');
        void reply.header('x-frame-options', 'DENY');
      }
      return payload;
    });
  }
}
