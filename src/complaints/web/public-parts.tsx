import type { ComponentChildren } from 'preact';
import { Button, ButtonGroup, ErrorSummary, type FieldError, Heading, Notice } from '../../web/components.js';
import type { Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';

/** What a page opened by a private link is drawn from: the case as the link's holder sees it, and this request. */
export interface LinkPageProps<View, State> {
  m: Messages;
  url: string;
  token: string;
  v: View;
  o: State;
}

/** A form of one action that posts to `action`, with its one button last. */
export function PostForm(props: {
  action: string;
  button: string;
  danger?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} novalidate class="utrecht-form">
      {props.children}
      <ButtonGroup>
        <Button variant={props.danger ? 'danger' : undefined}>{props.button}</Button>
      </ButtonGroup>
    </form>
  );
}

/**
 * A page opened by a private link (the student's, the school's): kept out of search engines,
 * with what was just done, a refusal (`alert`), and the problems with a form above the rest.
 */
export function PrivateLinkPage(props: {
  m: Messages;
  title: string;
  url: string;
  notice: string | null;
  alert?: ComponentChildren;
  errors: FieldError[];
  children: ComponentChildren;
}) {
  const { m, title, errors } = props;
  return (
    <PublicLayout m={m} title={title} url={props.url} hasErrors={errors.length > 0} noindex>
      <Heading level={1}>{title}</Heading>
      {props.notice ? <Notice title={m.common.noticeTitle}>{props.notice}</Notice> : null}
      {props.alert}
      <ErrorSummary m={m} errors={errors} />
      {props.children}
    </PublicLayout>
  );
}
