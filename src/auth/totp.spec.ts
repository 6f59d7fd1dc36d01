import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  sealSecret,
  secondFactorProof,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp.js';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890", 8 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(totpCode(RFC_SECRET, 59_000, 8)).toBe('94287082');
    expect(totpCode(RFC_SECRET, 1_111_111_109_000, 8)).toBe('07081804');
    expect(totpCode(RFC_SECRET, 1_234_567_890_000, 8)).toBe('89005924');
    expect(totpCode(RFC_SECRET, 20_000_000_000_000, 8)).toBe('65353130');
  });
  it('accepts one step of drift and nothing further', () => {
    const s = newTotpSecret();
    const now = 1_800_000_000_000;
    expect(verifyTotp(s, totpCode(s, now), now)).toBe(true);
    expect(verifyTotp(s, totpCode(s, now - 30_000), now)).toBe(true);
    expect(verifyTotp(s, totpCode(s, now + 30_000), now)).toBe(true);
    expect(verifyTotp(s, totpCode(s, now - 90_000), now)).toBe(false);
    expect(verifyTotp(s, 'abcdef', now)).toBe(false);
  });
  it('names the time step a code belongs to (for replay protection)', () => {
    const s = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    expect(step).toBe(60_000_000);
    expect(matchTotpStep(s, totpCode(s, now), now)).toBe(step);
    expect(matchTotpStep(s, totpCode(s, now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(s, totpCode(s, now + 30_000), now)).toBe(step + 1);
    expect(matchTotpStep(s, totpCode(s, now + 60_000), now)).toBeNull();
    expect(matchTotpStep(s, '12345', now)).toBeNull();
  });
  it('base32 round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) =>
        expect(base32Decode(base32Encode(Buffer.from(bytes)))).toEqual(Buffer.from(bytes)),
      ),
    );
  });
  it('seals the secret so that only the same session secret opens it', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', 'x'.repeat(40));
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(sealed, 'x'.repeat(40))).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(sealed, 'y'.repeat(40))).toThrow();
  });
  it('makes ten distinct recovery codes and hashes them case-insensitively', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(hashRecoveryCode(codes[0].toUpperCase())).toBe(hashRecoveryCode(codes[0]));
  });
  it("tells the app's code from a recovery code in the sign-in page's one field", () => {
    expect(secondFactorProof(' 123 456 ')).toEqual({ totp: '123456' });
    expect(secondFactorProof('abcde-fghij')).toEqual({ recoveryCode: 'abcde-fghij' });
    expect(secondFactorProof('12345')).toEqual({ recoveryCode: '12345' });
    expect(secondFactorProof('  ')).toEqual({});
  });
});
