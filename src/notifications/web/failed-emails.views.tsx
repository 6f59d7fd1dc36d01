import { Button, Csrf, Heading, Link, Notice, P } from '../../web/components.js';
import { TableOrNone, type ConsoleContext } from '../../web/console.views.js';
import { formatDateTime } from '../../web/i18n.js';
import type { OutboxRow } from '../outbox.repository.js';

/** The emails that could not be sent, each with a button to send it again. */
export function FailedEmailsView({
  c,
  failed,
  refs,
  done,
}: {
  c: ConsoleContext;
  failed: OutboxRow[];
  /** Case references by case id. */
  refs: Map<string, string>;
  done: string | undefined;
}) {
  const e = c.m.console.emails;
  const cs = c.m.console.case;
  const caseLink = (caseId: string | null) => {
    const reference = caseId ? refs.get(caseId) : undefined;
    return reference ? <Link href={`/console/cases/${reference}`}>{reference}</Link> : c.m.common.dash;
  };
  return (
    <>
      <Heading level={1}>{e.title}</Heading>
      {done === '1' ? <Notice title={c.m.common.noticeTitle}>{e.resent}</Notice> : null}
      {done === '0' ? <Notice kind="warning">{e.notFailed}</Notice> : null}
      <P>{e.intro}</P>
      <TableOrNone
        caption={e.title}
        head={[
          e.id,
          e.case,
          cs.emailTemplate,
          cs.emailRecipient,
          cs.emailAttempts,
          cs.emailError,
          cs.emailCreated,
          e.resend,
        ]}
        none={e.none}
        rows={failed.map((f) => [
          f.id,
          caseLink(f.caseId),
          f.template,
          f.recipient,
          String(f.attempts),
          f.lastError ?? c.m.common.dash,
          formatDateTime(f.createdAt, c.m),
          <form method="post" action={`/console/admin/emails/${f.id}/resend`} class="bow-inline-form">
            <Csrf token={c.csrf} />
            <Button variant="secondary" hiddenText={e.resendLabel(f.id)}>
              {e.resend}
            </Button>
          </form>,
        ])}
      />
    </>
  );
}
