import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './passwords.rules.js';

describe('passwordProblem', () => {
  it('refuses short, common and email-based passwords', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('Password123')).toBe('too_common');
    expect(passwordProblem('wachtwoord')).toBe('too_common');
    expect(passwordProblem('aaaaaaaaaa')).toBe('too_common');
    expect(passwordProblem('janjansen-2026!', 'janjansen@bow.nl')).toBe('contains_email');
    expect(passwordProblem('x'.repeat(257))).toBe('too_long');
  });
  it('accepts long passphrases and counts characters, not bytes', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('ĳsvogel🙂🙂🙂🙂')).toBeNull();
    expect(passwordProblem('é'.repeat(7))).toBe('too_short');
    expect(passwordProblem('z'.repeat(70) + 'q')).toBeNull();
  });
});
