import {
  Button,
  ButtonGroup,
  Checkbox,
  DefaultSubmit,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  P,
  RadioGroup,
  TextArea,
  TextField,
} from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { SchoolChooser, type SchoolOption } from '../../web/school-chooser.js';
import { WHAT_HAPPENED } from '../digid-reports.rules.js';
import { type Draft, MAX_INVOICE_ROWS, WHAT_FIELD } from './digid-form.js';

// The public DigiD report form and its receipt.

interface FormProps {
  m: Messages;
  d: Draft;
  byField: Record<string, string>;
  schools: SchoolOption[];
  today: string;
}

/** The labels of the form's fields, by element id, for the error summary. */
export function formLabels(m: Messages, d: Draft): Record<string, string> {
  const f = m.digid.form;
  return {
    suspectedParty: f.partyLegend,
    schoolId: f.schoolLabel,
    [WHAT_FIELD]: f.whatLegend,
    noticedOn: f.noticedLabel,
    description: f.descriptionLabel,
    name: f.nameLabel,
    email: f.emailLabel,
    ...Object.fromEntries(
      d.invoices.flatMap((_, i) => [
        [`inv-${i}-date`, f.invoiceDate(i + 1)],
        [`inv-${i}-amount`, f.invoiceAmount(i + 1)],
      ]),
    ),
  };
}

/** A required one-line field of the form, with what was typed and its error. */
function input(
  d: Draft,
  byField: Record<string, string>,
  id: 'noticedOn' | 'name' | 'email',
  label: string,
  more: Omit<Parameters<typeof TextField>[0], 'id' | 'label'>,
) {
  return <TextField id={id} label={label} value={d[id]} error={byField[id]} required {...more} />;
}

/** Who misused the DigiD, which school, what happened and when. */
function WhatHappenedFields({ m, d, byField, schools, today }: FormProps) {
  const f = m.digid.form;
  return (
    <>
      <RadioGroup
        id="suspectedParty"
        name="suspectedParty"
        legend={f.partyLegend}
        hint={f.partyHint}
        options={[
          { value: 'school', label: f.partySchool },
          { value: 'other', label: f.partyOther },
        ]}
        value={d.suspectedParty}
        error={byField.suspectedParty}
      />
      <SchoolChooser
        as="select"
        texts={f}
        searchType="search"
        chooseSchool={f.chooseSchool}
        schools={schools}
        q={d.q}
        value={d.schoolId}
        error={byField.schoolId}
      />
      <CheckboxGroup
        id={WHAT_FIELD}
        legend={f.whatLegend}
        hint={f.whatHint}
        error={byField[WHAT_FIELD]}
        options={WHAT_HAPPENED.map((w) => ({
          id: `what-${w}`,
          label: f.what[w],
          checked: d.what.includes(w),
        }))}
      />
      {input(d, byField, 'noticedOn', f.noticedLabel, { type: 'date', hint: f.noticedHint, max: today })}
    </>
  );
}

/** The invoices approved without consent: rows of a date and an amount, and a button for one more. */
function InvoiceRows({ m, d, byField, today }: FormProps) {
  const f = m.digid.form;
  return (
    <div class="utrecht-form-fieldset utrecht-form-fieldset--distanced">
      <fieldset
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby="invoices-hint"
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {f.invoicesLegend}
        </legend>
        <div class="utrecht-form-field-description" id="invoices-hint">
          {f.invoicesHint}
        </div>
        {d.invoices.map((row, i) => (
          <>
            <TextField
              id={`inv-${i}-date`}
              type="date"
              label={f.invoiceDate(i + 1)}
              optional={m.common.optional}
              value={row.date}
              error={byField[`inv-${i}-date`]}
              max={today}
            />
            <TextField
              id={`inv-${i}-amount`}
              label={f.invoiceAmount(i + 1)}
              optional={m.common.optional}
              hint={f.amountHint}
              value={row.amount}
              error={byField[`inv-${i}-amount`]}
              inputMode="decimal"
              autocomplete="off"
            />
          </>
        ))}
        {d.invoices.length < MAX_INVOICE_ROWS ? (
          <ButtonGroup>
            <Button variant="secondary" name="go" value="addInvoice">
              {f.addInvoice}
            </Button>
          </ButtonGroup>
        ) : null}
      </fieldset>
    </div>
  );
}

