import { Section as CaseSection } from '../../web/section.js';
import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { StaffRequest } from '../../auth/auth.guard.js';
import type { ProblemError } from '../../common/problem.js';
import { ErrorSummary, type FieldError, Heading, Notice, P } from '../../web/components.js';
import type { ConsoleContext } from '../../web/console.views.js';
import { type FormIssue, localize } from '../../web/forms.js';
import type { Messages } from '../../web/i18n.js';
import { ConsoleLayout } from '../../web/layout.js';
import { sendPage } from '../../web/web.http.js';

// The frame every case type's console page shares: title, notice, error summary, the case's
// sections and the action forms beside them.

/** What a case page shows besides the case: a notice after an action, or the problem with one. */
export interface CasePageState<A extends string> {
  done?: string;
  /** The form the problem belongs to. */
  action?: A;
  /** On the fields' element ids (`pause-reason`): the error summary links to them. */
  issues?: FormIssue[];
  values?: Record<string, string>;
  problem?: ProblemError;
}

/** The error summary's entries: the form's issues, or the refusal of the action (linked to its form). */
export function caseActionErrors<A extends string>(
  m: Messages,
  o: CasePageState<A>,
  labels: Record<string, string>,
  problemMessage: (problem: ProblemError, code: string) => string,
): FieldError[] {
  if (o.issues?.length) return localize(o.issues, m, labels).summary;
  if (o.problem && o.action) {
    return [{ field: `action-${o.action}`, message: problemMessage(o.problem, o.problem.code ?? 'other') }];
  }
  return [];
}

/** Sends a case page: its title, the notice or error summary, the case's sections and the action forms beside them. */
export function sendCasePage(
  req: StaffRequest,
  reply: FastifyReply,
  c: ConsoleContext,
  page: {
    title: string;
    /** Where the page lives (the address bar after a POST). */
    path: string;
    errors: FieldError[];
    doneText: string | undefined;
    sections: ComponentChildren;
    forms: ComponentChildren[];
    afterForms?: ComponentChildren;
  },
  status: number,
): void {
  const cs = c.m.console.case;
  sendPage(
    reply,
    <ConsoleLayout
      m={c.m}
      title={page.title}
      user={c.user}
      csrf={c.csrf}
      section="cases"
      url={req.method === 'GET' ? req.url : page.path}
      hasErrors={page.errors.length > 0}
    >
      <Heading level={1}>{page.title}</Heading>
      {page.doneText ? <Notice title={c.m.common.noticeTitle}>{page.doneText}</Notice> : null}
      <ErrorSummary m={c.m} errors={page.errors} />
      <div class="bow-case-layout">
        <div>{page.sections}</div>
        <CaseSection id="actions" title={cs.actionsTitle}>
          {page.forms.length ? page.forms : <P>{cs.actionsNone}</P>}
          {page.afterForms}
        </CaseSection>
      </div>
    </ConsoleLayout>,
    status,
  );
}

/** A section of the case page under its own heading: the shell's. */
export { CaseSection };
