/**
 * Evidence files for weighty reasons (moved, long illness, arbitration). Pure: no Nest, no I/O.
 * The type is decided by the file's first bytes, never by its name or the Content-Type the
 * client sent. [decision]
 */
export type EvidenceType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** 5 MiB: a scanned letter or a phone photo fits; a video does not. [decision] */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/**
 * The JSON API refuses bodies over 1 MiB; base64 adds a third, so a file sent inside JSON may be
 * at most 700 KiB. Larger files go as the raw request body (up to MAX_EVIDENCE_BYTES). [decision]
 */
export const MAX_EVIDENCE_JSON_BYTES = 700 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** The file's real type from its magic bytes, or null when it is not a PDF, PNG or JPEG. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

const EXTENSIONS: Record<EvidenceType, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/**
 * A file name that is safe to store and to send back in Content-Disposition: no path, no control
 * or quote characters, at most 104 characters, and the extension of the real type.
 */
export function safeFileName(given: string | undefined | null, type: EvidenceType): string {
  const cleaned = (given ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_');
  // By code points, so a letter outside the BMP is never cut in half.
  const base = Array.from(cleaned)
    .slice(0, 100)
    .join('')
    .replace(/^[\s.]+/, '')
    .trimEnd();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').trimEnd() || 'evidence';
  return `${stem}${EXTENSIONS[type]}`;
}

export type EvidenceCheck =
  | { ok: true; type: EvidenceType }
  | { ok: false; code: 'file_empty' | 'file_too_large' | 'file_type_not_allowed'; message: string };

/** Whether `bytes` may be stored as evidence. */
export function checkEvidence(bytes: Uint8Array, maxBytes = MAX_EVIDENCE_BYTES): EvidenceCheck {
  if (bytes.length === 0) return { ok: false, code: 'file_empty', message: 'The file is empty.' };
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      code: 'file_too_large',
      message: `The file is ${bytes.length} bytes; at most ${maxBytes} bytes (${Math.floor(maxBytes / 1024)} KiB) are accepted.`,
    };
  }
  const type = sniffEvidenceType(bytes);
  if (!type) {
    return {
      ok: false,
      code: 'file_type_not_allowed',
      message: 'Only PDF, PNG and JPEG files are accepted (checked by the file content).',
    };
  }
  return { ok: true, type };
}

/** Content-Disposition for a stored name: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Strict base64 (standard alphabet, optional padding, no data: prefix); null when it is not. */
export function decodeBase64(text: string): Buffer | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length === 0 || clean.length % 4 === 1) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}
