import { formatEuro } from '../../common/money.js';
import {
  Button,
  Csrf,
  ErrorSummary,
  errorFor,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  Select,
} from '../../web/components.js';
import { formatDateTime, type Messages } from '../../web/i18n.js';
import type { RefundsService } from '../refunds.service.js';
import { PAYERS } from '../terminations.rules.js';
import { PostForm, Section, TableOrNone } from './parts.js';
import { labelled } from './register.views.js';

type Lang = 'nl' | 'en';
export type PendingRefund = Awaited<ReturnType<RefundsService['pending']>>['items'][number];
export type RefundBatch = Awaited<ReturnType<RefundsService['list']>>['items'][number];

/** The instructions not yet in a batch, and the form that puts them in one. */
function PendingSection({
  m,
  csrf,
  pending,
  errors,
}: {
  m: Messages;
  csrf: string;
  pending: PendingRefund[];
  errors?: FieldError[];
}) {
  const r = m.contracts.refunds;
  return (
    <Section id="pending" title={r.pendingTitle}>
      <TableOrNone
        caption={r.pendingTitle}
        head={[r.contract, r.payer, r.amount, r.created]}
        rows={pending.map((i) => [
          <Link href={`/console/contracts/${i.contractId}`}>{r.contract}</Link>,
          m.contracts.payers[i.payer] ?? i.payer,
          formatEuro(i.amountCents, m.lang as Lang),
          formatDateTime(i.createdAt, m),
        ])}
        none={r.pendingNone}
      />
      <PostForm
        action="/console/refunds/export"
        csrf={csrf}
        button={r.exportButton}
        label={r.exportTitle}
        title={r.exportTitle}
      >
        <Select
          id="payer"
          label={r.exportPayer}
          value="duo"
          error={errorFor(errors, 'payer')}
          options={labelled(PAYERS, m.contracts.payers)}
        />
      </PostForm>
    </Section>
  );
}

/** The batches made, each with its file and, until then, the confirmation that the payer has paid. */
function BatchesSection({ m, csrf, batches }: { m: Messages; csrf: string; batches: RefundBatch[] }) {
  const r = m.contracts.refunds;
  return (
    <Section id="batches" title={r.batchesTitle}>
      <TableOrNone
        caption={r.batchesTitle}
        head={[r.batch, r.payer, r.count, r.total, r.created, r.status, '']}
        rows={batches.map((b) => [
          <span id={`batch-${b.id}`}>{b.id}</span>,
          m.contracts.payers[b.payer] ?? b.payer,
          String(b.instructionCount),
          formatEuro(Number(b.totalCents), m.lang as Lang),
          formatDateTime(b.createdAt, m),
          r.batchStatuses[b.status] ?? b.status,
          <>
            <Link href={b.csvUrl}>
              {r.download}
              <span class="bow-visually-hidden"> {r.downloadLabel(b.id)}</span>
            </Link>
            {b.status === 'exported' ? (
              <form method="post" action={`/console/refunds/batches/${b.id}/confirm`} class="bow-inline-form">
                <Csrf token={csrf} />
                <Button variant="secondary" hiddenText={r.downloadLabel(b.id)}>
                  {r.confirm}
                </Button>
              </form>
            ) : null}
          </>,
        ])}
        none={r.batchesNone}
      />
    </Section>
  );
}

/** The refunds to DUO (and other payers): what waits, and the batches made. */
export function RefundsPage(props: {
  m: Messages;
  csrf: string;
  done?: string;
  errors?: FieldError[];
  pending: PendingRefund[];
  batches: RefundBatch[];
}) {
  const { m } = props;
  return (
    <>
      <Heading level={1}>{m.contracts.refunds.title}</Heading>
      {props.done ? <Notice title={m.common.noticeTitle}>{props.done}</Notice> : null}
      <ErrorSummary m={m} errors={props.errors} />
      <P>{m.contracts.refunds.intro}</P>
      <PendingSection m={m} csrf={props.csrf} pending={props.pending} errors={props.errors} />
      <BatchesSection m={m} csrf={props.csrf} batches={props.batches} />
    </>
  );
}
