import type { ComponentChildren } from 'preact';
import {
  Button,
  ButtonGroup,
  Csrf,
  errorFor,
  type FieldError,
  Heading,
  P,
  Table,
} from '../../web/components.js';

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

/** A section of a page under its own heading (the heading names the section for screen readers). */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
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
