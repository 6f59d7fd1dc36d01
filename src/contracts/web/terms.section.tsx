import { formatEuro } from '../../common/money.js';
import { DataList, Link, StatusBadge } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import type { ContractView } from './contract-detail.data.js';
import { Section } from './parts.js';

/** The contract's terms: who, where, when, what it costs and who pays. */
export function TermsSection({ m, x }: { m: Messages; x: ContractView }) {
  const ct = m.contracts;
  const d = ct.detail;
  const lang = m.lang as 'nl' | 'en';
  const optional = (label: string, date: string | null | undefined): [string, string][] =>
    date ? [[label, formatDate(date, m)]] : [];
  return (
    <Section id="terms" title={d.terms}>
      <DataList
        items={[
          [d.student, `${x.student.name} (${x.student.email})`],
          [d.school, <Link href={`/console/schools/${x.school.id}`}>{x.school.name}</Link>],
          [
            d.status,
            <StatusBadge kind={x.status === 'active' ? 'active' : 'neutral'}>
              {ct.statuses[x.status] ?? x.status}
            </StatusBadge>,
          ],
          ...optional(d.endedOn, x.endedOn),
          ...optional(d.qualityMarkGround, x.qualityMarkGroundOn),
          [d.signedOn, formatDate(x.signedOn, m)],
          [d.period, `${formatDate(x.startDate, m)} – ${formatDate(x.plannedEndDate, m)}`],
          [d.courseType, ct.courseTypes[x.courseType] ?? x.courseType],
          [d.educationLevel, ct.levels[x.educationLevel] ?? x.educationLevel],
          [d.rate, formatEuro(x.hourlyRateCents, lang)],
          [d.plannedHours, String(x.plannedHours)],
          [d.hoursPerWeek, String(x.hoursPerWeek).replace('.', lang === 'nl' ? ',' : '.')],
          [d.funder, ct.funders[x.funder] ?? x.funder],
          [d.paid, formatEuro(x.paidCents, lang)],
        ]}
      />
    </Section>
  );
}
