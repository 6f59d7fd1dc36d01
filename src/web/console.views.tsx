import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { StaffRequest } from '../auth/auth.guard.js';
import type { StaffUser } from '../auth/users.repository.js';
import type { ListItem } from '../cases/cases.repository.js';
import {
  Button,
  ButtonGroup,
  Csrf,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  P,
  StatusBadge,
  Table,
} from './components.js';
import { formatDate, messages, type Messages } from './i18n.js';
import { ConsoleLayout, type ConsoleSection } from './layout.js';
import { sendPage, staffLang } from './web.http.js';

// The console shell: what every staff page shares (who is signed in, the layout around a page,
// a titled section, a filter form, the case table and its status badge). Domains' pages use it.

/** A form's problems as the page shows them (`localize`), and what was typed. */
export interface FormView {
  summary: FieldError[];
  byField: Record<string, string>;
  values?: Record<string, string>;
}

export interface ConsoleContext {
  m: Messages;
  user: StaffUser;
  csrf: string;
}

/** The signed-in user, their language and CSRF token (the global guard has checked the session). */
export function consoleContext(req: StaffRequest): ConsoleContext {
  const staff = req.staff!;
  return { m: messages(staffLang(req)), user: staff.user, csrf: staff.csrfToken };
}

export function statusKind(status: string): 'neutral' | 'warning' | 'danger' | 'success' | 'active' {
  if (
    status === 'closed' ||
    status === 'withdrawn' ||
    status === 'resolved_by_school' ||
    status === 'referred'
  )
    return 'neutral';
  if (status === 'decided') return 'success';
  if (status === 'paused') return 'warning';
  return 'active';
}

export function CaseStatus({ m, status }: { m: Messages; status: string }) {
  return <StatusBadge kind={statusKind(status)}>{m.console.statuses[status] ?? status}</StatusBadge>;
}

/** A part of a page with its own second-level heading, named by it for screen readers. */
export function Section({
  id,
  title,
  class: className,
  children,
}: {
  id: string;
  title: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={id} class={className}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A page's heading and, when a form on it did not parse, the error summary under it. */
export function PageTitle({
  m,
  title,
  errors,
}: {
  m: Messages;
  title: string;
  errors?: readonly FieldError[];
}) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <ErrorSummary m={m} errors={errors} />
    </>
  );
}

/** A POST form: the CSRF token (when signed in), the fields, one submit button. */
export function PostForm({
  action,
  csrf,
  button,
  class: className,
  children,
}: {
  action: string;
  csrf?: string;
  button: string;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={action} novalidate class={className}>
      {csrf ? <Csrf token={csrf} /> : null}
      {children}
      <ButtonGroup>
        <Button>{button}</Button>
      </ButtonGroup>
    </form>
  );
}

/** A table of what was found, or the sentence that says nothing was. */
export function TableOrNone({
  caption,
  head,
  rows,
  none,
  hideCaption = true,
}: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
  none: string;
  hideCaption?: boolean;
}) {
  if (!rows.length) return <P>{none}</P>;
  return <Table hideCaption={hideCaption} caption={caption} head={head} rows={rows} />;
}

/** A search or filter form (GET): its fields, then the button and any links beside it. */
export function FilterForm({
  action,
  label,
  button,
  secondary,
  extra,
  children,
}: {
  action: string;
  label: string;
  button: string;
  secondary?: boolean;
  extra?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <form method="get" action={action} class="utrecht-form" role="search" aria-label={label}>
      {children}
      <ButtonGroup>
        <Button variant={secondary ? 'secondary' : undefined}>{button}</Button>
        {extra}
      </ButtonGroup>
    </form>
  );
}

/** A list of cases; the subject is user input and is shown as text. */
export function CaseTable({
  m,
  items,
  caption,
  today,
  hideCaption,
}: {
  m: Messages;
  items: ListItem[];
  caption: string;
  today: string;
  hideCaption?: boolean;
}) {
  const l = m.console.list;
  if (!items.length) return <P>{m.console.dashboard.noCases}</P>;
  return (
    <Table
      caption={caption}
      hideCaption={hideCaption}
      head={[l.reference, l.subject, l.status, l.school, l.assignee, l.nextDue]}
      rows={items.map((c) => [
        <Link href={`/console/${c.type === 'digid_report' ? 'digid' : 'cases'}/${c.reference}`}>
          {c.reference}
        </Link>,
        <span class="bow-case-subject">{c.subject}</span>,
        <CaseStatus m={m} status={c.status} />,
        c.schoolName ?? m.common.dash,
        c.assigneeName ?? m.common.dash,
        c.nextDueOn ? (
          c.nextDueOn < today ? (
            <StatusBadge kind="danger">{formatDate(c.nextDueOn, m)}</StatusBadge>
          ) : (
            formatDate(c.nextDueOn, m)
          )
        ) : (
          m.common.dash
        ),
      ])}
    />
  );
}

/** Sends a console page: the layout with the user's menu, language and CSRF token around `body`. */
export function sendConsolePage(
  req: StaffRequest,
  reply: FastifyReply,
  c: ConsoleContext,
  title: string,
  section: ConsoleSection | undefined,
  body: ComponentChildren,
  status = 200,
  hasErrors = status >= 400,
  /** Where the language form returns to; by default the page itself when it answers a GET. */
  url = req.method === 'GET' ? req.url : undefined,
): void {
  sendPage(
    reply,
    <ConsoleLayout
      m={c.m}
      title={title}
      user={c.user}
      csrf={c.csrf}
      section={section}
      url={url}
      hasErrors={hasErrors}
    >
      {body}
    </ConsoleLayout>,
    status,
  );
}
