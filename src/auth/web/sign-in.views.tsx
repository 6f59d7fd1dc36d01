import { ErrorSummary, type FieldError, Heading, Link, Notice, P, TextField } from '../../web/components.js';
import { PostForm } from '../../web/console.views.js';
import { EmailField, PasswordField } from './fields.js';
import type { Messages } from '../../web/i18n.js';
import { ConsoleLayout } from '../../web/layout.js';
import { isLocalPath } from '../../web/web.http.js';

export interface SignInState {
  notice?: string | null;
  errors?: FieldError[];
  byField?: Record<string, string>;
  email?: string;
  next?: string;
}

/** The console's sign-in page: address, password and, for who has one on, the second factor's code. */
export function SignInPage({
  m,
  url,
  loginToken,
  s,
}: {
  m: Messages;
  url: string;
  /** The double-submit token against login CSRF, also set as a cookie. */
  loginToken: string;
  s: SignInState;
}) {
  const l = m.console.login;
  return (
    <ConsoleLayout m={m} title={l.title} url={url} hasErrors={Boolean(s.errors?.length)}>
      <Heading level={1}>{l.title}</Heading>
      <P>{l.intro}</P>
      {s.notice ? <Notice kind="info">{s.notice}</Notice> : null}
      <ErrorSummary m={m} errors={s.errors} />
      <PostForm action="/console/login" button={l.button} class="utrecht-form">
        <input type="hidden" name="_login" value={loginToken} />
        {s.next && isLocalPath(s.next) ? <input type="hidden" name="next" value={s.next} /> : null}
        <EmailField label={l.email} value={s.email} error={s.byField?.email} />
        <PasswordField id="password" label={l.password} error={s.byField?.password} />
        <TextField
          id="totp"
          label={l.totp}
          hint={l.totpHint}
          error={s.byField?.totp}
          autocomplete="one-time-code"
          inputMode="numeric"
          spellcheck={false}
        />
      </PostForm>
      <P>
        <Link href="/console/forgot">{l.forgot}</Link>
      </P>
    </ConsoleLayout>
  );
}
