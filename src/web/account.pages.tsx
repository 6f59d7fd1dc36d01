import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { AccountsService } from '../auth/accounts.service.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { PASSWORD_MESSAGES, type PasswordProblem } from '../auth/passwords.rules.js';
import { Allow, Public } from '../auth/policy.js';
import { SessionsService } from '../auth/sessions.service.js';
import { SignInService } from '../auth/sign-in.service.js';
import { ProblemError } from '../common/problem.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import {
  Button,
  ButtonGroup,
  Csrf,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  TextField,
} from './components.js';
import { messages, type Messages } from './i18n.js';
import { ConsoleLayout } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { formBody, publicLang, query, redirect, sendPage, staffLang } from './web.http.js';

/** Why a password was refused, in the page's language. */
function passwordText(m: Messages, e: ProblemError): string {
  const problem = (e.code ?? '').replace(/^password_/, '') as PasswordProblem;
  return PASSWORD_MESSAGES[problem]?.[m.lang] ?? m.errors.badRequestText;
}

/**
 * The staff member's own account: the second sign-in step (authenticator app, recovery codes)
 * and the password; plus the public pages behind "forgot your password" and the emailed link.
 */
@ApiExcludeController()
@Controller('console')
@UseFilters(PageErrorFilter)
export class AccountPagesController {
  constructor(
    private readonly signIn: SignInService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  private page(
    req: StaffRequest,
    reply: FastifyReply,
    m: Messages,
    title: string,
    body: ComponentChildren,
    status = 200,
    hasErrors = false,
  ) {
    const s = req.staff!;
    sendPage(
      reply,
      <ConsoleLayout
        m={m}
        title={title}
        user={s.user}
        csrf={s.csrfToken}
        section="account"
        url="/console/account"
        hasErrors={hasErrors}
      >
        {body}
      </ConsoleLayout>,
      status,
    );
  }

  @Get('account')
  @Allow('session.self')
  async account(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(staffLang(req));
    const a = m.account;
    const q = query(req);
    const totpOn = await this.signIn.hasTotp(req.staff!.user.id);
    this.page(
      req,
      reply,
      m,
      a.title,
      <>
        <Heading level={1}>{a.title}</Heading>
        {q.changed === '1' ? <Notice kind="ok">{a.passwordChanged}</Notice> : null}
        {req.staff!.mfaEnrollmentRequired ? <Notice kind="warning">{a.totpRequiredNotice}</Notice> : null}
        <Heading level={2}>{a.security}</Heading>
        <P>{totpOn ? a.totpOn : a.totpOff}</P>
        {totpOn ? null : (
          <form method="post" action="/console/account/totp/setup">
            <Csrf token={req.staff!.csrfToken} />
            <ButtonGroup>
              <Button>{a.setupButton}</Button>
            </ButtonGroup>
          </form>
        )}
        {this.passwordForm(req, m)}
      </>,
    );
  }

  private passwordForm(req: StaffRequest, m: Messages, errors?: FieldError[]) {
    const a = m.account;
    return (
      <>
        <Heading level={2}>{a.passwordTitle}</Heading>
        <ErrorSummary m={m} errors={errors} />
        <form method="post" action="/console/account/password" novalidate>
          <Csrf token={req.staff!.csrfToken} />
          <TextField
            id="currentPassword"
            type="password"
            label={a.currentPassword}
            autocomplete="current-password"
            required
            error={errors?.find((e) => e.field === 'currentPassword')?.message}
          />
          <TextField
            id="newPassword"
            type="password"
            label={a.newPassword}
            autocomplete="new-password"
            required
            error={errors?.find((e) => e.field === 'newPassword')?.message}
          />
          <ButtonGroup>
            <Button>{a.passwordButton}</Button>
          </ButtonGroup>
        </form>
      </>
    );
  }

  private setupPage(
    req: StaffRequest,
    reply: FastifyReply,
    m: Messages,
    setup: { secret: string; otpauthUrl: string },
    error?: string,
  ) {
    const a = m.account;
    this.page(
      req,
      reply,
      m,
      a.setupButton,
      <>
        <Heading level={1}>{a.setupButton}</Heading>
        <ErrorSummary m={m} errors={error ? [{ field: 'code', message: error }] : undefined} />
        <P>{a.setupSteps}</P>
        <P>
          <code class="bow-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </P>
        <P>
          {a.setupLink} <Link href={setup.otpauthUrl}>otpauth://</Link>
        </P>
        <form method="post" action="/console/account/totp/confirm" novalidate>
          <Csrf token={req.staff!.csrfToken} />
          <TextField
            id="code"
            label={a.code}
            autocomplete="one-time-code"
            inputMode="numeric"
            required
            error={error}
            spellcheck={false}
          />
          <ButtonGroup>
            <Button>{a.confirmButton}</Button>
          </ButtonGroup>
        </form>
      </>,
      error ? 422 : 200,
      Boolean(error),
    );
  }

  @Post('account/totp/setup')
  @Allow('session.self')
  async setup(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(staffLang(req));
    // The console offers the set-up only while no factor is on; replacing one needs the password and
    // a current code (beginTotp refuses with 403 without them), through the API or an admin's reset.
    this.setupPage(req, reply, m, await this.signIn.beginTotp(req.staff!.user, {}, req.ip));
  }

  @Post('account/totp/confirm')
  @Allow('session.self')
  async confirm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(staffLang(req));
    const code = (formBody(req).code ?? '').replace(/\s+/g, '');
    let codes: string[];
    try {
      codes = await this.signIn.confirmTotp(req.staff!.user, code, req.staff!.tokenHash, {}, req.ip);
    } catch (e) {
      const pending = await this.signIn.pendingTotp(req.staff!.user);
      if (e instanceof ProblemError && e.code === 'invalid_second_factor' && pending)
        return this.setupPage(req, reply, m, pending, m.account.codeInvalid);
      throw e;
    }
    const a = m.account;
    this.page(
      req,
      reply,
      m,
      a.recoveryTitle,
      <>
        <Heading level={1}>{a.recoveryTitle}</Heading>
        <Notice kind="ok">{a.totpOn}</Notice>
        <P>{a.recoveryText}</P>
        <ul class="bow-codes">
          {codes.map((c) => (
            <li>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <P>
          <Link href="/console">{m.errors.toConsole}</Link>
        </P>
      </>,
    );
  }

  @Post('account/password')
  @Allow('session.self')
  async password(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(staffLang(req));
    const body = formBody(req);
    try {
      await this.accounts.changePassword(
        req.staff!.user,
        body.currentPassword ?? '',
        body.newPassword ?? '',
        req.ip,
      );
    } catch (e) {
      if (!(e instanceof ProblemError) || (e.status !== 401 && e.status !== 422)) throw e;
      const error =
        e.status === 401
          ? { field: 'currentPassword', message: m.account.currentWrong }
          : { field: 'newPassword', message: passwordText(m, e) };
      return this.page(req, reply, m, m.account.title, <>{this.passwordForm(req, m, [error])}</>, 422, true);
    }
    const { token } = await this.sessions.create(req.staff!.user.id);
    this.sessions.setCookie(reply, token);
    redirect(reply, '/console/account?changed=1');
  }

  // ------------------------------------------------------------------ public: forgot and reset

  private publicPage(
    req: FastifyRequest,
    reply: FastifyReply,
    m: Messages,
    title: string,
    body: ComponentChildren,
    status = 200,
  ) {
    sendPage(
      reply,
      <ConsoleLayout
        m={m}
        title={title}
        url={req.method === 'GET' ? req.url : '/console/login'}
        hasErrors={status >= 400}
      >
        <Heading level={1}>{title}</Heading>
        {body}
      </ConsoleLayout>,
      status,
    );
  }

  @Get('forgot')
  @Public()
  forgotPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    this.publicPage(req, reply, m, m.account.forgotTitle, this.forgotForm(m));
  }

  private forgotForm(m: Messages) {
    return (
      <>
        <P>{m.account.forgotIntro}</P>
        <form method="post" action="/console/forgot" novalidate>
          <TextField
            id="email"
            type="email"
            label={m.console.login.email}
            autocomplete="username"
            required
            spellcheck={false}
          />
          <ButtonGroup>
            <Button>{m.account.forgotButton}</Button>
          </ButtonGroup>
        </form>
      </>
    );
  }

  @Post('forgot')
  @Public()
  @UseGuards(RateLimitGuard)
  async forgot(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(publicLang(req, reply));
    const email = (formBody(req).email ?? '').trim().slice(0, 320);
    if (email) await this.accounts.requestReset(email);
    // The same answer whether or not the address belongs to an account.
    this.publicPage(req, reply, m, m.account.forgotTitle, <Notice kind="ok">{m.account.forgotSent}</Notice>);
  }

  @Get('reset/:token')
  @Public()
  resetPage(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    this.publicPage(req, reply, m, m.account.resetTitle, this.resetForm(m, token));
  }

  private resetForm(m: Messages, token: string, error?: string) {
    return (
      <>
        <ErrorSummary m={m} errors={error ? [{ field: 'password', message: error }] : undefined} />
        <form method="post" action={`/console/reset/${encodeURIComponent(token)}`} novalidate>
          <TextField
            id="password"
            type="password"
            label={m.account.newPassword}
            autocomplete="new-password"
            required
            error={error}
          />
          <ButtonGroup>
            <Button>{m.account.resetButton}</Button>
          </ButtonGroup>
        </form>
      </>
    );
  }

  @Post('reset/:token')
  @Public()
  @UseGuards(RateLimitGuard)
  async reset(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const m = messages(publicLang(req, reply));
    try {
      await this.accounts.confirmReset(token, formBody(req).password ?? '');
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      if (e.code === 'reset_link_invalid') {
        return this.publicPage(
          req,
          reply,
          m,
          m.account.resetTitle,
          <>
            <Notice kind="warning">{m.account.resetInvalid}</Notice>
            <P>
              <Link href="/console/forgot">{m.console.login.forgot}</Link>
            </P>
          </>,
          400,
        );
      }
      if (e.status === 422)
        return this.publicPage(
          req,
          reply,
          m,
          m.account.resetTitle,
          this.resetForm(m, token, passwordText(m, e)),
          422,
        );
      throw e;
    }
    redirect(reply, '/console/login?reset=1');
  }
}
