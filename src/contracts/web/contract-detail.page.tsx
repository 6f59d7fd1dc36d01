import { can } from '../../auth/policy.js';
import { ErrorSummary, Heading, Notice } from '../../web/components.js';
import type { Messages } from '../../web/i18n.js';
import { payerFor } from '../terminations.rules.js';
import type { ContractPageData, DetailState } from './contract-detail.data.js';
import { InvoicesSection } from './invoices.section.js';
import { LessonsSection } from './lessons.section.js';
import { formOnPage } from './parts.js';
import { QuoteCalculator } from './quote-calculator.js';
import { TerminateSection, TerminationsSection } from './terminate.section.js';
import { TermsSection } from './terms.section.js';
import { RefundsSection, TimelineSection } from './timeline.section.js';

/**
 * A contract in the console: its terms, terminations with their quotes, the quote calculator,
 * recording a termination, lessons, invoices, refunds and what happened. The forms show only
 * to whom they are allowed, and only while the contract runs.
 */
export function ContractDetailPage(props: {
  m: Messages;
  roles: readonly string[];
  csrf: string;
  today: string;
  data: ContractPageData;
  state: DetailState;
}) {
  const { m, data, state } = props;
  const { x } = data;
  const d = m.contracts.detail;
  const active = x.status === 'active';
  const write = can(props.roles, 'contract.write') && active;
  const open = x.terminations.some((t) => t.status === 'requested' || t.status === 'approved');
  const done = state.done ? m.contracts.done[state.done] : undefined;
  const payer = m.contracts.payers[payerFor(x.funder)];
  const requestedOn = state.values?.requestedOn || props.today;
  const form = (name: string) => (write ? formOnPage(props.csrf, state, name) : undefined);
  const card = { m, roles: props.roles, csrf: props.csrf, x, payer, state };
  return (
    <>
      <Heading level={1}>{d.title(x.contractNumber)}</Heading>
      {done ? <Notice title={m.common.noticeTitle}>{done}</Notice> : null}
      <ErrorSummary m={m} errors={state.errors} />
      {!active ? <Notice kind="info">{d.ended}</Notice> : null}
      <TermsSection m={m} x={x} />
      <TerminationsSection c={card} terminations={data.terminations} />
      <QuoteCalculator
        m={m}
        contractId={x.id}
        active={active}
        ground={data.askedGround}
        requestedOn={requestedOn}
        whatIf={data.whatIf}
        payer={payer}
      />
      {write && !open ? (
        <TerminateSection
          m={m}
          x={x}
          form={form('terminate')!}
          ground={data.askedGround}
          requestedOn={requestedOn}
        />
      ) : null}
      <LessonsSection m={m} x={x} form={form('lesson')} />
      <InvoicesSection m={m} x={x} form={form('invoice')} />
      <RefundsSection m={m} x={x} />
      <TimelineSection m={m} x={x} />
    </>
  );
}
