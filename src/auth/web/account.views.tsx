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
} from '../../web/components.js';
import type { Messages } from '../../web/i18n.js';

/** The password form of one's own account; `byField` holds the message beside each field. */
export function PasswordForm({
  m,
  csrf,
  errors,
  byField = {},
}: {
  m: Messages;
  csrf: string;
  errors?: FieldError[];
  byField?: Record<string, string>;
}) {
  const a = m.account;
  return (
    <>
      <Heading level={2}>{a.passwordTitle}</Heading>
      <ErrorSummary m={m} errors={errors} />
      <form method="post" action="/console/account/password" novalidate>
        <Csrf token={csrf} />
        <TextField
          id="currentPassword"
          type="password"
          label={a.currentPassword}
          autocomplete="current-password"
          required
          error={byField.currentPassword}
        />
        <TextField
          id="newPassword"
          type="password"
          label={a.newPassword}
          autocomplete="new-password"
          required
          error={byField.newPassword}
        />
        <ButtonGroup>
          <Button>{a.passwordButton}</Button>
        </ButtonGroup>
      </form>
    </>
  );
}

/** One's own account: whether the second factor is on (and the button to set it up), and the password. */
export function AccountView({
  m,
  csrf,
  totpOn,
  changed,
  enrollmentRequired,
}: {
  m: Messages;
  csrf: string;
  totpOn: boolean;
  changed: boolean;
  enrollmentRequired: boolean;
}) {
  const a = m.account;
  return (
    <>
      <Heading level={1}>{a.title}</Heading>
      {changed ? <Notice kind="ok">{a.passwordChanged}</Notice> : null}
      {enrollmentRequired ? <Notice kind="warning">{a.totpRequiredNotice}</Notice> : null}
      <Heading level={2}>{a.security}</Heading>
      <P>{totpOn ? a.totpOn : a.totpOff}</P>
      {totpOn ? null : (
        <form method="post" action="/console/account/totp/setup">
          <Csrf token={csrf} />
          <ButtonGroup>
            <Button>{a.setupButton}</Button>
          </ButtonGroup>
        </form>
      )}
      <PasswordForm m={m} csrf={csrf} />
    </>
  );
}

/** Setting up the authenticator app: the secret (in groups of four, to type over) and the first code. */
export function TotpSetupView({
  m,
  csrf,
  setup,
  error,
}: {
  m: Messages;
  csrf: string;
  setup: { secret: string; otpauthUrl: string };
  error?: string;
}) {
  const a = m.account;
  return (
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
        <Csrf token={csrf} />
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
    </>
  );
}

/** The recovery codes, shown once after the second factor is on. */
export function RecoveryCodesView({ m, codes }: { m: Messages; codes: string[] }) {
  const a = m.account;
  return (
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
    </>
  );
}
