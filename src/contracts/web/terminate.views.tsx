import { Button, ButtonGroup, DefaultSubmit, ErrorSummary, type FieldError } from '../../web/components.js';
import { Heading, Link, Notice, P, TextArea, TextField } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import type { Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { SchoolChooser, type SchoolOption } from '../../web/school-chooser.js';
import { TERMINATION_GROUNDS } from '../contracts.rules.js';
import { TERMINATION_FORM_PATH } from '../contracts.service.js';
import { FileInput } from './parts.js';

/** The name of the file input; a file under any other name is ignored, like an unknown field. */
export const EVIDENCE_FIELD = 'evidence';

/** The file the student had chosen, when the form comes back: it is not kept, so they must choose it again. */
export type ChosenFile = { name: string } | null;

/** The labels of the form's fields, for the error summary. */
export function fieldLabels(m: Messages): Record<string, string> {
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

/** "Label: message" in the error summary; a label that asks a question ends with its question mark. */
function labelled(label: string | undefined, message: string): string {
  if (!label) return message;
  return label.endsWith('?') ? `${label} ${message}` : `${label}: ${message}`;
}

/** The public form to end a contract, with what was typed and its problems. */
export function TerminateFormPage(props: {
  m: Messages;
  url: string;
  values: FormValues;
  issues: FieldError[];
  chosen: ChosenFile;
  schools: SchoolOption[];
}) {
  const { m } = props;
  const f = m.terminate.form;
  const labels = fieldLabels(m);
  const summary = props.issues.map((i) => ({
    field: i.field,
    message: labelled(labels[i.field], i.message),
  }));
  return (
    <PublicLayout m={m} title={f.title} url={props.url} hasErrors={summary.length > 0}>
      <Heading level={1}>{f.title}</Heading>
      <ErrorSummary m={m} errors={summary} />
      <P lead>{f.intro}</P>
      <WhatHappensNext m={m} id="next" />
      <RequestForm {...props} />
    </PublicLayout>
  );
}

/** The request's fields in the order a student answers them; the file last. */
function RequestForm(props: {
  m: Messages;
  values: FormValues;
  issues: FieldError[];
  chosen: ChosenFile;
  schools: SchoolOption[];
}) {
  const { m, values: d } = props;
  const f = m.terminate.form;
  const byField = Object.fromEntries(props.issues.map((i) => [i.field, i.message]));
  /** The props every field shares: its id, label, hint, what was typed and its problem. */
  const field = (id: string, label: string, hint: string) => ({
    id,
    label,
    hint,
    value: d[id],
    error: byField[id],
  });
  return (
    <form
      method="post"
      action={TERMINATION_FORM_PATH}
      encType="multipart/form-data"
      novalidate
      class="utrecht-form"
    >
      <DefaultSubmit />
      <TextField
        {...field('contractNumber', f.contractLabel, f.contractHint)}
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
        schools={props.schools}
        q={d.q ?? ''}
        value={d.schoolId ?? ''}
        error={byField.schoolId}
      />
      <TextField
        {...field('studentEmail', f.emailLabel, f.emailHint)}
        type="email"
        autocomplete="email"
        spellcheck={false}
        required
      />
      <GroundChoice m={m} value={d.ground ?? ''} error={byField.ground} />
      <TextField {...field('requestedOn', f.dateLabel, f.dateHint)} type="date" required />
      <TextField
        {...field('complaintReference', f.complaintLabel, f.complaintHint)}
        optional={m.common.optional}
        autocomplete="off"
        spellcheck={false}
      />
      <TextArea
        {...field('justification', f.justificationLabel, f.justificationHint)}
        optional={m.common.optional}
        rows={4}
      />
      <TextArea {...field('note', f.noteLabel, f.noteHint)} optional={m.common.optional} rows={4} />
      {/* Last, so a browser sends every other field before the file. */}
      <FileField m={m} error={byField[EVIDENCE_FIELD]} chosen={props.chosen} />
      <ButtonGroup>
        <Button name="go" value="send">
          {f.send}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** After sending: the same whatever matched; the evidence line is said from what the student sent. */
export function ReceivedPage(props: { m: Messages; url: string; evidence: 'sent' | 'later' | null }) {
  const { m } = props;
  const r = m.terminate.received;
  return (
    <PublicLayout m={m} title={r.title} url={props.url} noindex>
      <Heading level={1}>{r.title}</Heading>
      <P lead>{r.email}</P>
      <P>
        {r.noEmail}{' '}
        <a class="utrecht-link utrecht-link--html-a utrecht-link--telephone" href="tel:+31303030645">
          {m.contact.phoneNumber}
        </a>{' '}
        ({m.contact.hoursValue})
      </P>
      {props.evidence ? (
        <Notice kind={props.evidence === 'sent' ? 'info' : 'warning'}>
          <P>{props.evidence === 'sent' ? r.evidenceSent : r.evidenceLater}</P>
        </Notice>
      ) : null}
      <WhatHappensNext m={m} id="next" title={r.nextTitle} />
      <P>
        <Link href={TERMINATION_FORM_PATH}>{r.again}</Link>
      </P>
      <P>
        <Link href="/">{r.toHome}</Link>
      </P>
    </PublicLayout>
  );
}

export function WhatHappensNext({ m, id, title }: { m: Messages; id: string; title?: string }) {
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
export function GroundChoice({ m, value, error }: { m: Messages; value: string; error?: string }) {
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
export function FileField({ m, error, chosen }: { m: Messages; error?: string; chosen: ChosenFile }) {
  const f = m.terminate.form;
  const id = EVIDENCE_FIELD;
  const again = chosen ? (chosen.name ? f.fileAgain(chosen.name) : f.fileAgainNoName) : null;
  return (
    <FileInput
      id={id}
      name={id}
      label={f.fileLabel}
      accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
      error={error}
      descriptions={[
        { id: `${id}-hint`, text: f.fileHint },
        ...(again ? [{ id: `${id}-again`, text: <strong>{again}</strong> }] : []),
      ]}
    />
  );
}
