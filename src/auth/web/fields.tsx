import { TextField } from '../../web/components.js';

/** The address of a staff account, as browsers and password managers know it (the user name). */
export function EmailField({ label, value, error }: { label: string; value?: string; error?: string }) {
  return (
    <TextField
      id="email"
      type="email"
      label={label}
      value={value}
      error={error}
      autocomplete="username"
      required
      spellcheck={false}
    />
  );
}

/** A password field: the current one (to sign in or prove it is you) or a new one. */
export function PasswordField({
  id,
  label,
  isNew,
  error,
}: {
  id: string;
  label: string;
  isNew?: boolean;
  error?: string;
}) {
  const autocomplete = isNew ? 'new-password' : 'current-password';
  return (
    <TextField id={id} type="password" label={label} autocomplete={autocomplete} required error={error} />
  );
}
