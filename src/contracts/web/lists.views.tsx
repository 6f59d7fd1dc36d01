import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import type { StaffUser } from '../../auth/users.repository.js';
import {
  Button,
  ButtonGroup,
  Heading,
  Link,
  P,
  Select,
  StatusBadge,
  Table,
  TextField,
} from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { CONTRACT_STATUSES, TERMINATION_STATUSES } from '../contracts.dto.js';
import { labelled, schoolOptions, type SchoolOption } from './register.views.js';

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

/** Links as a list (the console's menu of a page). */
export function LinkList({ links }: { links: readonly (readonly [string, string, ...unknown[]])[] }) {
  if (!links.length) return null;
  return (
    <ul class="utrecht-unordered-list bow-link-list">
      {links.map(([href, text]) => (
        <li class="utrecht-unordered-list__item">
          <Link href={href}>{text}</Link>
        </li>
      ))}
    </ul>
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
