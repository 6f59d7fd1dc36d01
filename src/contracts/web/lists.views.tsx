import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import type { StaffUser } from '../../auth/users.repository.js';
import { formatEuro } from '../../common/money.js';
import { Button, ButtonGroup, Csrf, ErrorSummary, errorFor, type FieldError } from '../../web/components.js';
import { Heading, Link, Notice, P, Select, StatusBadge, Table, TextField } from '../../web/components.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { CONTRACT_STATUSES, TERMINATION_STATUSES } from '../contracts.dto.js';
import type { RefundsService } from '../refunds.service.js';
import { PAYERS } from '../terminations.rules.js';
import { labelled, LinkList, PostForm, schoolOptions, type SchoolOption, TableSection } from './parts.js';

/** A GET form of filters with one "show" button. */
function Filters(props: { action: string; label: string; button: string; children: ComponentChildren }) {
  return (
    <form method="get" action={props.action} class="utrecht-form" aria-label={props.label}>
      {props.children}
      <ButtonGroup>
        <Button variant="secondary">{props.button}</Button>
      </ButtonGroup>
    </form>
  );
}

/** The link to the next page of a list, when there is one. */
function NextPage({ href, cursor, text }: { href: string; cursor: string | null; text: string }) {
  if (!cursor) return null;
  return (
    <P>
      <Link href={`${href}cursor=${encodeURIComponent(cursor)}`}>{text}</Link>
    </P>
  );
}

export interface ContractListItem {
  id: string;
  contractNumber: string;
  studentName: string;
  schoolName: string;
  status: string;
  startDate: string;
  plannedEndDate: string;
  endedOn: string | null;
  funder: string;
}

export interface ContractFilters {
  schoolId?: string;
  status?: string;
  studentEmail?: string;
  contractNumber?: string;
}

/** The register: links to what the reader may do, the filters, a page of contracts. */
export function ContractList(props: {
  m: Messages;
  user: StaffUser;
  schools: readonly SchoolOption[];
  filters: ContractFilters;
  typed: { studentEmail: string; contractNumber: string };
  page: { items: readonly ContractListItem[]; nextCursor: string | null };
}) {
  const { m, filters, page } = props;
  const l = m.contracts.list;
  const roles = props.user.roles;
  const links: [string, string, boolean][] = [
    ['/console/contracts/new', l.register, can(roles, 'contract.write')],
    ['/console/contracts/import', l.import, can(roles, 'contract.write')],
    ['/console/terminations', l.terminations, true],
    ['/console/refunds', l.refunds, can(roles, 'refund.export')],
  ];
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return (
    <>
      <Heading level={1}>{l.title}</Heading>
      <P>{l.intro}</P>
      <LinkList links={links.filter((x) => x[2])} />
      <Filters action="/console/contracts" label={l.filters} button={l.apply}>
        <Select
          id="schoolId"
          label={l.school}
          value={filters.schoolId ?? ''}
          options={schoolOptions(props.schools, l.anySchool)}
        />
        <Select
          id="status"
          label={l.status}
          value={filters.status ?? ''}
          options={[{ value: '', label: l.anyStatus }, ...labelled(CONTRACT_STATUSES, m.contracts.statuses)]}
        />
        <TextField id="contractNumber" label={l.number} value={props.typed.contractNumber} />
        <TextField id="studentEmail" type="email" label={l.studentEmail} value={props.typed.studentEmail} />
      </Filters>
      {page.items.length ? (
        <Table
          caption={l.title}
          hideCaption
          head={[l.number, l.student, l.school, l.status, l.start, l.plannedEnd, l.funder]}
          rows={page.items.map((x) => [
            <Link href={`/console/contracts/${x.id}`}>{x.contractNumber}</Link>,
            x.studentName,
            x.schoolName,
            <StatusBadge kind={x.status === 'active' ? 'active' : 'neutral'}>
              {m.contracts.statuses[x.status] ?? x.status}
            </StatusBadge>,
            formatDate(x.startDate, m),
            formatDate(x.endedOn ?? x.plannedEndDate, m),
            m.contracts.funders[x.funder] ?? x.funder,
          ])}
        />
      ) : (
        <P>{l.none}</P>
      )}
      <NextPage
        href={`/console/contracts?${query.toString()}${query.size ? '&' : ''}`}
        cursor={page.nextCursor}
        text={l.next}
      />
    </>
  );
}

export interface TerminationListItem {
  id: string;
  contractId: string;
  contractNumber: string;
  schoolName: string;
  studentName: string;
  ground: string;
  requestedOn: string;
  source: string;
}

/** The terminations in one status (waiting for a decision, by default). */
export function TerminationList(props: {
  m: Messages;
  status: string;
  page: { items: readonly TerminationListItem[]; nextCursor: string | null };
}) {
  const { m, status, page } = props;
  const tl = m.contracts.terminations;
  const ct = m.contracts;
  return (
    <>
      <Heading level={1}>{tl.title}</Heading>
      <P>{tl.intro}</P>
      <Filters action="/console/terminations" label={tl.title} button={ct.list.apply}>
        <Select
          id="status"
          label={ct.list.status}
          value={status}
          options={labelled(TERMINATION_STATUSES, ct.terminationStatuses)}
        />
      </Filters>
      {page.items.length ? (
        <Table
          caption={tl.title}
          hideCaption
          head={[
            tl.contract,
            tl.student,
            ct.list.school,
            ct.detail.ground,
            ct.detail.requestedOn,
            ct.termination.source,
          ]}
          rows={page.items.map((t) => [
            <Link href={`/console/contracts/${t.contractId}#t-${t.id}`}>{t.contractNumber}</Link>,
            t.studentName,
            t.schoolName,
            ct.grounds[t.ground] ?? t.ground,
            formatDate(t.requestedOn, m),
            ct.sources[t.source] ?? t.source,
          ])}
        />
      ) : (
        <P>{tl.none}</P>
      )}
      <NextPage
        href={`/console/terminations?status=${status}&`}
        cursor={page.nextCursor}
        text={ct.list.next}
      />
    </>
  );
}

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
    <TableSection
      id="pending"
      title={r.pendingTitle}
      head={[r.contract, r.payer, r.amount, r.created]}
      rows={pending.map((i) => [
        <Link href={`/console/contracts/${i.contractId}`}>{r.contract}</Link>,
        m.contracts.payers[i.payer] ?? i.payer,
        formatEuro(i.amountCents, m.lang as Lang),
        formatDateTime(i.createdAt, m),
      ])}
      none={r.pendingNone}
    >
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
    </TableSection>
  );
}

/** The batches made, each with its file and, until then, the confirmation that the payer has paid. */
function BatchesSection({ m, csrf, batches }: { m: Messages; csrf: string; batches: RefundBatch[] }) {
  const r = m.contracts.refunds;
  return (
    <TableSection
      id="batches"
      title={r.batchesTitle}
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
