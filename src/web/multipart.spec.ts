import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../common/problem.js';
import {
  MULTIPART_LIMITS,
  multipartBody,
  multipartContentParser,
  multipartRefusal,
  parseMultipart,
  uploadedFiles,
  type MultipartLimits,
} from './multipart.js';
import { formBody } from './web.http.js';

const BOUNDARY = '----bowTestBoundary7MA4YWxkTrZu0gW';
const HEADERS = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

type Part =
  { name: string; value: string } | { name: string; fileName: string; type?: string; bytes: Buffer };

/** A multipart body as a browser sends it. */
function body(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n`));
    if ('value' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(p.bytes, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/** A request stream that delivers `data` in chunks, and tells whether it was read to the end. */
function stream(data: Buffer, chunkSize = 4096): { readable: Readable; ended: () => boolean } {
  let ended = false;
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize));
  const readable = Readable.from(chunks, { objectMode: false });
  readable.on('end', () => (ended = true));
  return { readable, ended: () => ended };
}

const SMALL: MultipartLimits = {
  fileBytes: 1000,
  files: 1,
  fields: 10,
  fieldBytes: 100,
  fieldNameBytes: 100,
  totalBytes: 1000 + 600,
  drainBytes: 20_000,
};

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);

function fakeRequest(b: unknown, url = '/terminate'): FastifyRequest {
  return { body: b, url, headers: HEADERS } as unknown as FastifyRequest;
}

describe('multipart forms', () => {
  it('reads a form without a file into flat string fields, the last value of a repeated name', async () => {
    const s = stream(
      body([
        { name: '_csrf', value: 'token-1' },
        { name: 'note', value: 'Ik ben verhuisd naar Groningen — ëü' },
        { name: 'ground', value: 'notice' },
        { name: 'ground', value: 'moved' },
        { name: 'files', value: 'not a file list' },
        { name: '__proto__', value: 'x' },
      ]),
      7,
    );
    const parsed = await parseMultipart(HEADERS, s.readable, SMALL);
    expect(parsed.refusal).toBeNull();
    expect(parsed.files).toEqual([]);
    expect({ ...parsed.fields }).toEqual({
      _csrf: 'token-1',
      note: 'Ik ben verhuisd naar Groningen — ëü',
      ground: 'moved',
      ['__proto__']: 'x',
    });
    expect(({} as Record<string, unknown>).x).toBeUndefined();

    const req = fakeRequest(multipartBody(parsed));
    // The CSRF guard reads request.body._csrf; formBody() reads the fields as for urlencoded forms.
    expect((req.body as Record<string, unknown>)._csrf).toBe('token-1');
    expect(formBody(req)).toMatchObject({ _csrf: 'token-1', ground: 'moved' });
    expect(formBody(req).files).toBeUndefined();
    expect(uploadedFiles(req)).toEqual([]);
    expect(multipartRefusal(req)).toBeNull();
  });

  it('keeps one file with its bytes, field name and UTF-8 file name; an empty file input is no file', async () => {
    const parsed = await parseMultipart(
      HEADERS,
      stream(
        body([
          { name: 'contractNumber', value: 'C-1' },
          { name: 'evidence', fileName: 'brief gemeente – Zoë.pdf', type: 'application/pdf', bytes: PDF },
        ]),
        100,
      ).readable,
      SMALL,
    );
    expect(parsed.refusal).toBeNull();
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({
      field: 'evidence',
      fileName: 'brief gemeente – Zoë.pdf',
      contentType: 'application/pdf',
    });
    expect(parsed.files[0].bytes.equals(PDF)).toBe(true);
    expect(uploadedFiles(fakeRequest(multipartBody(parsed)))).toHaveLength(1);

    const empty = await parseMultipart(
      HEADERS,
      stream(body([{ name: 'evidence', fileName: '', bytes: Buffer.alloc(0) }])).readable,
      SMALL,
    );
    expect(empty).toEqual({ fields: {}, files: [], refusal: null });
  });

  it('takes a file of exactly the cap and refuses one byte more', async () => {
    const exact = await parseMultipart(
      HEADERS,
      stream(body([{ name: 'f', fileName: 'a.pdf', bytes: Buffer.alloc(SMALL.fileBytes, 1) }])).readable,
      SMALL,
    );
    expect(exact.refusal).toBeNull();
    expect(exact.files[0].bytes).toHaveLength(SMALL.fileBytes);

    const over = await parseMultipart(
      HEADERS,
      stream(
        body([
          { name: 'f', fileName: 'a.pdf', bytes: Buffer.alloc(SMALL.fileBytes + 1, 1) },
          { name: 'after', value: 'kept' },
        ]),
      ).readable,
      SMALL,
    );
    expect(over.refusal).toBe('too_large');
    expect(over.files).toEqual([]);
    expect(over.fields.after).toBe('kept');
  });

  it('refuses a body over the total cap, keeps the fields read before it and reads the request to its end', async () => {
    const s = stream(
      body([
        { name: 'email', value: 'amina@example.nl' },
        { name: 'ground', value: 'moved' },
        { name: 'evidence', fileName: 'video.mp4', bytes: Buffer.alloc(15_000, 7) },
        { name: 'go', value: 'send' },
      ]),
      512,
    );
    const parsed = await parseMultipart(HEADERS, s.readable, SMALL);
    expect(parsed.refusal).toBe('too_large');
    expect(parsed.files).toEqual([]);
    expect({ ...parsed.fields }).toEqual({ email: 'amina@example.nl', ground: 'moved' });
    expect(s.ended()).toBe(true);

    const req = fakeRequest(multipartBody(parsed));
    expect(multipartRefusal(req)).toBe('too_large');
    expect(formBody(req).email).toBe('amina@example.nl');
    let thrown: unknown;
    try {
      uploadedFiles(req);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProblemError);
    expect((thrown as ProblemError).status).toBe(413);
  });

  it('gives up with 413 past the drain limit, and at once when the declared length is past it', async () => {
    const big = body([
      { name: 'evidence', fileName: 'x.bin', bytes: Buffer.alloc(SMALL.drainBytes + 10, 1) },
    ]);
    await expect(parseMultipart(HEADERS, stream(big).readable, SMALL)).rejects.toMatchObject({ status: 413 });
    const s = stream(big);
    await expect(
      parseMultipart({ ...HEADERS, 'content-length': String(big.length) }, s.readable, SMALL),
    ).rejects.toMatchObject({ status: 413, code: 'body_too_large' });
    expect(s.ended()).toBe(false);
  });

  it('takes at most one file: a second one refuses the form', async () => {
    const parsed = await parseMultipart(
      HEADERS,
      stream(
        body([
          { name: 'evidence', fileName: 'a.pdf', bytes: PDF },
          { name: 'evidence', fileName: 'b.pdf', bytes: PDF },
          { name: 'go', value: 'send' },
        ]),
      ).readable,
      SMALL,
    );
    expect(parsed.refusal).toBe('too_many_files');
    expect(parsed.files).toEqual([]);
    const req = fakeRequest(multipartBody(parsed));
    expect(() => uploadedFiles(req)).toThrow(ProblemError);
    expect(multipartRefusal(req)).toBe('too_many_files');
  });

  it('refuses too many fields and a field value over its cap', async () => {
    const many = await parseMultipart(
      HEADERS,
      stream(body(Array.from({ length: SMALL.fields + 1 }, (_, i) => ({ name: `f${i}`, value: 'x' }))))
        .readable,
      SMALL,
    );
    expect(many.refusal).toBe('too_many_fields');
    const long = await parseMultipart(
      HEADERS,
      stream(body([{ name: 'note', value: 'x'.repeat(SMALL.fieldBytes + 1) }])).readable,
      SMALL,
    );
    expect(long.refusal).toBe('too_large');
    const exact = await parseMultipart(
      HEADERS,
      stream(body([{ name: 'note', value: 'x'.repeat(SMALL.fieldBytes) }])).readable,
      SMALL,
    );
    expect(exact.refusal).toBeNull();
    expect(exact.fields.note).toHaveLength(SMALL.fieldBytes);
  });

  it('answers 400 for a body that is not multipart as declared', async () => {
    const cut = body([{ name: 'a', value: 'b' }]).subarray(0, 40);
    await expect(parseMultipart(HEADERS, stream(cut).readable, SMALL)).rejects.toMatchObject({ status: 400 });
    await expect(
      parseMultipart({ 'content-type': 'multipart/form-data' }, stream(Buffer.from('x')).readable, SMALL),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_multipart' });
  });

  it('parses page routes only: the JSON API keeps refusing multipart with 415', async () => {
    const parser = multipartContentParser(SMALL);
    const run = (url: string) =>
      new Promise<{ err: Error | null; body?: unknown }>((resolve) =>
        parser(fakeRequest(undefined, url), stream(body([{ name: 'a', value: 'b' }])).readable, (err, b) =>
          resolve({ err, body: b }),
        ),
      );
    const api = await run('/api/public/terminations');
    expect(api.err).toMatchObject({ status: 415 });
    const page = await run('/terminate');
    expect(page.err).toBeNull();
    expect(formBody(fakeRequest(page.body))).toEqual({ a: 'b' });
  });

  it('caps the whole body at the evidence cap plus 64 KiB', () => {
    expect(MULTIPART_LIMITS.fileBytes).toBe(5 * 1024 * 1024);
    expect(MULTIPART_LIMITS.totalBytes).toBe(5 * 1024 * 1024 + 64 * 1024);
    expect(MULTIPART_LIMITS.files).toBe(1);
  });
});
