import { formatEuro, formatMinutes } from '../../common/money.js';
import { Button, ButtonGroup, DataList, Heading, Notice, P, Select, Table } from '../../web/components.js';
import { TextField } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { TERMINATION_GROUNDS } from '../contracts.rules.js';
import type { QuoteView } from '../contracts.service.js';
import { isWeighty } from '../terminations.rules.js';
import type { QuoteOrRefusal, WhatIf } from './contract-detail.data.js';
import { Section } from './parts.js';

type Lang = 'nl' | 'en';

/** The quote's figures and its lines, in the reader's language. Money in whole cents, time in minutes. */
export function QuoteTable({ m, quote, payer }: { m: Messages; quote: QuoteView; payer: string }) {
  const q = m.contracts.quote;
  const lang = m.lang as Lang;
  return (
    <>
      <DataList
        items={[
          [q.effectiveDate, formatDate(quote.effectiveDate, m)],
          [q.chargeable, formatMinutes(quote.chargeableMinutes, lang)],
          [q.feesDue, formatEuro(quote.feesDueCents, lang)],
          [q.paid, formatEuro(quote.paidCents, lang)],
          [q.refund(payer), <strong>{formatEuro(quote.refundToLoanCents, lang)}</strong>],
          [q.stillInvoiceable, formatEuro(quote.stillInvoiceableCents, lang)],
        ]}
      />
      {quote.paidInAdvance ? <P>{q.paidInAdvance}</P> : null}
      <Table
        caption={q.lines}
        head={[q.line, q.value]}
        rows={quote.lines.map((l) => [
          lang === 'nl' ? l.labelNl : l.label,
          l.cents !== undefined
            ? formatEuro(l.cents, lang)
            : l.minutes !== undefined
              ? formatMinutes(l.minutes, lang)
              : m.common.dash,
        ])}
      />
    </>
  );
}

/** A quote under its heading, or the rule's refusal as a warning. */
export function QuoteOrProblem(props: {
  m: Messages;
  title: string;
  result: QuoteOrRefusal;
  payer: string;
  intro?: string;
  /** The calculator names what was asked even when there is no quote; a termination's card does not. */
  titleOnRefusal?: boolean;
}) {
  const { m, result } = props;
  if (result.quote)
    return (
      <>
        <Heading level={3}>{props.title}</Heading>
        {props.intro ? <P>{props.intro}</P> : null}
        <QuoteTable m={m} quote={result.quote} payer={props.payer} />
      </>
    );
  if (result.problem)
    return (
      <>
        {props.titleOnRefusal ? <Heading level={3}>{props.title}</Heading> : null}
        <Notice kind="warning" title={m.contracts.termination.quoteRefused}>
          {result.problem}
        </Notice>
      </>
    );
  return null;
}

/**
 * The quote calculator: what ending the contract on a ground and date would cost and refund.
 * A GET form: nothing is stored.
 */
export function QuoteCalculator(props: {
  m: Messages;
  contractId: string;
  active: boolean;
  ground?: string;
  requestedOn: string;
  whatIf?: WhatIf;
  payer: string;
}) {
  const { m, whatIf } = props;
  const d = m.contracts.detail;
  const ct = m.contracts;
  return (
    <Section id="quote" title={d.quoteTitle}>
      <P>{d.quoteIntro}</P>
      {props.active ? (
        <form
          method="get"
          action={`/console/contracts/${props.contractId}#quote-result`}
          class="utrecht-form"
          novalidate
        >
          <Select
            id="quote-ground"
            name="ground"
            label={d.ground}
            value={props.ground ?? 'notice'}
            options={TERMINATION_GROUNDS.map((g) => ({ value: g, label: ct.grounds[g] }))}
          />
          <TextField
            id="quote-requestedOn"
            name="requestedOn"
            type="date"
            label={d.requestedOn}
            hint={d.requestedOnHint}
            value={props.requestedOn}
          />
          <ButtonGroup>
            <Button variant="secondary">{d.quoteButton}</Button>
          </ButtonGroup>
        </form>
      ) : null}
      {whatIf ? (
        <div id="quote-result">
          <QuoteOrProblem
            m={m}
            title={d.quoteFor(ct.grounds[whatIf.ground], formatDate(whatIf.requestedOn, m))}
            intro={whatIf.quote && isWeighty(whatIf.ground) ? d.whatIf : undefined}
            result={whatIf}
            titleOnRefusal
            payer={props.payer}
          />
        </div>
      ) : null}
    </Section>
  );
}
