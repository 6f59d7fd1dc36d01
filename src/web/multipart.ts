import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import busboy from 'busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError } from '../common/problem.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/evidence.rules.js';
import { isPagePath, routedPath } from './security-headers.js';

/**
 * `multipart/form-data` for the page forms, so a file can be sent without JavaScript (evidence for
 * a termination, on the public form and in the console). Fastify under Nest parses JSON and
 * urlencoded bodies only; this adds a parser with its own limits. [decision]
 *
 * The body becomes a flat object of string fields (the last value when a name repeats, as
 * `formBody()` reads urlencoded forms) plus `files`, so `formBody(req)` and the CSRF check
 * (`request.body._csrf`) work unchanged. Read the files with `uploadedFiles(req)`.
 */

export interface UploadedFile {
  /** The form field's name. */
  field: string;
  /** The name the browser sent (may be empty); never trust it for the type. */
  fileName: string;
  /** The Content-Type the browser sent; never trust it either (check the bytes). */
  contentType: string;
  bytes: Buffer;
}

/**
 * Why a body was not read whole. The handler decides what to show: the public termination form
 * shows itself again with the values kept; `uploadedFiles()` throws for everyone else.
 */
export type MultipartRefusal = 'too_large' | 'too_many_files' | 'too_many_fields';

export const MULTIPART_LIMITS = {
  /** One evidence file: the same cap as a raw evidence body. */
  fileBytes: MAX_EVIDENCE_BYTES,
  files: 1,
  fields: 50,
  /** Per field value; the fields together fit in the 64 KiB beside the file. */
  fieldBytes: 64 * 1024,
  fieldNameBytes: 100,
  /** The whole body as read: the file plus 64 KiB for the fields and the multipart framing. */
  totalBytes: MAX_EVIDENCE_BYTES + 64 * 1024,
  /**
   * Past `totalBytes` the rest is read and thrown away, so the browser finishes sending and shows
   * the answer (a reply sent during an upload often reaches the user as "connection reset").
   * Past this as well, the request is cut off with a bare 413.
   */
  drainBytes: 64 * 1024 * 1024,
};
export type MultipartLimits = typeof MULTIPART_LIMITS;

export interface ParsedMultipart {
  fields: Record<string, string>;
  files: UploadedFile[];
  refusal: MultipartRefusal | null;
}

const REFUSAL = Symbol('multipart refusal');

/** The field name under which the files are put; a text field with this name is ignored. */
const FILES = 'files';

const tooLarge = (limits: MultipartLimits) =>
  new ProblemError(
    413,
    'Content Too Large',
    `A form with a file may be at most ${limits.totalBytes} bytes`,
    'body_too_large',
  );

/**
 * Reads a multipart body from `stream` within `limits`. Resolves with what was read and, when a
 * limit was hit, why not everything (the files are then left out); rejects with a ProblemError
 * (400) for a body that is not valid multipart, and (413) past `drainBytes`.
 */
export function parseMultipart(
  headers: IncomingHttpHeaders,
  stream: Readable,
  limits: MultipartLimits = MULTIPART_LIMITS,
): Promise<ParsedMultipart> {
  return new Promise((resolve, reject) =>
    new MultipartReader(stream, limits, resolve, reject).start(headers),
  );
}

const invalidMultipart = (e: unknown) =>
  new ProblemError(
    400,
    'Bad Request',
    `Not a valid multipart form: ${(e as Error)?.message ?? e}`,
    'invalid_multipart',
  );

/** One multipart body being read: the parser, what it found so far, and how the read ends. */
class MultipartReader {
  private readonly fields: Record<string, string> = Object.create(null) as Record<string, string>;
  private readonly files: UploadedFile[] = [];
  private refusal: MultipartRefusal | null = null;
  private settled = false;
  private parsing = true;
  private received = 0;
  private bb!: busboy.Busboy;

