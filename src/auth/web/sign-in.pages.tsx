import { Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ProblemError } from '../../common/problem.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { parseForm, type FormSpec } from '../../web/form-flow.js';
import { localize } from '../../web/forms.js';
import { messages, type Messages } from '../../web/i18n.js';
import { Pages } from '../../web/pages.decorator.js';
import {
  formBody,
  isLocalPath,
  publicLang,
  query,
  redirect,
  rememberLang,
  sendPage,
} from '../../web/web.http.js';
import { loginBody, updateUserBody } from '../auth.dto.js';
import type { StaffRequest } from '../auth.guard.js';
import { Allow, Public } from '../policy.js';
import { randomToken, safeEqual, SESSION_COOKIE, SessionsService } from '../sessions.service.js';
import { SignInService } from '../sign-in.service.js';
import { secondFactorProof } from '../totp.js';
import { UsersRepository } from '../users.repository.js';
import { SignInPage, type SignInState } from './sign-in.views.js';

/** Double-submit token against login CSRF (someone signing a victim into another account). */
const LOGIN_COOKIE = 'bow_login';

/** The JSON sign-in's body; the page asks a real address (the API answers any wrong one as a failed sign-in). */
const signInForm = loginBody.extend({ email: loginBody.shape.email.pipe(z.email()) });
/** The page has one code field: the app's code or a recovery code (secondFactorProof tells which). */
const SIGN_IN_SPEC: FormSpec = { email: 'text', password: 'text', totp: 'text', recoveryCode: 'text' };
const languageForm = updateUserBody.pick({ language: true });

/** Where to go after signing in or changing the language: a console page, or the start page. */
function consolePath(p: string | undefined): string {
  return isLocalPath(p) && p.startsWith('/console') ? p : '/console';
}

/** Why signing in failed, as the page says it, and the field it belongs to. */
function refusal(m: Messages, e: ProblemError): { field: string; message: string } {
  const l = m.console.login;
  if (e.status === 429) return { field: 'email', message: m.errors.tooManyText };
  if (e.code === 'totp_required') return { field: 'totp', message: l.totpRequired };
  if (e.code === 'invalid_second_factor') return { field: 'totp', message: l.totpInvalid };
  return { field: 'email', message: l.invalid };
}

/** Signing in and out of the console, and the user's language; the same steps as the JSON sign-in. */
@Pages('console')
export class SignInPagesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  loginPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const q = query(req);
    const l = m.console.login;
    // Why the reader is here: the first that applies.
    const notices: [boolean, string][] = [
      [q.expired === '1', l.expired],
      [q.signedOut === '1', l.signedOut],
      [q.reset === '1', m.account.resetDone],
      [Boolean(q.next), l.signInFirst],
    ];
    const notice = notices.find(([applies]) => applies)?.[1] ?? null;
    this.render(req, reply, m, { notice, next: q.next });
  }

  @Post('login')
  @Public()
  @UseGuards(RateLimitGuard)
  async login(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(publicLang(req, reply));
    const body = formBody(req);
    const state = { email: body.email, next: consolePath(body.next) };
    const loginToken = req.cookies?.[LOGIN_COOKIE];
    if (!loginToken || !body._login || !safeEqual(loginToken, body._login)) {
      return this.render(
        req,
        reply,
        m,
        { ...state, errors: [{ field: 'email', message: m.errors.csrfText }] },
        403,
      );
    }
    const { totp = '', recoveryCode = '' } = secondFactorProof(body.totp ?? '');
    const parsed = parseForm(signInForm, { ...body, totp, recoveryCode }, SIGN_IN_SPEC);
    if (!parsed.ok) {
      const issues = parsed.issues.map((i) => (i.field === 'recoveryCode' ? { ...i, field: 'totp' } : i));
      const l = m.console.login;
      const { summary, byField } = localize(issues, m, {
        email: l.email,
        password: l.password,
        totp: l.totp,
      });
      return this.render(req, reply, m, { ...state, errors: summary, byField }, 422);
    }
    const { email, password, ...proof } = parsed.value;
    let session: Awaited<ReturnType<SignInService['startSession']>>;
    let language: 'nl' | 'en';
    try {
      const user = await this.signIn.verifyPassword(email, password, req.ip);
      await this.signIn.verifySecondFactor(user, req.ip, proof);
      session = await this.signIn.startSession(user, req.ip, req.cookies?.[SESSION_COOKIE]);
      language = user.language;
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      if (e.status === 429 && e.extra.retryAfter)
        void reply.header('retry-after', String(e.extra.retryAfter));
      const { field, message } = refusal(m, e);
      const byField = field === 'totp' ? { totp: message } : undefined;
      return this.render(req, reply, m, { ...state, errors: [{ field, message }], byField }, e.status);
    }
    this.sessions.setCookie(reply, session.token);
    void reply.clearCookie(LOGIN_COOKIE, { path: '/console' });
    // Remembered for the pages seen without a session (sign-in again after expiry) in the user's language.
    rememberLang(reply, language);
    redirect(reply, session.mfaEnrollmentRequired ? '/console/account' : state.next);
  }

  private render(req: FastifyRequest, reply: FastifyReply, m: Messages, s: SignInState, status = 200): void {
    const loginToken = randomToken(18);
    void reply.setCookie(LOGIN_COOKIE, loginToken, {
      path: '/console',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.env === 'production',
    });
    const url = req.method === 'GET' ? req.url : '/console/login';
    sendPage(reply, <SignInPage m={m} url={url} loginToken={loginToken} s={s} />, status);
  }

  @Post('logout')
  @Allow('session.self')
  async logout(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    if (req.staff) await this.sessions.destroy(req.staff.tokenHash);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    redirect(reply, '/console/login?signedOut=1');
  }

  /** The user's own language setting (staff_users.language); the console follows it everywhere. */
  @Post('language')
  @Allow('session.self')
  async language(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = formBody(req);
    // A language the console does not have changes nothing: the menu offers only those it has.
    const parsed = parseForm(languageForm, body, { language: 'text' });
    if (parsed.ok && parsed.value.language) {
      await this.users.setLanguage(req.staff!.user.id, parsed.value.language);
      rememberLang(reply, parsed.value.language);
    }
    redirect(reply, consolePath(body.returnTo));
  }
}
