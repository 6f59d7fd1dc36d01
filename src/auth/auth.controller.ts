import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ProblemError } from '../common/problem.js';
import { jsonSchema, parseOrThrow, ZodPipe } from '../common/validation.js';
import { loginBody, totpConfirmBody, totpSetupBody } from './auth.dto.js';
import type { StaffRequest } from './auth.guard.js';
import { Allow, Public } from './policy.js';
import { SESSION_COOKIE, SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import type { StaffUser } from './users.repository.js';

/** Checks the body (unknown fields refused) before passport-local looks at the credentials. */
@Injectable()
class LoginGuard extends AuthGuard('local') implements CanActivate {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    // JSON only: a cross-site form cannot send it, so nobody can be signed in to another account (login CSRF).
    if (!/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))) {
      throw new ProblemError(
        415,
        'Unsupported Media Type',
        'Send the credentials as JSON (Content-Type: application/json)',
        'json_required',
      );
    }
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
    private readonly signIn: SignInService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOperation({
    summary:
      'Staff sign-in: sets the session cookie and returns the CSRF token. With a second factor set up, send `totp` (or a `recoveryCode`); ' +
      'without it the answer is 401 `totp_required`. `mfaEnrollmentRequired: true` means the role requires a second factor that is not set up yet: ' +
      'until it is, the session may only set it up.',
  })
  @ApiBody({ schema: jsonSchema(loginBody) })
  async login(
    @Req() req: StaffRequest & { user: StaffUser },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const body = parseOrThrow(loginBody, req.body);
    await this.signIn.verifySecondFactor(req.user, req.ip, body);
    const session = await this.signIn.startSession(req.user, req.ip, req.cookies?.[SESSION_COOKIE]);
    this.sessions.setCookie(reply, session.token);
    return {
      user: publicUser(req.user),
      csrfToken: session.csrfToken,
      ...(session.mfaEnrollmentRequired ? { mfaEnrollmentRequired: true } : {}),
    };
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
  async me(@Req() req: StaffRequest) {
    const s = req.staff!;
    return {
      user: publicUser(s.user),
      csrfToken: s.csrfToken,
      totpEnabled: await this.signIn.hasTotp(s.user.id),
      mfaEnrollmentRequired: s.mfaEnrollmentRequired,
    };
  }

  @Post('totp/setup')
  @Allow('session.self')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Start setting up an authenticator app: returns the secret and an otpauth:// URL. With a second factor on already, ' +
      'send `password` and a current `totp` (or a `recoveryCode`): 422 `reauthentication_required` without them',
  })
  @ApiBody({ schema: jsonSchema(totpSetupBody) })
  totpSetup(@Body(new ZodPipe(totpSetupBody)) b: z.infer<typeof totpSetupBody>, @Req() req: StaffRequest) {
    return this.signIn.beginTotp(req.staff!.user, b, req.ip);
  }

  @Post('totp/confirm')
  @Allow('session.self')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm with a first code; returns ten single-use recovery codes (shown once) and ends your other sessions. ' +
      'Replacing a second factor that is on needs `password` too',
  })
  @ApiBody({ schema: jsonSchema(totpConfirmBody) })
  async totpConfirm(
    @Body(new ZodPipe(totpConfirmBody)) b: z.infer<typeof totpConfirmBody>,
    @Req() req: StaffRequest,
  ) {
    const recoveryCodes = await this.signIn.confirmTotp(
      req.staff!.user,
      b.code,
      req.staff!.tokenHash,
      { password: b.password },
      req.ip,
    );
    return { recoveryCodes };
  }
}
