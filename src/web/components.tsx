import type { ComponentChildren } from 'preact';
import type { Messages } from './i18n.js';

/**
 * Small view components with NL Design System (Utrecht) markup. Every value is passed as a JSX
 * child or attribute, so preact escapes it; no component takes raw HTML.
 */

export interface FieldError {
  /** The id of the input the message belongs to (the error summary links to it). */
  field: string;
  message: string;
}

export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

/** Listed at the top of a form; each entry links to its field. Gets focus on load (autofocus). */
export function ErrorSummary({ m, errors }: { m: Messages; errors?: readonly FieldError[] }) {
  if (!errors?.length) return null;
  return (
    <div
      class="utrecht-alert utrecht-alert--error bow-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      autofocus
      id="error-summary"
    >
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="error-summary-title">
          {m.common.errorSummaryTitle}
        </h2>
        <p class="utrecht-paragraph">{m.common.errorSummaryIntro}</p>
        <ul class="utrecht-unordered-list">
          {errors.map((e) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link utrecht-link--html-a" href={`#${e.field}`}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Notice({
  title,
  children,
  kind = 'ok',
}: {
  title?: string;
  children: ComponentChildren;
  kind?: 'ok' | 'info' | 'warning' | 'error';
}) {
  return (
    <div
      class={`utrecht-alert utrecht-alert--${kind} bow-notice`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      <div class="utrecht-alert__content">
        {title ? <p class="utrecht-paragraph bow-notice__title">{title}</p> : null}
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

interface FieldProps {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  optional?: string;
  error?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({
  id,
  label,
  hint,
  optional,
  error,
  children,
  kind = 'text',
}: FieldProps & { children: ComponentChildren; kind?: string }) {
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--${kind} utrecht-form-field--distanced${error ? ' utrecht-form-field--invalid' : ''}`}
    >
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" htmlFor={id}>
          {label}
          {optional ? <span class="bow-optional"> {optional}</span> : null}
        </label>
      </div>
      {hint ? (
        <div class="utrecht-form-field__description" id={`${id}-hint`}>
          <div class="utrecht-form-field-description">{hint}</div>
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field__error-message" id={`${id}-error`}>
          <div class="utrecht-form-field-error-message">{error}</div>
        </div>
      ) : null}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | null;
    type?: 'text' | 'email' | 'tel' | 'date' | 'search' | 'password';
    autocomplete?: string;
    required?: boolean;
    inputMode?: string;
    max?: string;
    spellcheck?: boolean;
  },
) {
  const { id, name, hint, error, value, type = 'text', autocomplete, required, max } = props;
  return (
    <FieldShell {...props}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={id}
        name={name ?? id}
        // preact's input types are a union per `type`; the attributes used here fit all of ours
        type={type as 'text'}
        value={value ?? ''}
        autocomplete={autocomplete}
        aria-required={required ? 'true' : undefined}
        max={max}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        spellcheck={props.spellcheck}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { value?: string | null; required?: boolean; rows?: number }) {
  const { id, name, hint, error, value, required, rows = 6 } = props;
  return (
    <FieldShell {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={id}
        name={name ?? id}
        rows={rows}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select(props: FieldProps & { options: Option[]; value?: string | null; required?: boolean }) {
  const { id, name, hint, error, options, value, required } = props;
  return (
    <FieldShell {...props} kind="select">
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={name ?? id}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === (value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Radio buttons in a fieldset; the first radio's id is `${id}` so the error summary can link to it. */
export function RadioGroup(props: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  value?: string | null;
  error?: string;
}) {
  const { id, name, legend, hint, options, value, error } = props;
  return (
    <div
      class={`utrecht-form-fieldset utrecht-form-fieldset--distanced${error ? ' utrecht-form-fieldset--invalid' : ''}`}
    >
      <fieldset
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {legend}
        </legend>
        {hint ? (
          <div class="utrecht-form-field-description" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <div class="utrecht-form-field-error-message" id={`${id}-error`}>
            {error}
          </div>
        ) : null}
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`;
          return (
            <div class="utrecht-form-field utrecht-form-field--radio">
              <div class="utrecht-form-field__input">
                <input
                  type="radio"
                  class={`utrecht-radio-button utrecht-radio-button--html-input${error ? ' utrecht-radio-button--invalid' : ''}`}
                  id={optionId}
                  name={name}
                  value={o.value}
                  checked={o.value === value}
                />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--radio" htmlFor={optionId}>
                  {o.label}
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function Checkbox({
  id,
  name,
  label,
  checked,
  value = 'true',
}: {
  id: string;
  name?: string;
  label: string;
  checked?: boolean;
  value?: string;
}) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--distanced">
      <div class="utrecht-form-field__input">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input"
          id={id}
          name={name ?? id}
          value={value}
          checked={checked}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
  type = 'submit',
  hiddenText,
}: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'subtle' | 'danger';
  name?: string;
  value?: string;
  type?: 'submit' | 'button';
  /** Said by screen readers after the visible text (e.g. which item a "Change" button changes). */
  hiddenText?: string;
}) {
  const cls =
    variant === 'danger'
      ? 'utrecht-button--secondary-action utrecht-button--danger'
      : `utrecht-button--${variant}-action`;
  return (
    <button class={`utrecht-button utrecht-button--html-button ${cls}`} type={type} name={name} value={value}>
      {children}
      {hiddenText ? <span class="bow-visually-hidden"> {hiddenText}</span> : null}
    </button>
  );
}

/**
 * The button Enter presses: browsers submit a form with its first submit button, so a form whose
 * first visible button is a secondary one (a search inside the form) starts with this hidden one.
 * It sends no `go`, so the handler takes its main action (send, or the next step). Not shown,
 * not focusable, not read out; the visible buttons stay the ones people click.
 */
export function DefaultSubmit() {
  return <button type="submit" hidden tabIndex={-1} aria-hidden="true" />;
}

export function ButtonGroup({ children }: { children: ComponentChildren }) {
  return <div class="utrecht-button-group utrecht-button-group--distanced">{children}</div>;
}

export function Hidden({ name, value }: { name: string; value: string | null | undefined }) {
  if (value === null || value === undefined || value === '') return null;
  return <input type="hidden" name={name} value={value} />;
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Link({
  href,
  children,
  lang,
  hrefLang,
  current,
}: {
  href: string;
  children: ComponentChildren;
  lang?: string;
  hrefLang?: string;
  current?: boolean;
}) {
  return (
    <a
      class="utrecht-link utrecht-link--html-a"
      href={href}
      lang={lang}
      hrefLang={hrefLang}
      aria-current={current ? 'page' : undefined}
    >
      {children}
    </a>
  );
}

export function Heading({
  level,
  children,
  id,
}: {
  level: 1 | 2 | 3;
  children: ComponentChildren;
  id?: string;
}) {
  if (level === 1)
    return (
      <h1 class="utrecht-heading-1" id={id}>
        {children}
      </h1>
    );
  if (level === 2)
    return (
      <h2 class="utrecht-heading-2" id={id}>
        {children}
      </h2>
    );
  return (
    <h3 class="utrecht-heading-3" id={id}>
      {children}
    </h3>
  );
}

export function P({ children, lead }: { children: ComponentChildren; lead?: boolean }) {
  return <p class={`utrecht-paragraph${lead ? ' utrecht-paragraph--lead' : ''}`}>{children}</p>;
}

export function DataList({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      {items.map(([key, value]) => (
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A table in a scroll container that keyboard users can reach (focusable, labelled region). */
export function Table({
  caption,
  head,
  rows,
  id,
  hideCaption,
}: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
  id?: string;
  hideCaption?: boolean;
}) {
  return (
    <div
      class="utrecht-table-container utrecht-table-container--overflow-inline bow-table-scroll"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table class="utrecht-table utrecht-table--html-table" id={id}>
        <caption class={`utrecht-table__caption${hideCaption ? ' bow-visually-hidden' : ''}`}>
          {caption}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {head.map((h) => (
              <th class="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row">
              {r.map((c) => (
                <td class="utrecht-table__cell">{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatusBadge({
  children,
  kind = 'neutral',
}: {
  children: ComponentChildren;
  kind?: 'neutral' | 'warning' | 'danger' | 'success' | 'active';
}) {
  return <span class={`utrecht-status-badge utrecht-status-badge--${kind}`}>{children}</span>;
}
