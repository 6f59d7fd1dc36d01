import { Inject, Injectable } from '@nestjs/common';
import { ProblemError, unprocessable } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { sha256, SessionsService } from './sessions.service.js';
import { ThrottleService } from './throttle.service.js';
import {
  hashRecoveryCode,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUrl,
  sealSecret,
} from './totp.js';
import { StaffUser, UsersRepository } from './users.repository.js';

/** What proves it is the user, not only their session: the password and the current second factor. */
export interface ReauthProof {
  password?: string;
  totp?: string;
  recoveryCode?: string;
}

export const INVALID_LOGIN = () =>
  new ProblemError(401, 'Unauthorized', 'The email address or password is wrong', 'invalid_credentials');

/**
 * Staff sign-in, shared by the JSON API (through passport-local) and the console's sign-in page:
 * throttling, password, the second factor (TOTP or a recovery code), and a fresh session.
 * Unknown email and wrong password take as long and answer the same.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: ThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Step 1: the password. Throws 429 when throttled and 401 when wrong. */
  async verifyPassword(email: string, password: string, ip: string): Promise<StaffUser> {
    await this.throttle.charge(email, ip);
    const user = await this.users.findByEmailWithHash(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) throw INVALID_LOGIN();
    const { passwordHash: _omit, ...safe } = user;
    return safe;
  }

  /** Step 2: the second factor, when the user has one. 401 `totp_required` when it was not given. */
  async verifySecondFactor(
    user: StaffUser,
    _ip: string,
    given: { totp?: string; recoveryCode?: string },
  ): Promise<void> {
    const { secret } = await this.users.totpSecrets(user.id);
    if (!secret) return;
    if (!given.totp && !given.recoveryCode) {
      throw new ProblemError(
        401,
        'Unauthorized',
        'Enter the code from your authenticator app',
        'totp_required',
      );
    }
    let ok = false;
    if (given.totp) {
      const step = matchTotpStep(
        openSecret(secret, this.config.auth.sessionSecret),
        given.totp.trim(),
        Date.now(),
      );
      // A code works once: its time step must be later than the last one accepted, claimed in the
      // same statement that checks it, so two sign-ins with one code cannot both pass. A replayed
      // code answers exactly like a wrong one.
      if (step !== null) ok = await this.users.claimTotpStep(user.id, step);
    } else if (given.recoveryCode) {
      // A recovery code works once: it is removed in the same statement that checks it.
      ok = await this.users.takeRecoveryCode(user.id, hashRecoveryCode(given.recoveryCode));
    }
    // The attempt was counted when the password was checked: a wrong code stays counted.
    if (!ok)
      throw new ProblemError(
        401,
        'Unauthorized',
        'The code is wrong or has expired',
        'invalid_second_factor',
      );
  }

  /** Step 3: a new session (the previous one of this browser ends: sessions rotate on sign-in). */
  async startSession(
    user: StaffUser,
    ip: string,
    previousToken?: string,
  ): Promise<{ token: string; csrfToken: string; mfaEnrollmentRequired: boolean }> {
    await this.throttle.succeed(user.email, ip);
    if (previousToken) await this.sessions.destroy(sha256(previousToken));
    const mfaEnrollmentRequired =
      user.roles.some((r) => this.config.auth.mfaRequiredRoles.includes(r)) && !(await this.hasTotp(user.id));
    const { token, csrfToken } = await this.sessions.create(user.id, { mfaEnrollmentRequired });
    return { token, csrfToken, mfaEnrollmentRequired };
  }

  async hasTotp(userId: string): Promise<boolean> {
    return (await this.users.totpSecrets(userId)).secret !== null;
  }

  /**
   * With a second factor on, replacing it needs the password and (for the set-up) a current code
   * or a recovery code: a live session alone (a stolen cookie, an unlocked screen) must not be
   * able to swap the factor for one of its own. The password check is throttled like a sign-in.
   */
  private async proveIdentity(
    user: StaffUser,
    ip: string,
    proof: ReauthProof,
    needSecondFactor: boolean,
  ): Promise<void> {
    // Missing proof is an incomplete request (422, naming the fields), not a refusal of access:
    // the session may replace its factor, with the proof.
    const missing = [
      ...(proof.password ? [] : ['password']),
      ...(needSecondFactor && !proof.totp && !proof.recoveryCode ? ['totp'] : []),
    ];
    if (missing.length || !proof.password) {
      throw unprocessable(
        needSecondFactor
          ? 'Your second factor is on: to replace it, send your password and a code from your authenticator app (or a recovery code)'
          : 'Your second factor is on: to replace it, send your password too',
        'reauthentication_required',
        missing.map((field) => ({ field, message: 'required to replace a second factor that is on' })),
      );
    }
    const checked = await this.verifyPassword(user.email, proof.password, ip);
    if (checked.id !== user.id) throw INVALID_LOGIN();
    if (needSecondFactor) await this.verifySecondFactor(user, ip, proof);
    await this.throttle.succeed(user.email, ip);
  }

  /**
   * Starts setting up TOTP: a new secret, kept aside until a code from it is confirmed. When a
   * factor is on already, only with the password and a current code or recovery code.
   */
  async beginTotp(
    user: StaffUser,
    proof: ReauthProof = {},
    ip = '',
  ): Promise<{ secret: string; otpauthUrl: string }> {
    if (await this.hasTotp(user.id)) await this.proveIdentity(user, ip, proof, true);
    const secret = newTotpSecret();
    await this.users.setTotpPending(user.id, sealSecret(secret, this.config.auth.sessionSecret));
    return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
  }

  /** The secret being set up (to show it again after a mistyped first code). */
  async pendingTotp(user: StaffUser): Promise<{ secret: string; otpauthUrl: string } | null> {
    const { pending } = await this.users.totpSecrets(user.id);
    if (!pending) return null;
    const secret = openSecret(pending, this.config.auth.sessionSecret);
    return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
  }

  /**
   * Confirms TOTP with a first code; returns the recovery codes (shown once, stored hashed).
   * Every other session of the user ends, and this one may now do what the roles allow.
   */
  async confirmTotp(
    user: StaffUser,
    code: string,
    sessionHash: Buffer,
    proof: ReauthProof = {},
    ip = '',
  ): Promise<string[]> {
    const { pending } = await this.users.totpSecrets(user.id);
    if (!pending)
      throw new ProblemError(
        409,
        'Conflict',
        'Start setting up the authenticator app first',
        'totp_not_started',
      );
    // Replacing a factor that is on: the password again (the set-up asked for the old factor too).
    if (await this.hasTotp(user.id)) await this.proveIdentity(user, ip, proof, false);
    const step = matchTotpStep(openSecret(pending, this.config.auth.sessionSecret), code.trim(), Date.now());
    if (step === null) {
      throw unprocessable(
        'The code is wrong; check the time on your phone and try again',
        'invalid_second_factor',
        [{ field: 'code', message: 'wrong code' }],
      );
    }
    const codes = newRecoveryCodes();
    // The confirming code counts as used: it cannot sign in afterwards.
    await this.users.confirmTotp(user.id, codes.map(hashRecoveryCode), step);
    await this.sessions.destroyOthers(user.id, sessionHash);
    await this.sessions.clearEnrollment(sessionHash);
    return codes;
  }

  /** An admin removes a user's second factor (lost phone); the user sets it up again at next sign-in. */
  async resetTotp(userId: string): Promise<void> {
    await this.users.clearTotp(userId);
    await this.sessions.destroyAllFor(userId);
  }
}
