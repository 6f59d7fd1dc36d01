import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { ProblemError } from '../common/problem.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { StaffUser, UsersRepository } from './users.repository.js';

export const INVALID_LOGIN = () =>
  new ProblemError(401, 'Unauthorized', 'The email address or password is wrong', 'invalid_credentials');

/** passport-local verifies the credentials; the session itself is ours (passport's expects Express). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly users: UsersRepository) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  async validate(email: string, password: string): Promise<StaffUser> {
    const user = await this.users.findByEmailWithHash(email);
    // Unknown email and wrong password take the same time and give the same answer.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) throw INVALID_LOGIN();
    const { passwordHash: _omit, ...safe } = user;
    return safe;
  }
}
