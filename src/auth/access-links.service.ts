import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessLinksRepository } from './access-links.repository.js';
import { randomToken, sha256 } from './sessions.service.js';

/**
 * Private links for students (and later schools): an unguessable token in the URL, only its
 * SHA-256 stored, with an expiry. A link opens its own case and nothing else.
 */
@Injectable()
export class AccessLinksService {
  constructor(private readonly repo: AccessLinksRepository) {}

  async create(
    m: EntityManager,
    caseId: string,
    purpose: 'student' | 'school',
    days: number,
  ): Promise<string> {
    const token = randomToken(32);
    await this.repo.insert(m, caseId, purpose, sha256(token), days);
    return token;
  }

  async revokeAll(m: EntityManager, caseId: string, purpose: 'student' | 'school'): Promise<void> {
    await this.repo.revokeAll(m, caseId, purpose);
  }

  /**
   * The live links of the case for this purpose made before `keep` stop working: its email was
   * sent, so it replaces them. Links made after it (a newer request) are left alone.
   */
  async revokeOlderThan(caseId: string, purpose: 'student' | 'school', keep: string): Promise<void> {
    await this.repo.revokeOlderThan(caseId, purpose, sha256(keep));
  }

  /** One link stops working (a link made for an email that was then not sent). */
  async revoke(m: EntityManager, token: string): Promise<void> {
    await this.repo.revoke(m, sha256(token));
  }

  /** The case id a live link opens, or null (unknown, expired or revoked: the caller cannot tell which). */
  async resolve(token: string, purpose: 'student' | 'school'): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    return this.repo.liveCaseId(sha256(token), purpose);
  }
}
