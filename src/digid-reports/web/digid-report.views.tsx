import type { ComponentChildren } from 'preact';
import { CaseSection } from '../../cases/web/case-page.js';
import { CaseSections, CaseSummary, type EventPart, eventText } from '../../cases/web/case-sections.js';
import { formatEuro } from '../../common/money.js';
import { P, StatusBadge, Table } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import type { Detail } from './digid-report-action-forms.js';

// The sections of a DigiD report's console page.

type Row = [string, ComponentChildren];

function Summary({ m, d }: { m: Messages; d: Detail }) {
  const cs = m.console.case;
  const dm = m.digid.console;
  const date = (v: string | null) => formatDate(v, m);
  const progress: Row[] = [];
  if (d.triagedOn) progress.push([dm.triagedOn, date(d.triagedOn)]);
  if (d.investigationStartedOn) progress.push([dm.investigationStartedOn, date(d.investigationStartedOn)]);
  const decision: Row[] = [];
  if (d.contract)
    decision.push([
      dm.contract,
      dm.contractValue(d.contract.contractNumber ?? d.contract.id, date(d.contract.linkedOn)),
    ]);
  if (d.outcome) decision.push([cs.outcome, dm.outcomes[d.outcome] ?? d.outcome]);
  const end: Row[] = [];
  if (d.recommendation) {
    end.push([
      dm.recommendation,
      <>
        <StatusBadge kind="danger">{dm.recommendations[d.recommendation] ?? d.recommendation}</StatusBadge>{' '}
        {dm.recommendationNote}
      </>,
    ]);
  }
  if (d.referral) end.push([dm.referral, dm.referralValue(d.referral.to ?? '', date(d.referral.referredOn))]);
  return (
    <CaseSummary
      m={m}
      d={d}
      head={[[dm.suspectedParty, dm.parties[d.suspectedParty] ?? d.suspectedParty]]}
      about={[
        [dm.noticedOn, date(d.noticedOn)],
        [
          dm.whatHappened,
          d.whatHappened.length ? d.whatHappened.map((w) => dm.what[w] ?? w).join('; ') : m.common.dash,
        ],
      ]}
      progress={progress}
      decision={decision}
      end={end}
    />
  );
}

/** What a DigiD report's own events carry. */
function digidEventParts(m: Messages, data: Record<string, unknown>) {
  const dm = m.digid.console;
  return (kind: string, t: EventPart) => {
    switch (kind) {
      case 'note':
        t(data.text);
        break;
      case 'digid_report_received':
        t(m.console.channels[eventText(data.channel)]);
        t(dm.parties[eventText(data.suspectedParty)]);
        break;
      case 'investigation_started':
      case 'resumed':
        t(data.schoolName);
        t(data.decisionDeadline);
        break;
      case 'decided':
        t(dm.outcomes[eventText(data.outcome)]);
        t(data.summary);
        break;
      case 'referred':
        t(data.to);
        break;
      case 'contract_linked':
        t(data.contractNumber);
        break;
      case 'invoices_disputed': {
        const disputed = Array.isArray(data.disputed) ? data.disputed.length : 0;
        const unmatched = Array.isArray(data.unmatched) ? data.unmatched.length : 0;
        t(dm.disputedDetail(disputed, formatEuro(Number(data.disputedCents ?? 0), m.lang), unmatched));
        break;
      }
      case 'invoices_restored':
        t(dm.restoredDetail(Number(data.count ?? 0)));
        break;
      case 'quality_mark_recommended':
        t(dm.recommendations[eventText(data.recommendation)]);
        t(data.schoolName);
        break;
    }
  };
}

/** The invoices the student says the school approved without consent; which are disputed on a contract. */
function Invoices({ m, d }: { m: Messages; d: Detail }) {
  const dm = m.digid.console;
  if (!d.invoicesApprovedWithoutConsent.length) return <P>{dm.invoicesNone}</P>;
  return (
    <Table
      hideCaption
      caption={dm.invoices}
      head={[dm.invoiceDate, dm.invoiceAmount, dm.invoiceDisputed]}
      rows={d.invoicesApprovedWithoutConsent.map((i) => [
        formatDate(i.invoiceDate, m),
        formatEuro(i.amountCents, m.lang),
        i.disputedInvoiceId ? <StatusBadge kind="warning">{m.common.yes}</StatusBadge> : m.common.no,
      ])}
    />
  );
}

/** The report's sections: summary, invoices, deadlines, timeline and emails. */
export function DigidSections({ m, d }: { m: Messages; d: Detail }) {
  const dm = m.digid.console;
  return (
    <CaseSections
      m={m}
      d={d}
      summary={<Summary m={m} d={d} />}
      afterSummary={
        <CaseSection id="invoices" title={dm.invoices}>
          <Invoices m={m} d={d} />
        </CaseSection>
      }
      deadlineKinds={dm.deadlineKinds}
      kindLabel={(kind) => dm.eventKinds[kind] ?? m.console.case.eventKinds[kind] ?? kind}
      parts={(data) => digidEventParts(m, data)}
    />
  );
}
