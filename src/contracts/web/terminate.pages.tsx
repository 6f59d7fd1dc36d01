import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import { ProblemError } from '../../common/problem.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { SchoolsService } from '../../schools/schools.service.js';
import type { FieldError } from '../../web/components.js';
import { parseForm, type FormSpec, type FormValues } from '../../web/form-flow.js';
import { isUuid } from '../../web/forms.js';
import { messages, type Lang, type Messages } from '../../web/i18n.js';
import { multipartRefusal, uploadedFiles, type UploadedFile } from '../../web/multipart.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { schoolsToChoose } from '../../web/school-chooser.js';
import { formBody, publicLang, query, redirect, sendPage } from '../../web/web.http.js';
import { publicTerminationForm } from '../contracts.dto.js';
import { TERMINATION_GROUNDS, type TerminationGround } from '../contracts.rules.js';
import { TERMINATION_FORM_PATH } from '../contracts.service.js';
import { checkEvidence, MAX_EVIDENCE_BYTES } from '../evidence.rules.js';
import { isWeighty } from '../terminations.rules.js';
import { TerminationsService } from '../terminations.service.js';
import { EVIDENCE_FIELD, ReceivedPage, TerminateFormPage, type ChosenFile } from './terminate.views.js';

/** The form's address is the one the quality-mark email links to (TERMINATION_FORM_PATH). */
const FORM_PATH = TERMINATION_FORM_PATH;
const SENT_PATH = `${TERMINATION_FORM_PATH}/verstuurd`;

/** The form's fields as the body of POST /api/public/terminations (the file comes apart). */
const SPEC: FormSpec = {
  contractNumber: { key: 'contractNumber' },
  schoolId: { key: 'school' },
  studentEmail: 'text',
  ground: { key: 'terminationGround' },
  requestedOn: 'text',
  complaintReference: { key: 'complaintReference' },
  justification: 'text',
  note: 'text',
};

/** The order of the fields on the page, for the error summary. */
const ORDER = [...Object.keys(SPEC), EVIDENCE_FIELD];

/**
 * `?ground=` in a link may name a ground, or the event that gives it: the quality-mark email
 * links with `ground=quality_mark_withdrawn` (contracts.service.ts).
 */
const GROUND_ALIASES: Record<string, TerminationGround> = {
  quality_mark_withdrawn: 'school_lost_quality_mark',
};

function groundFrom(v: string | undefined): TerminationGround | '' {
  // The email writes the link inside a sentence: a mail program may take the full stop along.
  const g = (v ?? '').replace(/[.,;:!?)]+$/, '');
  if ((TERMINATION_GROUNDS as readonly string[]).includes(g)) return g as TerminationGround;
  return GROUND_ALIASES[g] ?? '';
}

/** Why a file cannot be used, in the student's words, by the evidence rule's code. */
function fileProblem(m: Messages, code: string): string {
  const e = m.terminate.form.errors;
  return code === 'file_too_large' ? e.fileTooLarge : code === 'file_empty' ? e.fileEmpty : e.fileType;
}

/**
 * The public page to ask to end a contract (issue #4): `/terminate`, linked from the home page
 * and from the quality-mark email (`?school=<id>&ground=quality_mark_withdrawn` preselects both).
 * The form is parsed by the API's schema (publicTerminationForm: the same body as POST
 * /api/public/terminations, with what the student is told before anything is looked up), so the
 * page never accepts what the API refuses; every problem is explained at once. The answer is the
 * same whether or not the contract matched.
 *
 * Evidence for a weighty reason is asked for but not required [decision]: a request counts from
 * the day it arrives (never earlier), so a student who has moved or is ill must not lose days
 * while fetching a letter; the request waits for staff either way, the receipt email asks for the
 * proof, and staff cannot approve without it (approvalRefusal: evidence_missing).
 */
@ApiExcludeController()
@Controller()
@Public()
@UseFilters(PageErrorFilter)
export class TerminatePagesController {
  constructor(
    private readonly terminations: TerminationsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  @Get(FORM_PATH.slice(1))
  async form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const q = query(req);
    const values = {
      q: q.q ?? '',
      schoolId: isUuid(q.school) ? q.school : '',
      ground: groundFrom(q.ground),
      requestedOn: this.clock.today(),
    };
    await this.render(req, reply, lang, values, [], null);
  }

