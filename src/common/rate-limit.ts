import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ProblemError } from './problem.js';

/**
 * Per client address, a fixed one-minute window, kept in process memory so that public
 * forms keep working while Redis is down. With N api processes the effective limit is N times.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private window = { start: 0, counts: new Map<string, number>() };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const now = Date.now();
    const minute = Math.floor(now / 60_000) * 60_000;
    if (this.window.start !== minute) this.window = { start: minute, counts: new Map() };
    const key = request.ip;
    const count = (this.window.counts.get(key) ?? 0) + 1;
    this.window.counts.set(key, count);
    if (count > this.config.auth.publicRateLimitPerMinute) {
      const retryAfter = Math.ceil((minute + 60_000 - now) / 1000);
      throw new ProblemError(429, 'Too Many Requests', 'Too many requests from your address; try again in a minute', 'rate_limited', { retryAfter });
    }
    return true;
  }
}
