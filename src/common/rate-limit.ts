import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { tooManyRequests } from './problem.js';
import { ThrottleRepository } from './throttle.repository.js';

const WINDOW_MS = 60_000;

/**
 * Public forms per client address: at most PUBLIC_RATE_LIMIT_PER_MINUTE posts in a one-minute
 * window that starts at the first post. Counted in Postgres (the `auth_throttle` table, keys
 * `form:<address>`, one atomic statement), so every api process shares the count. Postgres is
 * needed to store the form anyway; should the count fail, this process counts in memory for that
 * request, so a hiccup never turns a student away by itself. [decision]
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private fallback = { start: 0, counts: new Map<string, number>() };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: ThrottleRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { count, retryAfter } = await this.count(request.ip);
    if (count > this.config.auth.publicRateLimitPerMinute) {
      throw tooManyRequests('Too many requests from your address; try again in a minute', retryAfter);
    }
    return true;
  }

  private async count(ip: string): Promise<{ count: number; retryAfter: number }> {
    try {
      return await this.counters.hit(`form:${ip}`, WINDOW_MS / 1000);
    } catch (e) {
      this.logger.warn({ msg: 'rate limit counted in memory', error: (e as Error).message });
      const now = Date.now();
      const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
      if (this.fallback.start !== start) this.fallback = { start, counts: new Map() };
      const count = (this.fallback.counts.get(ip) ?? 0) + 1;
      this.fallback.counts.set(ip, count);
      return { count, retryAfter: Math.ceil((start + WINDOW_MS - now) / 1000) };
    }
  }
}
