import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { ProblemError } from '../../common/problem.js';
import { consoleContext, sendConsolePage, type ConsoleContext } from '../../web/console.views.js';
import { parseForm, type FormSpec } from '../../web/form-flow.js';
import { localize } from '../../web/forms.js';
import { Pages } from '../../web/pages.decorator.js';
import { formBody, query, redirect } from '../../web/web.http.js';
import { AccountsService } from '../accounts.service.js';
import { changePasswordBody, totpConfirmBody } from '../auth.dto.js';
import type { StaffRequest } from '../auth.guard.js';
import { Allow } from '../policy.js';
import { SessionsService } from '../sessions.service.js';
import { SignInService } from '../sign-in.service.js';
import { typedCode } from '../totp.js';
import { AccountView, PasswordForm, RecoveryCodesView, TotpSetupView } from './account.views.js';
import { passwordText } from './password-text.js';

const PASSWORD_SPEC: FormSpec = { currentPassword: 'text', newPassword: 'text' };
const totpCodeForm = totpConfirmBody.pick({ code: true });

/**
 * The staff member's own account: the second sign-in step (authenticator app, recovery codes)
 * and the password. Every page of it returns to the account page after a language change.
 */
@Pages('console')
export class AccountPagesController {
  constructor(
    private readonly signIn: SignInService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  private page(
    req: StaffRequest,
    reply: FastifyReply,
    c: ConsoleContext,
    title: string,
    body: ComponentChildren,
    status = 200,
  ) {
    sendConsolePage(req, reply, c, title, 'account', body, status, status >= 400, '/console/account');
  }

  @Get('account')
  @Allow('session.self')
  async account(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const totpOn = await this.signIn.hasTotp(c.user.id);
    this.page(
      req,
      reply,
      c,
      c.m.account.title,
      <AccountView
        m={c.m}
        csrf={c.csrf}
        totpOn={totpOn}
        changed={query(req).changed === '1'}
        enrollmentRequired={Boolean(req.staff!.mfaEnrollmentRequired)}
      />,
    );
  }

  private setupPage(
    req: StaffRequest,
    reply: FastifyReply,
    setup: { secret: string; otpauthUrl: string },
    error?: string,
  ) {
    const c = consoleContext(req);
    const body = <TotpSetupView m={c.m} csrf={c.csrf} setup={setup} error={error} />;
    this.page(req, reply, c, c.m.account.setupButton, body, error ? 422 : 200);
  }

  @Post('account/totp/setup')
  @Allow('session.self')
  async setup(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    // The console offers the set-up only while no factor is on; replacing one needs the password and
    // a current code (beginTotp refuses with 403 without them), through the API or an admin's reset.
    this.setupPage(req, reply, await this.signIn.beginTotp(req.staff!.user, {}, req.ip));
  }

  @Post('account/totp/confirm')
  @Allow('session.self')
  async confirm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const parsed = parseForm(totpCodeForm, { code: typedCode(formBody(req).code ?? '') }, { code: 'text' });
    let codes: string[];
    try {
      // A code that does not parse is refused as any wrong code is (or 409 when no set-up was started).
      const code = parsed.ok ? parsed.value.code : '';
      codes = await this.signIn.confirmTotp(req.staff!.user, code, req.staff!.tokenHash, {}, req.ip);
    } catch (e) {
      const pending = await this.signIn.pendingTotp(req.staff!.user);
      if (e instanceof ProblemError && e.code === 'invalid_second_factor' && pending) {
        const error = parsed.ok ? c.m.account.codeInvalid : c.m.fieldErrors[parsed.issues[0].key];
        return this.setupPage(req, reply, pending, error);
      }
      throw e;
    }
    this.page(req, reply, c, c.m.account.recoveryTitle, <RecoveryCodesView m={c.m} codes={codes} />);
  }

  @Post('account/password')
  @Allow('session.self')
  async password(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const a = c.m.account;
    const parsed = parseForm(changePasswordBody, formBody(req), PASSWORD_SPEC);
    const refused = (errors: { field: string; message: string }[], byField: Record<string, string>) =>
      this.page(
        req,
        reply,
        c,
        a.title,
        <PasswordForm m={c.m} csrf={c.csrf} errors={errors} byField={byField} />,
        422,
      );
    if (!parsed.ok) {
      const labels = { currentPassword: a.currentPassword, newPassword: a.newPassword };
      const { summary, byField } = localize(parsed.issues, c.m, labels);
      return refused(summary, byField);
    }
    try {
      const { currentPassword, newPassword } = parsed.value;
      await this.accounts.changePassword(req.staff!.user, currentPassword, newPassword, req.ip);
    } catch (e) {
      if (!(e instanceof ProblemError) || (e.status !== 401 && e.status !== 422)) throw e;
      const error =
        e.status === 401
          ? { field: 'currentPassword', message: a.currentWrong }
          : { field: 'newPassword', message: passwordText(c.m, e) };
      return refused([error], { [error.field]: error.message });
    }
    const { token } = await this.sessions.create(req.staff!.user.id);
    this.sessions.setCookie(reply, token);
    redirect(reply, '/console/account?changed=1');
  }
}
