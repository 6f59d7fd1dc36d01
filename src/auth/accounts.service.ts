import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditLog } from '../audit/events.repository.js';
import { ProblemError, unprocessable } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { normaliseEmail } from '../common/validation.js';
import { emailJob, JobName } from '../queue/jobs.js';
import { JobHandlers } from '../queue/worker.service.js';
import { DeferredRequestsRepository } from './deferred-requests.repository.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { PASSWORD_MESSAGES, passwordProblem } from './passwords.rules.js';
import { Role } from './policy.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { randomToken, sha256, SessionsService } from './sessions.service.js';
import { ThrottleService } from './throttle.service.js';
import { StaffUser, UsersRepository } from './users.repository.js';

export const RESET_MINUTES = 30;
export const WELCOME_DAYS = 7;

/**
 * Staff accounts: creating users, roles, deactivation, password change and reset by an emailed
 * one-time link. Every change is in the audit log; a password change or reset ends every session.
 */
@Injectable()
export class AccountsService implements OnModuleInit {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly resets: PasswordResetsRepository,
    private readonly outbox: OutboxRepository,
    private readonly tx: TxRunner,
    private readonly audit: AuditLog,
    private readonly throttle: ThrottleService,
    private readonly deferred: DeferredRequestsRepository,
    private readonly handlers: JobHandlers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  checkPassword(password: string, email: string, field = 'password'): void {
    const problem = passwordProblem(password, email);
    if (problem)
      throw unprocessable(PASSWORD_MESSAGES[problem].en, `password_${problem}`, [
        { field, message: PASSWORD_MESSAGES[problem].en },
      ]);
  }

  async create(
    input: { email: string; name: string; roles: Role[]; language: 'nl' | 'en' },
    actorId: string,
  ): Promise<StaffUser> {
    if (await this.users.findByEmailWithHash(input.email)) {
      throw new ProblemError(409, 'Conflict', 'A user with this email address exists already', 'email_taken');
    }
    // An unusable random password until the person sets their own through the emailed link.
    const passwordHash = await hashPassword(randomToken(32));
    return this.tx.run(async (tx) => {
      const user = await this.users.insert(tx.m, { ...input, passwordHash });
      const token = await this.createResetToken(tx.m, user.id, WELCOME_DAYS * 24 * 60);
      const id = await this.outbox.insert(tx.m, {
        template: 'account_created',
        language: user.language,
        recipient: user.email,
        data: { name: user.name, roles: user.roles.join(', '), days: WELCOME_DAYS },
        secret: this.resetUrl(token),
      });
      tx.afterCommit(emailJob(id));
      await this.audit.record(tx.m, actorId, 'user.created', user.id, { roles: user.roles });
      return user;
    });
  }

  async update(
    id: string,
    changes: { name?: string; roles?: Role[]; language?: 'nl' | 'en'; active?: boolean },
    actorId: string,
  ): Promise<StaffUser> {
    const user = await this.tx.run(async (tx) => {
      const updated = await this.users.update(tx.m, id, changes);
      if (!updated) throw new ProblemError(404, 'Not Found', 'User was not found', 'not_found');
      await this.audit.record(tx.m, actorId, 'user.updated', id, changes);
      return updated;
    });
    if (changes.active === false || changes.roles) await this.sessions.destroyAllFor(id);
    return user;
  }

  onModuleInit(): void {
    this.handlers.register(JobName.PasswordResetRequest, (p) => this.handleResetRequest(p.requestId));
  }

  /**
   * Always the same answer and the same work, whether or not the email is known: the request is
   * stored and a job queued (the look-up, the link and the email happen in the job). Looking the
   * user up here made unknown addresses answer measurably faster.
   */
  async requestReset(email: string): Promise<void> {
    await this.deferred.add('password_reset', normaliseEmail(email));
  }

  /** The job: an active user with this address gets a one-time link; anyone else nothing. */
  async handleResetRequest(requestId: string): Promise<void> {
    await this.tx.run(async (tx) => {
      const request = await this.deferred.take(tx.m, requestId, 'password_reset');
      if (!request) return;
      const user = await this.users.findByEmailWithHash(request.email);
      if (!user || !user.active) return;
      const token = await this.createResetToken(tx.m, user.id, RESET_MINUTES);
      const id = await this.outbox.insert(tx.m, {
        template: 'password_reset',
        language: user.language,
        recipient: user.email,
        data: { name: user.name, minutes: RESET_MINUTES },
        secret: this.resetUrl(token),
      });
      tx.afterCommit(emailJob(id));
      await this.audit.record(tx.m, null, 'password.reset_requested', user.id);
    });
  }

  async confirmReset(token: string, password: string): Promise<void> {
    const row = await this.resets.findLive(sha256(token));
    if (!row)
      throw new ProblemError(
        400,
        'Bad Request',
        'This link is not valid (any more). Ask for a new one.',
        'reset_link_invalid',
      );
    this.checkPassword(password, row.email);
    const passwordHash = await hashPassword(password);
    await this.tx.run(async (tx) => {
      if (!(await this.resets.markUsed(tx.m, row.id)))
        throw new ProblemError(400, 'Bad Request', 'This link was used already.', 'reset_link_invalid');
      await this.setPassword(tx, row.userId, passwordHash, 'password.reset');
    });
  }

  /**
   * Changes the password and ends every session of the user (the caller gets a new one). The
   * current-password check counts like a sign-in (same throttle, same 429), or a stolen session
   * could guess the password without limit.
   */
  async changePassword(user: StaffUser, current: string, next: string, ip: string): Promise<void> {
    await this.throttle.charge(user.email, ip);
    const withHash = await this.users.findByIdWithHash(user.id);
    if (!withHash || !(await verifyPassword(withHash.passwordHash, current))) {
      throw new ProblemError(401, 'Unauthorized', 'The current password is wrong', 'invalid_credentials');
    }
    await this.throttle.succeed(user.email, ip);
    this.checkPassword(next, user.email, 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.tx.run(async (tx) => {
      await this.setPassword(tx, user.id, passwordHash, 'password.changed');
    });
  }

  /**
   * The new password ends every session of the user, and no older reset or welcome link may set
   * it again.
   */
  private async setPassword(tx: Tx, userId: string, passwordHash: string, action: string): Promise<void> {
    await this.users.setPasswordHash(tx.m, userId, passwordHash);
    await this.sessions.destroyAllFor(userId, tx.m);
    await this.resets.voidAllFor(tx.m, userId);
    await this.audit.record(tx.m, userId, action, userId);
  }

  private async createResetToken(m: Tx['m'], userId: string, minutes: number): Promise<string> {
    const token = randomToken(32);
    await this.resets.insert(m, userId, sha256(token), minutes);
    return token;
  }

  private resetUrl(token: string): string {
    return `${this.config.http.appUrl}/console/reset/${token}`;
  }
}
