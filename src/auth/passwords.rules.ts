/**
 * Password policy for staff [decision, after NIST SP 800-63B and OWASP]: at least 8 characters,
 * long passphrases accepted (up to 256), no composition rules, and the most common passwords
 * refused (those of 8 or more characters from the public breach top lists, plus ones made of
 * this organisation's name).
 */
export const MIN_LENGTH = 8;
export const MAX_LENGTH = 256;

const COMMON = new Set(
  `password 12345678 123456789 1234567890 qwertyuiop 11111111 00000000 iloveyou1 password1 password123
  qwerty123 qwerty12 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx abcd1234 abc12345 12341234 87654321 11223344
  88888888 12344321 99999999 123123123 987654321 sunshine princess1 football baseball starwars superman
  trustno1 whatever welcome1 welcome123 letmein1 passw0rd p@ssw0rd p@ssword admin123 administrator
  changeme changeme1 qazwsxedc asdfghjkl asdfasdf zxcvbnm1 computer internet michelle jennifer
  1234qwer qwer1234 mypassword secret123 iloveyou2 charlie1 dragon12 monkey12 shadow12 master12
  babygirl1 lovely123 welkom01 welkom123 wachtwoord wachtwoord1 wachtwoord123 geheim123 voetbal1
  amsterdam rotterdam nederland holland1 zomer2024 zomer2025 winter2025 welkom2025 welkom2026
  summer2025 winter2026 spring2026 autumn2025 january2026 password2025 password2026 qwertyqwerty
  blikopwerk blikopwerk1 blikopwerk123 klachten123 inburgering keurmerk1`
    .split(/\s+/)
    .filter(Boolean),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_LENGTH) return 'too_short';
  if (length > MAX_LENGTH) return 'too_long';
  const folded = password.toLowerCase();
  if (COMMON.has(folded) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefgh)/.test(folded))
    return 'too_common';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && folded.includes(local)) return 'contains_email';
  return null;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, { nl: string; en: string }> = {
  too_short: {
    nl: `Kies een wachtwoord van minstens ${MIN_LENGTH} tekens.`,
    en: `Choose a password of at least ${MIN_LENGTH} characters.`,
  },
  too_long: {
    nl: `Een wachtwoord mag hoogstens ${MAX_LENGTH} tekens hebben.`,
    en: `A password may have at most ${MAX_LENGTH} characters.`,
  },
  too_common: {
    nl: 'Dit wachtwoord wordt te vaak gebruikt. Kies een ander.',
    en: 'This password is too common. Choose another one.',
  },
  contains_email: {
    nl: 'Gebruik uw e-mailadres niet in uw wachtwoord.',
    en: 'Do not use your email address in your password.',
  },
};
