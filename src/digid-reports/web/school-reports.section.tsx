import type { SchoolReportItem } from '../digid-reports.repository.js';
import { Heading, Link, P, Table } from '../../web/components.js';
import { CaseStatus } from '../../web/console.views.js';
import { formatDate, type Messages } from '../../web/i18n.js';

/** The school's page in the console: its DigiD reports and their outcomes. */
export function DigidReportsOfSchool({ m, items }: { m: Messages; items: SchoolReportItem[] }) {
  const s = m.digid.console.school;
  return (
    <section aria-labelledby="digid-reports">
      <Heading level={2} id="digid-reports">
        {s.title}
      </Heading>
      {items.length ? (
        <Table
          hideCaption
          caption={s.title}
          head={[s.reference, s.status, s.received, s.outcome, s.recommendation, s.decided]}
          rows={items.map((r) => [
            <Link href={`/console/digid/${r.reference}`}>{r.reference}</Link>,
            <CaseStatus m={m} status={r.status} />,
            formatDate(r.receivedOn, m),
            r.outcome ? (m.digid.console.outcomes[r.outcome] ?? r.outcome) : m.common.dash,
            r.recommendation
              ? (m.digid.console.recommendations[r.recommendation] ?? r.recommendation)
              : m.common.dash,
            formatDate(r.decidedOn, m),
          ])}
        />
      ) : (
        <P>{s.none}</P>
      )}
    </section>
  );
}
