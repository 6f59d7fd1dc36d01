import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/policy.js';
import { isIsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { ProblemError } from '../common/problem.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import {
  contractNumber as contractNumberSchema,
  JUSTIFICATION_MAX,
  publicTerminationBody,
  type PublicTerminationBody,
} from '../contracts/contracts.dto.js';
import { TERMINATION_GROUNDS } from '../contracts/contracts.rules.js';
import { TERMINATION_FORM_PATH } from '../contracts/contracts.service.js';
import { checkEvidence, MAX_EVIDENCE_BYTES } from '../contracts/evidence.rules.js';
import { isWeighty } from '../contracts/terminations.rules.js';
import { TerminationsService } from '../contracts/terminations.service.js';
import { SchoolsService } from '../schools/schools.service.js';
import {
  Button,
  ButtonGroup,
  DefaultSubmit,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  TextArea,
  TextField,
} from './components.js';
import { FormCheck, isUuid } from './forms.js';
import { messages, type Lang, type Messages } from './i18n.js';
import { PublicLayout } from './layout.js';
import { multipartRefusal, uploadedFiles, type UploadedFile } from './multipart.js';
import { PageErrorFilter } from './page-errors.js';
import { SchoolChooser, schoolsToChoose } from './school-chooser.js';
import { formBody, publicLang, query, redirect, sendPage } from './web.http.js';

type Ground = (typeof TERMINATION_GROUNDS)[number];

/** The form's address is the one the quality-mark email links to (TERMINATION_FORM_PATH). */
const FORM_PATH = TERMINATION_FORM_PATH;
const SENT_PATH = `${TERMINATION_FORM_PATH}/verstuurd`;
/** The name of the file input; a file under any other name is ignored, like an unknown field. */
const EVIDENCE_FIELD = 'evidence';

/**
 * `?ground=` in a link may name a ground, or the event that gives it: the quality-mark email
 * links with `ground=quality_mark_withdrawn` (contracts.service.ts).
 */
const GROUND_ALIASES: Record<string, Ground> = { quality_mark_withdrawn: 'school_lost_quality_mark' };

function groundFrom(v: string | undefined): Ground | '' {
  // The email writes the link inside a sentence: a mail program may take the full stop along.
  const g = (v ?? '').replace(/[.,;:!?)]+$/, '');
  if ((TERMINATION_GROUNDS as readonly string[]).includes(g)) return g as Ground;
  return GROUND_ALIASES[g] ?? '';
}

/** What the student typed; shown again as typed when the form comes back. */
interface Draft {
  contractNumber: string;
  q: string;
  schoolId: string;
  studentEmail: string;
  ground: string;
  requestedOn: string;
  complaintReference: string;
  justification: string;
  note: string;
}

/** Only the form's own fields are read; anything else is ignored, as on the other public forms. */
function draftFrom(body: Record<string, string>): Draft {
  const cut = (v: string | undefined, max: number) => (v ?? '').slice(0, max);
  return {
    contractNumber: cut(body.contractNumber, 200),
    q: cut(body.q, 100),
    schoolId: cut(body.schoolId, 40),
    studentEmail: cut(body.studentEmail, 400),
    ground: cut(body.ground, 40),
    requestedOn: cut(body.requestedOn, 20),
    complaintReference: cut(body.complaintReference, 40),
    justification: cut(body.justification, 10_000),
    note: cut(body.note, 25_000),
  };
}

/** The order of the fields on the page, for the error summary. */
const ORDER = [
  'contractNumber',
  'schoolId',
  'studentEmail',
  'ground',
  'requestedOn',
  'complaintReference',
  'justification',
  'note',
  EVIDENCE_FIELD,
];

function fieldLabels(m: Messages): Record<string, string> {
  const f = m.terminate.form;
  return {
    contractNumber: f.contractLabel,
    schoolId: f.schoolLabel,
    studentEmail: f.emailLabel,
    ground: f.groundLegend,
    requestedOn: f.dateLabel,
    complaintReference: f.complaintLabel,
    justification: f.justificationLabel,
    note: f.noteLabel,
    [EVIDENCE_FIELD]: f.fileLabel,
  };
}

/** The file the student had chosen, when the form comes back: it is not kept, so they must choose it again. */
type ChosenFile = { name: string } | null;

