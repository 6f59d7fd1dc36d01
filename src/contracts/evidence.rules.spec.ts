import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  checkEvidence,
  contentDisposition,
  decodeBase64,
  MAX_EVIDENCE_BYTES,
  safeFileName,
  sniffEvidenceType,
} from './evidence.rules.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n');

describe('evidence files', () => {
  it('knows PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffEvidenceType(PDF)).toBe('application/pdf');
    expect(sniffEvidenceType(PNG)).toBe('image/png');
    expect(sniffEvidenceType(JPEG)).toBe('image/jpeg');
  });

  it('refuses what only pretends: text, HTML, SVG, a ZIP, a truncated header', () => {
    for (const bytes of [
      Buffer.from('just text'),
      Buffer.from('<html><script>alert(1)</script>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('%PDF'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      Buffer.from(' %PDF-1.4'),
    ]) {
      expect(sniffEvidenceType(bytes)).toBeNull();
      expect(checkEvidence(bytes)).toMatchObject({ ok: false, code: 'file_type_not_allowed' });
    }
  });

  it('caps the size and refuses an empty file', () => {
    expect(checkEvidence(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'file_empty' });
    const atLimit = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES - PDF.length)]);
    expect(checkEvidence(atLimit)).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkEvidence(Buffer.concat([atLimit, Buffer.alloc(1)]))).toMatchObject({
      ok: false,
      code: 'file_too_large',
    });
    expect(checkEvidence(Buffer.concat([PNG, Buffer.alloc(100)]), 50)).toMatchObject({
      ok: false,
      code: 'file_too_large',
    });
  });

  it('stores a safe file name with the extension of the real type', () => {
    expect(safeFileName('../../etc/passwd.png', 'image/png')).toBe('passwd.png');
    expect(safeFileName('C:\\Users\\x\\scan.PDF', 'application/pdf')).toBe('scan.pdf');
    expect(safeFileName('brief "verhuizing".exe', 'application/pdf')).toBe('brief _verhuizing_.pdf');
    expect(safeFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpg');
    expect(safeFileName(undefined, 'image/png')).toBe('evidence.png');
    expect(safeFileName('...', 'image/png')).toBe('evidence.png');
    expect(safeFileName('verklaring arts.pdf', 'application/pdf')).toBe('verklaring arts.pdf');
  });

  it('never lets a path, quote or control character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const safe = safeFileName(name, 'application/pdf');
        expect(safe).not.toMatch(/[\\/"\r\n\0]/);
        expect(safe.endsWith('.pdf')).toBe(true);
        expect(Array.from(safe).length).toBeLessThanOrEqual(104);
        expect(safe.startsWith('.')).toBe(false);
        // Always sendable as a header: an ASCII fallback and valid UTF-8 percent-encoding.
        expect(contentDisposition(safe)).toMatch(
          /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''\S*$/,
        );
      }),
    );
  });

  it('names a download in ASCII and in UTF-8', () => {
    expect(contentDisposition('verklaring ł.pdf')).toBe(
      `attachment; filename="verklaring _.pdf"; filename*=UTF-8''verklaring%20%C5%82.pdf`,
    );
  });

  it('decodes strict base64 only', () => {
    expect(decodeBase64(PNG.toString('base64'))?.equals(PNG)).toBe(true);
    expect(decodeBase64('aGVs\nbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('data:image/png;base64,AAAA')).toBeNull();
    expect(decodeBase64('not base64!')).toBeNull();
    expect(decodeBase64('')).toBeNull();
    expect(decodeBase64('A')).toBeNull();
  });
});
