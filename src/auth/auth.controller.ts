import { CanActivate, Controller, ExecutionContext, Get, HttpCode, Inject, Injectable, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { jsonSchema, parseOrThrow } from '../common/validation.js';
import type { StaffRequest } from './auth.guard.js';
import { Allow, Public } from './policy.js';
import { SESSION_COOKIE, SessionsService, sha256 } from './sessions.service.js';
import type { StaffUser } from './users.repository.js';

export const loginBody = z
  .object({ email: z.string().trim().max(320), password: z.string().max(1024) })
  .strict();

/** Checks the body (unknown fields refused) before passport-local looks at the credentials. */
@Injectable()
class LoginGuard extends AuthGuard('local') implements CanActivate {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    parseOrThrow(loginBody, request.body);
    return (await super.canActivate(context)) as boolean;
  }
}

export function publicUser(u: StaffUser) {
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, language: u.language };
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOperation({ summary: 'Staff sign-in: sets the session cookie and returns the CSRF token' })
  @ApiBody({ schema: jsonSchema(loginBody) })
  async login(@Req() req: StaffRequest & { user: StaffUser }, @Res({ passthrough: true }) reply: FastifyReply) {
    const existing = req.cookies?.[SESSION_COOKIE];
    if (existing) await this.sessions.destroy(sha256(existing)); // rotate: never reuse a session across sign-ins
    const { token, csrfToken } = await this.sessions.create(req.user.id);
    this.setCookie(reply, token);
    return { user: publicUser(req.user), csrfToken };
  }

  @Post('logout')
  @Allow('session.self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session at once' })
  async logout(@Req() req: StaffRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (req.staff) await this.sessions.destroy(req.staff.tokenHash);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Allow('session.self')
  @ApiOperation({ summary: 'The signed-in user and the CSRF token of the session' })
  me(@Req() req: StaffRequest) {
    return { user: publicUser(req.staff!.user), csrfToken: req.staff!.csrfToken };
  }

  setCookie(reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.env !== 'development' && this.config.env !== 'test',
    });
  }
}