/**
 * The public page to ask to end a contract (issue #4): `/terminate`, linked from the home page
 * and from the quality-mark email (`?school=<id>&ground=quality_mark_withdrawn` preselects both).
 * The rules are TerminationsService.publicRequest's, the same as POST /api/public/terminations:
 * the page checks each field first to explain problems in the reader's language, then runs the
 * API's schema on what it built, so it never accepts what the API refuses. The answer is the same
 * whether or not the contract matched.
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
    const draft = draftFrom({
      q: q.q,
      schoolId: isUuid(q.school) ? q.school : '',
      ground: groundFrom(q.ground),
      requestedOn: this.clock.today(),
    });
    await this.render(req, reply, lang, draft, [], null);
  }

  @Post(FORM_PATH.slice(1))
  @UseGuards(RateLimitGuard)
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const m = messages(lang);
    const e = m.terminate.form.errors;
    const body = formBody(req);
    const draft = draftFrom(body);
    const refusal = multipartRefusal(req);
    const file = refusal ? null : (uploadedFiles(req).find((x) => x.field === EVIDENCE_FIELD) ?? null);
    // Whenever the form comes back, a file that was sent is gone: say so.
    const chosen: ChosenFile = file ? { name: file.fileName.slice(0, 120) } : refusal ? { name: '' } : null;

    if (body.go === 'search') return this.render(req, reply, lang, draft, [], chosen);

    const { issues, request } = await this.check(draft, file, m);
    if (refusal) {
      const message =
        refusal === 'too_large' ? e.fileTooLarge : refusal === 'too_many_files' ? e.oneFile : e.formTooLarge;
      issues.push({ field: EVIDENCE_FIELD, message });
      sortIssues(issues);
    }
    if (issues.length || !request) {
      const status = refusal === 'too_large' ? 413 : 422;
      return this.render(req, reply, lang, draft, issues, chosen, status);
    }
    try {
      await this.terminations.publicRequest(
        request,
        file ? { bytes: file.bytes, fileName: file.fileName } : undefined,
      );
    } catch (err) {
      // The page checks what the service checks; only the day changing in between gets here.
      if (err instanceof ProblemError && err.status === 422)
        return this.render(
          req,
          reply,
          lang,
          draft,
          [{ field: 'requestedOn', message: e.datePast }],
          chosen,
          422,
        );
      if (err instanceof ProblemError && /^file_/.test(err.code ?? '')) {
        const message =
          err.code === 'file_too_large'
            ? e.fileTooLarge
            : err.code === 'file_empty'
              ? e.fileEmpty
              : e.fileType;
        return this.render(req, reply, lang, draft, [{ field: EVIDENCE_FIELD, message }], chosen, err.status);
      }
      throw err;
    }
    const params = new URLSearchParams({ g: request.ground, bewijs: file ? '1' : '0' });
    return redirect(reply, `${SENT_PATH}?${params.toString()}`);
  }

  /**
   * Every problem at once, in the reader's language; and, when there are none, the request as the
   * API's schema reads it (trimmed, the complaint reference in capitals).
   */
  private async check(
    d: Draft,
    file: UploadedFile | null,
    m: Messages,
  ): Promise<{ issues: FieldError[]; request: PublicTerminationBody | null }> {
    const e = m.terminate.form.errors;
    const today = this.clock.today();
    const issues: FieldError[] = [];
    const add = (field: string, message: string) => {
      if (!issues.some((i) => i.field === field)) issues.push({ field, message });
    };
    const check = new FormCheck(d as unknown as Record<string, string>);

    const number = d.contractNumber.trim();
    if (!number) add('contractNumber', m.fieldErrors.required);
    else if (!contractNumberSchema.safeParse(number).success) add('contractNumber', e.contractNumber);
    if (!isUuid(d.schoolId) || !(await this.schools.exists(d.schoolId))) add('schoolId', e.school);
    check.email('studentEmail', { required: true });
    const ground = check.oneOf('ground', TERMINATION_GROUNDS, { required: true });
    if (!ground) add('ground', e.ground);
    const requestedOn = d.requestedOn.trim();
    if (!requestedOn) add('requestedOn', m.fieldErrors.required);
    else if (!isIsoDate(requestedOn)) add('requestedOn', m.fieldErrors.date);
    else if (requestedOn < today) add('requestedOn', e.datePast);
    const reference = d.complaintReference.trim();
    if (ground === 'arbitration_vindicated' && !reference) add('complaintReference', e.complaintReference);
    const justification = d.justification.trim();
    if (ground === 'other_weighty_reason' && !justification) add('justification', e.justification);
    if (justification.length > JUSTIFICATION_MAX) add('justification', m.fieldErrors.tooLong);
    check.text('note', { max: 5_000 });
    if (file) {
      const c = checkEvidence(file.bytes, MAX_EVIDENCE_BYTES);
      if (!c.ok)
        add(
          EVIDENCE_FIELD,
          c.code === 'file_too_large' ? e.fileTooLarge : c.code === 'file_empty' ? e.fileEmpty : e.fileType,
        );
    }
    for (const i of check.issues) add(i.field, m.fieldErrors[i.key]);

    // The API's own schema on what the page built: whatever it refuses, the page refuses too.
    const parsed = publicTerminationBody.safeParse({
      contractNumber: number,
      schoolId: d.schoolId,
      studentEmail: d.studentEmail.trim(),
      ground: ground ?? d.ground,
      requestedOn,
      // The field is always on the page; it belongs to the arbitration ground only.
      complaintReference: ground === 'arbitration_vindicated' ? reference : undefined,
      // The same for the justification: the other weighty reason only.
      justification: ground === 'other_weighty_reason' ? justification : undefined,
      note: d.note.trim() || undefined,
    });
    if (!parsed.success) {
      const messagesByField: Record<string, string> = {
        contractNumber: e.contractNumber,
        schoolId: e.school,
        studentEmail: m.fieldErrors.email,
        ground: e.ground,
        requestedOn: m.fieldErrors.date,
        complaintReference: e.complaintReference,
        justification: e.justification,
        note: m.fieldErrors.tooLong,
      };
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (field in messagesByField) add(field, messagesByField[field]);
        else add('contractNumber', m.fieldErrors.invalid);
      }
    }
    sortIssues(issues);
    return { issues, request: issues.length === 0 && parsed.success ? parsed.data : null };
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    d: Draft,
    issues: FieldError[],
    chosen: ChosenFile,
    status = 200,
  ): Promise<void> {
    const m = messages(lang);
    const f = m.terminate.form;
    const labels = fieldLabels(m);
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    const summary = issues.map((i) => ({
      field: i.field,
      message: labelled(labels[i.field], i.message),
    }));
    const schools = await schoolsToChoose(this.schools, d.q, d.schoolId, 50);
    sendPage(
      reply,
      <PublicLayout
        m={m}
        title={f.title}
        url={req.method === 'GET' ? req.url : FORM_PATH}
        hasErrors={summary.length > 0}
      >
        <Heading level={1}>{f.title}</Heading>
        <ErrorSummary m={m} errors={summary} />
        <P lead>{f.intro}</P>
        <WhatHappensNext m={m} id="next" />
        <form method="post" action={FORM_PATH} encType="multipart/form-data" novalidate class="utrecht-form">
          <DefaultSubmit />
          <TextField
            id="contractNumber"
            label={f.contractLabel}
            hint={f.contractHint}
            value={d.contractNumber}
            error={byField.contractNumber}
            autocomplete="off"
            spellcheck={false}
            required
          />
          <SchoolChooser
            as="select"
            texts={f}
            searchType="search"
            chooseSchool={f.chooseSchool}
            required
            schools={schools}
            q={d.q}
            value={d.schoolId}
            error={byField.schoolId}
          />
          <TextField
            id="studentEmail"
            type="email"
            label={f.emailLabel}
            hint={f.emailHint}
            value={d.studentEmail}
            error={byField.studentEmail}
            autocomplete="email"
            spellcheck={false}
            required
          />
          <GroundChoice m={m} value={d.ground} error={byField.ground} />
          <TextField
            id="requestedOn"
            type="date"
            label={f.dateLabel}
            hint={f.dateHint}
            value={d.requestedOn}
            error={byField.requestedOn}
            required
          />
          <TextField
            id="complaintReference"
            label={f.complaintLabel}
            optional={m.common.optional}
            hint={f.complaintHint}
            value={d.complaintReference}
            error={byField.complaintReference}
            autocomplete="off"
            spellcheck={false}
          />
          <TextArea
            id="justification"
            label={f.justificationLabel}
            optional={m.common.optional}
            hint={f.justificationHint}
            value={d.justification}
            error={byField.justification}
            rows={4}
          />
          <TextArea
            id="note"
            label={f.noteLabel}
            optional={m.common.optional}
            hint={f.noteHint}
            value={d.note}
            error={byField.note}
            rows={4}
          />
          {/* Last, so a browser sends every other field before the file. */}
          <FileField m={m} error={byField[EVIDENCE_FIELD]} chosen={chosen} />
          <ButtonGroup>
            <Button name="go" value="send">
              {f.send}
            </Button>
          </ButtonGroup>
        </form>
      </PublicLayout>,
      status,
    );
  }

  @Get(SENT_PATH.slice(1))
  received(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const r = m.terminate.received;
    const q = query(req);
    const ground = groundFrom(q.g);
    // Said from what the student sent, never from whether anything matched.
    const evidence =
      ground && isWeighty(ground) ? (q.bewijs === '1' ? r.evidenceSent : r.evidenceLater) : null;
    sendPage(
      reply,
      <PublicLayout m={m} title={r.title} url={req.url} noindex>
        <Heading level={1}>{r.title}</Heading>
        <P lead>{r.email}</P>
        <P>
          {r.noEmail}{' '}
          <a class="utrecht-link utrecht-link--html-a utrecht-link--telephone" href="tel:+31303030645">
            {m.contact.phoneNumber}
          </a>{' '}
          ({m.contact.hoursValue})
        </P>
        {evidence ? (
          <Notice kind={q.bewijs === '1' ? 'info' : 'warning'}>
            <P>{evidence}</P>
          </Notice>
        ) : null}
        <WhatHappensNext m={m} id="next" title={r.nextTitle} />
        <P>
          <Link href={FORM_PATH}>{r.again}</Link>
        </P>
        <P>
          <Link href="/">{r.toHome}</Link>
        </P>
      </PublicLayout>,
    );
  }
}

