import {
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  TextField,
} from '../../web/components.js';
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
      <form method="post" action="/console/login" novalidate class="utrecht-form">
        <input type="hidden" name="_login" value={loginToken} />
        {s.next && isLocalPath(s.next) ? <input type="hidden" name="next" value={s.next} /> : null}
        <TextField
          id="email"
          type="email"
          label={l.email}
          value={s.email}
          error={s.byField?.email}
          autocomplete="username"
          required
          spellcheck={false}
        />
        <TextField
          id="password"
          type="password"
          label={l.password}
          error={s.byField?.password}
          autocomplete="current-password"
          required
        />
        <TextField
          id="totp"
          label={l.totp}
          hint={l.totpHint}
          error={s.byField?.totp}
          autocomplete="one-time-code"
          inputMode="numeric"
          spellcheck={false}
        />
        <ButtonGroup>
          <Button>{l.button}</Button>
        </ButtonGroup>
      </form>
      <P>
        <Link href="/console/forgot">{l.forgot}</Link>
      </P>
    </ConsoleLayout>
  );
}
