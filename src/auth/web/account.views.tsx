import { ErrorSummary, type FieldError, Heading, Link, Notice, P, TextField } from '../../web/components.js';
import { PageTitle, PostForm } from '../../web/console.views.js';
import { PasswordField } from './fields.js';
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
      <PostForm action="/console/account/password" csrf={csrf} button={a.passwordButton}>
        <PasswordField id="currentPassword" label={a.currentPassword} error={byField.currentPassword} />
        <PasswordField id="newPassword" label={a.newPassword} isNew error={byField.newPassword} />
      </PostForm>
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
      {totpOn ? null : <PostForm action="/console/account/totp/setup" csrf={csrf} button={a.setupButton} />}
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
      <PageTitle
        m={m}
        title={a.setupButton}
        errors={error ? [{ field: 'code', message: error }] : undefined}
      />
      <P>{a.setupSteps}</P>
      <P>
        <code class="bow-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </P>
      <P>
        {a.setupLink} <Link href={setup.otpauthUrl}>otpauth://</Link>
      </P>
      <PostForm action="/console/account/totp/confirm" csrf={csrf} button={a.confirmButton}>
        <TextField
          id="code"
          label={a.code}
          autocomplete="one-time-code"
          inputMode="numeric"
          required
          error={error}
          spellcheck={false}
        />
      </PostForm>
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
