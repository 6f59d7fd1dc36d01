import { Heading, Link, P } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { ReferenceNotice } from '../../web/reference-notice.js';

/** After sending: the reference, what the email brings, and what happens next. */
export function ConfirmationPage(props: {
  m: Messages;
  url: string;
  reference: string | null;
  schoolDeadline: string | null;
}) {
  const { m, reference, schoolDeadline } = props;
  const c = m.confirmation;
  return (
    <PublicLayout m={m} title={c.title} url={props.url} noindex>
      <Heading level={1}>{c.title}</Heading>
      {reference ? (
        <ReferenceNotice label={c.reference} reference={reference} hint={c.referenceHint} />
      ) : null}
      <P>{c.emailSent}</P>
      <P>{c.emailMissing}</P>
      <Heading level={2}>{c.nextTitle}</Heading>
      <P>{schoolDeadline ? c.nextSchool(formatDate(schoolDeadline, m)) : c.nextIntake}</P>
      <P>
        <Link href="/link">{c.newLink}</Link>
      </P>
    </PublicLayout>
  );
}
