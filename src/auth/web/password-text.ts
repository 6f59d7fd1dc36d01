import type { ProblemError } from '../../common/problem.js';
import type { Messages } from '../../web/i18n.js';
import { PASSWORD_MESSAGES, type PasswordProblem } from '../passwords.rules.js';

/** Why a password was refused (the service's `password_<problem>` code), in the page's language. */
export function passwordText(m: Messages, e: ProblemError): string {
  const problem = (e.code ?? '').replace(/^password_/, '') as PasswordProblem;
  return PASSWORD_MESSAGES[problem]?.[m.lang] ?? m.errors.badRequestText;
}
