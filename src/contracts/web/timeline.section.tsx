import { formatEuro } from '../../common/money.js';
import { formatDateTime, type Messages } from '../../web/i18n.js';
import type { ContractView } from './contract-detail.data.js';
import { P } from '../../web/components.js';
import { Section, TableSection } from './parts.js';

type Lang = 'nl' | 'en';

/** The refund instructions of the contract: to whom, how much, and in which batch. */
export function RefundsSection({ m, x }: { m: Messages; x: ContractView }) {
  const d = m.contracts.detail;
  return (
    <TableSection
      id="refunds"
      title={d.refundsTitle}
      head={[d.payer, d.amount, d.refundStatus, d.batch]}
      rows={x.refundInstructions.map((r) => [
        m.contracts.payers[r.payer] ?? r.payer,
        formatEuro(r.amountCents, m.lang as Lang),
        d.refundStatuses[r.status] ?? r.status,
        r.batchId ?? m.common.dash,
      ])}
      none={d.refundsNone}
    />
  );
}

/** What happened to the contract, oldest first. */
export function TimelineSection({ m, x }: { m: Messages; x: ContractView }) {
  const d = m.contracts.detail;
  return (
    <Section id="timeline" title={d.timelineTitle}>
      {x.events.length ? (
        <ol class="utrecht-ordered-list bow-timeline">
          {x.events.map((e) => (
            <li class="utrecht-ordered-list__item">
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, m)}</time> —{' '}
              {eventText(m, e)}
              {e.actorName ? ` (${e.actorName})` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <P>{d.timelineNone}</P>
      )}
    </Section>
  );
}

/** A timeline entry of the contract in words. */
function eventText(m: Messages, e: ContractView['events'][number]): string {
  const ct = m.contracts;
  const data = e.data ?? {};
  const ground = typeof data.ground === 'string' ? (ct.grounds[data.ground] ?? data.ground) : '';
  // Invoices paid again after the contract ended: the stored refund left them out.
  const kind = e.kind === 'invoices_restored' && data.afterEnd ? 'invoices_restored_after_end' : e.kind;
  const label = ct.events[kind] ?? e.kind;
  return ground ? `${label}: ${ground}` : label;
}
