import { Section } from '../../web/section.js';
import type { ComponentChildren } from 'preact';
import { Button, ButtonGroup, Csrf, errorFor, type FieldError, Heading, P } from '../../web/components.js';
import { Link, type Option, Table } from '../../web/components.js';

/**
 * A POST form of the console: the CSRF token, an optional heading, the fields, one submit button.
 * `label` names the form for screen readers when it has no heading of its own.
 */
export function PostForm({
  action,
  csrf,
  button,
  variant = 'primary',
  label,
  title,
  multipart,
  children,
}: {
  action: string;
  csrf: string;
  button: string;
  variant?: 'primary' | 'secondary' | 'danger';
  label?: string;
  title?: string;
  multipart?: boolean;
  children: ComponentChildren;
}) {
  return (
    <form
      method="post"
      action={action}
      class="utrecht-form"
      encType={multipart ? 'multipart/form-data' : undefined}
      novalidate
      aria-label={label}
    >
      {title ? <Heading level={3}>{title}</Heading> : null}
      <Csrf token={csrf} />
      {children}
      <ButtonGroup>
        <Button variant={variant}>{button}</Button>
      </ButtonGroup>
    </form>
  );
}

/** A table under a hidden caption, or the sentence that says there is nothing to show. */
export function TableOrNone(props: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
  none: string;
}) {
  if (!props.rows.length) return <P>{props.none}</P>;
  return <Table caption={props.caption} hideCaption head={props.head} rows={props.rows} />;
}

/** One of the contract page's forms: the values typed (when it came back) and its fields' props. */
export interface FormOnPage {
  csrf: string;
  /** A field's id, label, the value typed (or `initial`) and its error. */
  field: (
    id: string,
    label: string,
    initial?: string,
  ) => { id: string; label: string; value: string; error: string | undefined };
}

/** The form `name` of a page in its state: what was typed shows again only in the form it was typed in. */
export function formOnPage(
  csrf: string,
  state: { form?: string; values?: Record<string, string>; errors?: FieldError[] },
  name: string,
): FormOnPage {
  const mine = state.form === name;
  return {
    csrf,
    field: (id, label, initial = '') => ({
      id,
      label,
      value: mine ? (state.values?.[id] ?? '') : initial,
      error: errorFor(state.errors, id),
    }),
  };
}

export interface SchoolOption {
  id: string;
  name: string;
  city: string;
}

/** The schools to choose from, after a first option ("choose one", "any school"). */
export function schoolOptions(schools: readonly SchoolOption[], first: string): Option[] {
  return [
    { value: '', label: first },
    ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
  ];
}

/** A list's values with their labels in the reader's language. */
export function labelled(values: readonly string[], labels: Record<string, string>): Option[] {
  return values.map((x) => ({ value: x, label: labels[x] ?? x }));
}

/** Links as a list (the console's menu of a page). */
export function LinkList({ links }: { links: readonly (readonly [string, string, ...unknown[]])[] }) {
  if (!links.length) return null;
  return (
    <ul class="utrecht-unordered-list bow-link-list">
      {links.map(([href, text]) => (
        <li class="utrecht-unordered-list__item">
          <Link href={href}>{text}</Link>
        </li>
      ))}
    </ul>
  );
}

/** A description under a field's label, with the id the input points to (aria-describedby). */
export interface Description {
  id: string;
  text: ComponentChildren;
}

/** A file input with its label, descriptions and error, marked up as the other form fields. */
export function FileInput(props: {
  id: string;
  name: string;
  label: string;
  accept: string;
  error?: string;
  descriptions?: Description[];
}) {
  const { id, error, descriptions = [] } = props;
  const described = [...descriptions.map((x) => x.id), ...(error ? [`${id}-error`] : [])].join(' ');
  const invalid = (base: string) => `${base}${error ? ` ${base.split(' ')[0]}--invalid` : ''}`;
  return (
    <div class={invalid('utrecht-form-field utrecht-form-field--text utrecht-form-field--distanced')}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" htmlFor={id}>
          {props.label}
        </label>
      </div>
      {descriptions.map((x) => (
        <div class="utrecht-form-field__description" id={x.id}>
          <div class="utrecht-form-field-description">{x.text}</div>
        </div>
      ))}
      {error ? (
        <div class="utrecht-form-field__error-message" id={`${id}-error`}>
          <div class="utrecht-form-field-error-message">{error}</div>
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <input
          type="file"
          id={id}
          name={props.name}
          accept={props.accept}
          class={invalid('utrecht-textbox utrecht-textbox--html-input')}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described || undefined}
        />
      </div>
    </div>
  );
}

/** A section whose table has the section's title as its (hidden) caption; `children` follow the table. */
export function TableSection(props: {
  id: string;
  title: string;
  head: string[];
  rows: ComponentChildren[][];
  none: string;
  children?: ComponentChildren;
}) {
  return (
    <Section id={props.id} title={props.title}>
      <TableOrNone caption={props.title} head={props.head} rows={props.rows} none={props.none} />
      {props.children}
    </Section>
  );
}

/**
 * The form under a section's table that records one more row of a contract (a lesson, an
 * invoice) at `/console/contracts/<at>`; nothing when the reader may not (`form` is undefined).
 */
export function RecordForm(props: {
  form?: FormOnPage;
  at: string;
  button: string;
  title: string;
  /** The fields, given the form (called only when there is one). */
  children: (form: FormOnPage) => ComponentChildren;
}) {
  const { form, title } = props;
  if (!form) return null;
  const action = `/console/contracts/${props.at}`;
  return (
    <PostForm
      action={action}
      csrf={form.csrf}
      button={props.button}
      variant="secondary"
      label={title}
      title={title}
    >
      {props.children(form)}
    </PostForm>
  );
}

export { Section };