  @Post(FORM_PATH.slice(1))
  @UseGuards(RateLimitGuard)
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const m = messages(lang);
    const values = formBody(req);
    const refused = multipartRefusal(req);
    const file = refused ? null : (uploadedFiles(req).find((x) => x.field === EVIDENCE_FIELD) ?? null);
    // Whenever the form comes back, a file that was sent is gone: say so.
    const chosen: ChosenFile = file ? { name: file.fileName.slice(0, 120) } : refused ? { name: '' } : null;
    const again = (issues: FieldError[], status: number) =>
      this.render(req, reply, lang, values, issues, chosen, status);
    if (values.go === 'search') return again([], 200);

    const parsed = parseForm(publicTerminationForm(this.clock.today()), values, SPEC);
    const issues = [
      ...(parsed.ok ? [] : parsed.issues.map((i) => ({ field: i.field, message: m.fieldErrors[i.key] }))),
      ...(await this.unknownSchool(values, m)),
      ...this.fileIssues(m, refused, file),
    ]
      .filter((i, n, all) => all.findIndex((x) => x.field === i.field) === n)
      .sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
    if (!parsed.ok || issues.length) return again(issues, refused === 'too_large' ? 413 : 422);
    try {
      await this.terminations.publicRequest(
        parsed.value,
        file ? { bytes: file.bytes, fileName: file.fileName } : undefined,
      );
    } catch (err) {
      // The page checks what the service checks; only the day changing in between gets here.
      if (err instanceof ProblemError && err.status === 422)
        return again([{ field: 'requestedOn', message: m.terminate.form.errors.datePast }], 422);
      if (err instanceof ProblemError && err.code?.startsWith('file_'))
        return again([{ field: EVIDENCE_FIELD, message: fileProblem(m, err.code) }], err.status);
      throw err;
    }
    const params = new URLSearchParams({ g: parsed.value.ground, bewijs: file ? '1' : '0' });
    return redirect(reply, `${SENT_PATH}?${params.toString()}`);
  }

  /** A school id of the right form that names no school: the student chooses again. */
  private async unknownSchool(values: FormValues, m: Messages): Promise<FieldError[]> {
    if (!isUuid(values.schoolId) || (await this.schools.exists(values.schoolId))) return [];
    return [{ field: 'schoolId', message: m.fieldErrors.school }];
  }

  /** A file the upload refused (too large, too many), or whose content is not a PDF, PNG or JPEG. */
  private fileIssues(m: Messages, refused: string | null, file: UploadedFile | null): FieldError[] {
    const e = m.terminate.form.errors;
    if (refused)
      return [
        {
          field: EVIDENCE_FIELD,
          message:
            refused === 'too_large'
              ? e.fileTooLarge
              : refused === 'too_many_files'
                ? e.oneFile
                : e.formTooLarge,
        },
      ];
    const check = file ? checkEvidence(file.bytes, MAX_EVIDENCE_BYTES) : null;
    return check && !check.ok ? [{ field: EVIDENCE_FIELD, message: fileProblem(m, check.code) }] : [];
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    values: FormValues,
    issues: FieldError[],
    chosen: ChosenFile,
    status = 200,
  ): Promise<void> {
    const m = messages(lang);
    const schools = await schoolsToChoose(this.schools, values.q ?? '', values.schoolId ?? '', 50);
    const url = req.method === 'GET' ? req.url : FORM_PATH;
    sendPage(
      reply,
      <TerminateFormPage m={m} url={url} values={values} issues={issues} chosen={chosen} schools={schools} />,
      status,
    );
  }

  @Get(SENT_PATH.slice(1))
  received(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const q = query(req);
    const ground = groundFrom(q.g);
    // Said from what the student sent, never from whether anything matched.
    const evidence = ground && isWeighty(ground) ? (q.bewijs === '1' ? 'sent' : 'later') : null;
    sendPage(reply, <ReceivedPage m={m} url={req.url} evidence={evidence} />);
  }
}