  constructor(
    private readonly stream: Readable,
    private readonly limits: MultipartLimits,
    private readonly resolve: (parsed: ParsedMultipart) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  start(headers: IncomingHttpHeaders): void {
    const declared = Number(headers['content-length']);
    if (declared > this.limits.drainBytes) return this.fail(tooLarge(this.limits));
    try {
      this.bb = this.parser(headers);
    } catch (e) {
      return this.fail(invalidMultipart(e));
    }
    this.stream.on('data', this.onData);
    this.stream.on('end', this.onEnd);
    this.stream.on('error', this.onStreamError);
    this.stream.on('aborted', this.onAborted);
    this.stream.resume();
  }

  private refuse(why: MultipartRefusal): void {
    this.refusal ??= why;
  }

  private parser(headers: IncomingHttpHeaders): busboy.Busboy {
    const limits = this.limits;
    const bb = busboy({
      headers,
      // Browsers send file names as raw UTF-8, not latin1 (busboy's default).
      defParamCharset: 'utf8',
      // busboy counts a part that reaches its limit as cut off: one byte more, so a file of
      // exactly `fileBytes` passes.
      limits: {
        fileSize: limits.fileBytes + 1,
        files: limits.files,
        fields: limits.fields,
        fieldSize: limits.fieldBytes + 1,
        fieldNameSize: limits.fieldNameBytes + 1,
        parts: limits.files + limits.fields,
        headerPairs: 20,
      },
    });
    bb.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return this.refuse('too_large');
      if (name === FILES) return;
      this.fields[name] = value;
    });
    bb.on('file', (name, file, info) => this.readFile(name, file, info));
    bb.on('filesLimit', () => this.refuse('too_many_files'));
    bb.on('fieldsLimit', () => this.refuse('too_many_fields'));
    bb.on('partsLimit', () => this.refuse('too_many_fields'));
    bb.on('error', (e: unknown) => {
      if (this.parsing) this.fail(invalidMultipart(e));
    });
    bb.on('close', () => {
      if (this.parsing) this.succeed();
    });
    return bb;
  }

  private readFile(name: string, file: Readable & { truncated?: boolean }, info: busboy.FileInfo): void {
    const chunks: Buffer[] = [];
    let size = 0;
    file.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    file.on('limit', () => this.refuse('too_large'));
    // Only when the parser is stopped or the form is broken; both are handled on the parser.
    file.on('error', () => undefined);
    file.on('end', () => {
      // A file input left empty is sent as a part with no name and no bytes: no file.
      if (size === 0 && !info.filename) return;
      if (file.truncated) return this.refuse('too_large');
      this.files.push({
        field: name,
        fileName: info.filename ?? '',
        contentType: info.mimeType,
        bytes: Buffer.concat(chunks, size),
      });
    });
  }

  private cleanup(): void {
    this.stream.removeListener('data', this.onData);
    this.stream.removeListener('end', this.onEnd);
    this.stream.removeListener('error', this.onStreamError);
    this.stream.removeListener('aborted', this.onAborted);
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.parsing = false;
    this.cleanup();
    this.reject(err);
  }

  private succeed(): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.resolve({ fields: this.fields, files: this.refusal ? [] : this.files, refusal: this.refusal });
  }

  /** Stops parsing (the parser is left unfinished) but goes on reading, to drain the request. */
  private stopParsing(): void {
    this.parsing = false;
    this.bb.destroy();
    // It may have been waiting for the parser to drain: read on regardless.
    this.stream.resume();
  }

  private readonly onData = (chunk: Buffer | string) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.received += b.length;
    if (this.received > this.limits.drainBytes) return this.fail(tooLarge(this.limits));
    if (!this.parsing) return;
    if (this.received > this.limits.totalBytes) {
      this.refuse('too_large');
      return this.stopParsing();
    }
    if (!this.bb.write(b)) {
      this.stream.pause();
      this.bb.once('drain', () => this.stream.resume());
    }
  };

  private readonly onEnd = () => {
    if (this.parsing) this.bb.end();
    else this.succeed();
  };

  private readonly onStreamError = (e: Error) => this.fail(Object.assign(e, { statusCode: 400 }));

  private readonly onAborted = () =>
    this.fail(new ProblemError(400, 'Bad Request', 'The request was aborted', 'request_aborted'));
}

type MultipartBody = Record<string, unknown> & { [REFUSAL]?: MultipartRefusal | null };

/** The parsed body as the request gets it: flat string fields, `files`, and the refusal (hidden). */
export function multipartBody(parsed: ParsedMultipart): MultipartBody {
  const body = Object.create(null) as MultipartBody;
  Object.assign(body, parsed.fields);
  body[FILES] = parsed.files;
  body[REFUSAL] = parsed.refusal;
  return body;
}

function bodyOf(req: FastifyRequest): MultipartBody | null {
  const body = req.body as MultipartBody | undefined;
  return body && typeof body === 'object' && REFUSAL in body ? body : null;
}

/** Why the multipart body was not read whole, or null (also for a form that was not multipart). */
export function multipartRefusal(req: FastifyRequest): MultipartRefusal | null {
  return bodyOf(req)?.[REFUSAL] ?? null;
}

/**
 * The files of a multipart form (none for any other body). Throws 413 (too large) or 400 (more
 * than one file, too many fields) when the body was not read whole, so a handler that does not
 * ask `multipartRefusal()` first can never take a cut-off form for a complete one. The bytes
 * are as sent: check them (`checkEvidence`) before storing.
 */
export function uploadedFiles(req: FastifyRequest): UploadedFile[] {
  const body = bodyOf(req);
  if (!body) return [];
  const refusal = body[REFUSAL];
  if (refusal === 'too_large') throw tooLarge(MULTIPART_LIMITS);
  if (refusal)
    throw new ProblemError(
      400,
      'Bad Request',
      `A form may carry at most ${MULTIPART_LIMITS.files} file and ${MULTIPART_LIMITS.fields} fields`,
      'too_many_parts',
    );
  return Array.isArray(body[FILES]) ? (body[FILES] as UploadedFile[]) : [];
}

/**
 * The Fastify content-type parser. Page routes only: the JSON API keeps refusing multipart with
 * 415, as before (it takes evidence as a raw body or base64 in JSON).
 */
export function multipartContentParser(limits: MultipartLimits = MULTIPART_LIMITS) {
  return (
    req: FastifyRequest,
    payload: Readable,
    done: (err: Error | null, body?: unknown) => void,
  ): void => {
    if (!isPagePath(routedPath(req))) {
      done(
        new ProblemError(
          415,
          'Unsupported Media Type',
          'Send JSON (Content-Type: application/json)',
          'unsupported_media_type',
        ),
      );
      return;
    }
    parseMultipart(req.headers, payload, limits).then(
      (parsed) => done(null, multipartBody(parsed)),
      (err: Error) => done(err),
    );
  };
}

/** Registers the parser before the server listens (module init runs before listen). */
@Injectable()
export class MultipartBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    // @fastify/multipart (Nest's upload interceptors) would claim the same type: one of the two.
    if (fastify.hasContentTypeParser('multipart/form-data')) return;
    fastify.addContentTypeParser('multipart/form-data', multipartContentParser() as never);
  }
}
