import { Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { ProblemError } from '../../common/problem.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { ErrorSummary, Heading, Link, Notice, P } from '../../web/components.js';
import { PostForm } from '../../web/console.views.js';
import { EmailField, PasswordField } from './fields.js';
import { parseForm } from '../../web/form-flow.js';
import { messages, type Messages } from '../../web/i18n.js';
import { ConsoleLayout } from '../../web/layout.js';
import { Pages } from '../../web/pages.decorator.js';
import { formBody, publicLang, redirect, sendPage } from '../../web/web.http.js';
import { AccountsService } from '../accounts.service.js';
import { resetConfirmBody, resetRequestBody } from '../auth.dto.js';
import { Public } from '../policy.js';
import { passwordText } from './password-text.js';

function ForgotForm({ m }: { m: Messages }) {
  return (
    <>
      <P>{m.account.forgotIntro}</P>
      <PostForm action="/console/forgot" button={m.account.forgotButton}>
        <EmailField label={m.console.login.email} />
      </PostForm>
    </>
  );
}

function ResetForm({ m, token, error }: { m: Messages; token: string; error?: string }) {
  return (
    <>
      <ErrorSummary m={m} errors={error ? [{ field: 'password', message: error }] : undefined} />
      <PostForm action={`/console/reset/${encodeURIComponent(token)}`} button={m.account.resetButton}>
        <PasswordField id="password" label={m.account.newPassword} isNew error={error} />
      </PostForm>
    </>
  );
}

function ResetLinkInvalid({ m }: { m: Messages }) {
  return (
    <>
      <Notice kind="warning">{m.account.resetInvalid}</Notice>
      <P>
        <Link href="/console/forgot">{m.console.login.forgot}</Link>
      </P>
    </>
  );
}

/** The public pages behind "forgot your password" and the emailed link; the same service as the JSON API. */
@Pages('console')
@Public()
export class PasswordResetPagesController {
  constructor(private readonly accounts: AccountsService) {}

  private page(
    req: FastifyRequest,
    reply: FastifyReply,
    m: Messages,
    title: string,
    body: ComponentChildren,
    status = 200,
  ) {
    const url = req.method === 'GET' ? req.url : '/console/login';
    sendPage(
      reply,
      <ConsoleLayout m={m} title={title} url={url} hasErrors={status >= 400}>
        <Heading level={1}>{title}</Heading>
        {body}
      </ConsoleLayout>,
      status,
    );
  }

  @Get('forgot')
  forgotPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    this.page(req, reply, m, m.account.forgotTitle, <ForgotForm m={m} />);
  }

  @Post('forgot')
  @UseGuards(RateLimitGuard)
  async forgot(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(publicLang(req, reply));
    const parsed = parseForm(resetRequestBody, formBody(req), { email: 'text' });
    if (parsed.ok) await this.accounts.requestReset(parsed.value.email);
    // The same answer whether or not the address belongs to an account (or is one at all).
    this.page(req, reply, m, m.account.forgotTitle, <Notice kind="ok">{m.account.forgotSent}</Notice>);
  }

  @Get('reset/:token')
  resetPage(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    this.page(req, reply, m, m.account.resetTitle, <ResetForm m={m} token={token} />);
  }

  @Post('reset/:token')
  @UseGuards(RateLimitGuard)
  async reset(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const m = messages(publicLang(req, reply));
    const title = m.account.resetTitle;
    const parsed = parseForm(
      resetConfirmBody,
      { ...formBody(req), token },
      { token: 'text', password: 'text' },
    );
    if (!parsed.ok) {
      // A token that cannot be one is a link that is not valid; a missing or too long password, the form's.
      const issue = parsed.issues[0];
      if (issue.field === 'token') return this.page(req, reply, m, title, <ResetLinkInvalid m={m} />, 400);
      const error = m.fieldErrors[issue.key];
      return this.page(req, reply, m, title, <ResetForm m={m} token={token} error={error} />, 422);
    }
    try {
      await this.accounts.confirmReset(parsed.value.token, parsed.value.password);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      if (e.code === 'reset_link_invalid')
        return this.page(req, reply, m, title, <ResetLinkInvalid m={m} />, 400);
      if (e.status !== 422) throw e;
      const error = passwordText(m, e);
      return this.page(req, reply, m, title, <ResetForm m={m} token={token} error={error} />, 422);
    }
    redirect(reply, '/console/login?reset=1');
  }
}