/** "Label: message" in the error summary; a label that asks a question ends with its question mark. */
function labelled(label: string | undefined, message: string): string {
  if (!label) return message;
  return label.endsWith('?') ? `${label} ${message}` : `${label}: ${message}`;
}

function sortIssues(issues: FieldError[]): void {
  issues.sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
}

function WhatHappensNext({ m, id, title }: { m: Messages; id: string; title?: string }) {
  const f = m.terminate.form;
  return (
    <section aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title ?? f.nextTitle}
      </Heading>
      <ul class="utrecht-unordered-list">
        {f.next.map((line) => (
          <li class="utrecht-unordered-list__item">{line}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The grounds as radio buttons, each with its one-line explanation (what it means, whether proof
 * is needed) tied to it with aria-describedby. The first radio's id is `ground`, so the error
 * summary can link to it (as RadioGroup does).
 */
function GroundChoice({ m, value, error }: { m: Messages; value: string; error?: string }) {
  const f = m.terminate.form;
  return (
    <div
      class={`utrecht-form-fieldset utrecht-form-fieldset--distanced${error ? ' utrecht-form-fieldset--invalid' : ''}`}
    >
      <fieldset
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={error ? 'ground-error' : undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {f.groundLegend}
        </legend>
        {error ? (
          <div class="utrecht-form-field-error-message" id="ground-error">
            {error}
          </div>
        ) : null}
        {TERMINATION_GROUNDS.map((g, i) => {
          const id = i === 0 ? 'ground' : `ground-${g}`;
          return (
            <div class="utrecht-form-field utrecht-form-field--radio">
              <div class="utrecht-form-field__input">
                <input
                  type="radio"
                  class={`utrecht-radio-button utrecht-radio-button--html-input${error ? ' utrecht-radio-button--invalid' : ''}`}
                  id={id}
                  name="ground"
                  value={g}
                  checked={g === value}
                  aria-describedby={`${id}-hint`}
                />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                  {f.grounds[g]}
                </label>
              </div>
              <div class="utrecht-form-field-description" id={`${id}-hint`}>
                {f.groundHints[g]}
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** The evidence file: PDF, PNG or JPEG by content, at most MAX_EVIDENCE_BYTES; one file. */
function FileField({ m, error, chosen }: { m: Messages; error?: string; chosen: ChosenFile }) {
  const f = m.terminate.form;
  const id = EVIDENCE_FIELD;
  const described = [`${id}-hint`, chosen ? `${id}-again` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--text utrecht-form-field--distanced${error ? ' utrecht-form-field--invalid' : ''}`}
    >
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" htmlFor={id}>
          {f.fileLabel}
        </label>
      </div>
      <div class="utrecht-form-field__description" id={`${id}-hint`}>
        <div class="utrecht-form-field-description">{f.fileHint}</div>
      </div>
      {chosen ? (
        <div class="utrecht-form-field__description" id={`${id}-again`}>
          <div class="utrecht-form-field-description">
            <strong>{chosen.name ? f.fileAgain(chosen.name) : f.fileAgainNoName}</strong>
          </div>
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field__error-message" id={`${id}-error`}>
          <div class="utrecht-form-field-error-message">{error}</div>
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <input
          type="file"
          id={id}
          name={id}
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        />
      </div>
    </div>
  );
}
