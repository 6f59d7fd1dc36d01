import type { ComponentChildren } from 'preact';
import { type FieldError, Link, Notice, P, Select, Table, TextField } from '../../web/components.js';
import { FilterForm, PageTitle, Section, TableOrNone, type ConsoleContext } from '../../web/console.views.js';
import { formatDateTime } from '../../web/i18n.js';
import type { PrivacyService, ReadLogItem } from '../privacy.service.js';

type ExportData = Awaited<ReturnType<PrivacyService['exportData']>>;

/** The search by email of the export page. */
export function ExportSearch({ c, email, error }: { c: ConsoleContext; email: string; error?: string }) {
  const t = c.m.privacy.export;
  return (
    <FilterForm action="/console/privacy/export" label={t.title} button={t.search}>
      <TextField id="email" type="email" label={t.email} value={email} error={error} required />
    </FilterForm>
  );
}

/** What an export would hold (to check it is the right person), and the two downloads. */
export function ExportFound({ c, email, found }: { c: ConsoleContext; email: string; found: ExportData }) {
  const t = c.m.privacy.export;
  if (!found.cases.length && !found.contracts.length) return <P>{t.none}</P>;
  const href = (format: string) =>
    `/api/privacy/students/export?${new URLSearchParams({ email, format }).toString()}`;
  const l = c.m.contracts.list;
  const tables: [string, string[], ComponentChildren[][]][] = [
    [
      t.cases,
      [c.m.console.list.reference, c.m.console.list.subject, c.m.console.list.status],
      found.cases.map((x: { reference: string; subject: string; status: string }) => [
        x.reference,
        <span class="bow-case-subject">{x.subject}</span>,
        c.m.console.statuses[x.status] ?? x.status,
      ]),
    ],
    [
      t.contracts,
      [l.number, l.school, l.status],
      found.contracts.map((x: { contractNumber: string; school: string; status: string }) => [
        x.contractNumber,
        x.school,
        c.m.contracts.statuses[x.status] ?? x.status,
      ]),
    ],
  ];
  return (
    <Section id="found" title={t.found(found.cases.length, found.contracts.length)}>
      {tables.map(([caption, head, rows]) =>
        rows.length ? <Table caption={caption} head={head} rows={rows} /> : null,
      )}
      <Notice kind="info">{t.checkFirst}</Notice>
      <ul class="utrecht-unordered-list bow-link-list">
        <li class="utrecht-unordered-list__item">
          <Link href={href('html')}>{t.downloadHtml}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href={href('json')}>{t.downloadJson}</Link>
        </li>
      </ul>
    </Section>
  );
}

/** The staff read log with its filters (case reference, staff member). */
export function ReadsView({
  c,
  reference,
  userId,
  users,
  items,
  canReadCases,
  errors,
}: {
  c: ConsoleContext;
  reference: string;
  userId: string;
  users: { id: string; name: string }[];
  items: ReadLogItem[];
  canReadCases: boolean;
  errors: FieldError[];
}) {
  const t = c.m.privacy.reads;
  return (
    <>
      <PageTitle m={c.m} title={t.title} errors={errors} />
      <P>{t.intro}</P>
      <FilterForm action="/console/admin/reads" label={t.title} button={t.filter} secondary>
        <TextField id="reference" label={t.reference} value={reference} />
        <Select
          id="userId"
          label={t.user}
          value={userId}
          options={[{ value: '', label: t.anyone }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
        />
      </FilterForm>
      <TableOrNone
        caption={t.title}
        head={[t.at, t.user, t.case, t.route]}
        none={t.none}
        rows={items.map((r) => [
          formatDateTime(r.at, c.m),
          r.userName,
          canReadCases ? <Link href={`/console/cases/${r.reference}`}>{r.reference}</Link> : r.reference,
          <code>{r.route}</code>,
        ])}
      />
    </>
  );
}
