import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { SignInService } from './sign-in.service.js';
import type { StaffUser } from './users.repository.js';

export { INVALID_LOGIN } from './sign-in.service.js';

/** passport-local verifies the credentials; the session itself is ours (passport's expects Express). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly signIn: SignInService) {
    super({ usernameField: 'email', passwordField: 'password', session: false, passReqToCallback: true });
  }

  async validate(req: FastifyRequest, email: string, password: string): Promise<StaffUser> {
    return this.signIn.verifyPassword(email, password, req.ip);
  }
}