/** The story and who the student is. */
function AboutYouFields({ m, d, byField }: FormProps) {
  const f = m.digid.form;
  return (
    <>
      <TextArea
        id="description"
        label={f.descriptionLabel}
        hint={f.descriptionHint}
        value={d.description}
        error={byField.description}
        required
        rows={7}
      />
      {input(d, byField, 'name', f.nameLabel, { autocomplete: 'name' })}
      {input(d, byField, 'email', f.emailLabel, {
        type: 'email',
        hint: f.emailHint,
        autocomplete: 'email',
        spellcheck: false,
      })}
    </>
  );
}

/** The form with the error summary above it. */
export function DigidReportFormBody(p: FormProps & { summary: FieldError[] }) {
  const f = p.m.digid.form;
  return (
    <>
      <Heading level={1}>{f.title}</Heading>
      <ErrorSummary m={p.m} errors={p.summary} />
      <P lead>{f.intro}</P>
      <SafetyAdvice m={p.m} title={f.safetyTitle} id="safety" />
      <form method="post" action="/digid" novalidate class="utrecht-form">
        <DefaultSubmit />
        <input type="hidden" name="rows" value={String(p.d.invoices.length)} />
        <WhatHappenedFields {...p} />
        <InvoiceRows {...p} />
        <AboutYouFields {...p} />
        <ButtonGroup>
          <Button name="go" value="send">
            {f.send}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

/** The receipt: the reference, what happens next, and the safety advice again. */
export function SentBody({
  m,
  reference,
  until,
  other,
}: {
  m: Messages;
  reference: string | undefined;
  until: string | undefined;
  other: boolean;
}) {
  const s = m.digid.sent;
  return (
    <>
      <Heading level={1}>{s.title}</Heading>
      {reference ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <div class="utrecht-alert__content">
            <p class="utrecht-paragraph">{s.reference}</p>
            <p class="utrecht-paragraph bow-reference" id="reference">
              {reference}
            </p>
            <p class="utrecht-paragraph">{s.referenceHint}</p>
          </div>
        </div>
      ) : null}
      <P>{s.emailSent}</P>
      <Heading level={2}>{s.nextTitle}</Heading>
      <P>{other ? s.nextOther : until ? s.nextSchool(formatDate(until, m)) : s.nextSchool(m.common.dash)}</P>
      <SafetyAdvice m={m} title={s.safetyTitle} id="safety" />
      <P>
        <Link href="/">{m.errors.toHome}</Link>
      </P>
    </>
  );
}

/** Change the password, where to block DigiD, and that we never ask for the password or SMS code. */
function SafetyAdvice({ m, title, id }: { m: Messages; title: string; id: string }) {
  return (
    <section class="utrecht-alert utrecht-alert--warning" aria-labelledby={id} id="digid-safety">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-3" id={id}>
          {title}
        </h2>
        <ul class="utrecht-unordered-list">
          {m.digid.form.safety.map((line) => (
            <li class="utrecht-unordered-list__item">{line}</li>
          ))}
        </ul>
        <p class="utrecht-paragraph">
          <strong>{m.digid.form.neverAsk}</strong>
        </p>
      </div>
    </section>
  );
}

/** Checkboxes in a fieldset with a legend; the first box carries `id` so the error summary can link to it. */
function CheckboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { id: string; label: string; checked: boolean }[];
}) {
  const described = [
    props.hint ? `${props.id}-group-hint` : null,
    props.error ? `${props.id}-group-error` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      class={`utrecht-form-fieldset utrecht-form-fieldset--distanced${props.error ? ' utrecht-form-fieldset--invalid' : ''}`}
    >
      <fieldset
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {props.legend}
        </legend>
        {props.hint ? (
          <div class="utrecht-form-field-description" id={`${props.id}-group-hint`}>
            {props.hint}
          </div>
        ) : null}
        {props.error ? (
          <div class="utrecht-form-field-error-message" id={`${props.id}-group-error`}>
            {props.error}
          </div>
        ) : null}
        {props.options.map((o) => (
          <Checkbox id={o.id} label={o.label} checked={o.checked} />
        ))}
      </fieldset>
    </div>
  );
}
