import { Injectable } from '@nestjs/common';
import { tooManyRequests } from '../common/problem.js';
import { normaliseEmail } from '../common/validation.js';
import { ThrottleRepository } from '../common/throttle.repository.js';

/**
 * Sign-in throttling, kept in Postgres so every api process sees it. Attempts are counted per
 * address and per (account, address) pair in a 15-minute window; a successful one is taken back. There is deliberately no limit
 * per account alone: an attacker could use it to lock a jurist out.
 */
export const WINDOW_MINUTES = 15;
export const LIMITS = { address: 30, accountAtAddress: 5 } as const;

@Injectable()
export class ThrottleService {
  constructor(private readonly counters: ThrottleRepository) {}

  private keys(email: string, ip: string) {
    return [
      { key: `ip:${ip}`, limit: LIMITS.address },
      { key: `acct:${normaliseEmail(email)}|ip:${ip}`, limit: LIMITS.accountAtAddress },
    ];
  }

  /**
   * Counts a sign-in attempt before its password is checked, in one atomic statement per key,
   * and refuses with 429 when either key is over its limit. Counting first means that a burst of
   * parallel attempts cannot all slip past a count that is only raised after each slow check.
   */
  async charge(email: string, ip: string): Promise<void> {
    for (const { key, limit } of this.keys(email, ip)) {
      const { count, retryAfter } = await this.counters.hit(key, WINDOW_MINUTES * 60);
      if (count > limit) {
        throw tooManyRequests(
          'Too many failed sign-ins from here. Wait a few minutes and try again.',
          retryAfter,
        );
      }
    }
  }

  /** A successful sign-in takes its attempt back: the pair's count is cleared, the address's lowered by one. */
  async succeed(email: string, ip: string): Promise<void> {
    await this.counters.clear(`acct:${normaliseEmail(email)}|ip:${ip}`);
    await this.counters.takeBack(`ip:${ip}`);
  }
}
