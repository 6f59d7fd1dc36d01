import { formatEuro } from '../../common/money.js';
import { Select, StatusBadge, TextField } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { INVOICE_STATUSES } from '../contracts.dto.js';
import type { ContractView } from './contract-detail.data.js';
import { type FormOnPage, PostForm, Section, TableOrNone } from './parts.js';
import { labelled } from './register.views.js';

/** The invoices with their flags (invoiced in advance, over the quarter's cap), and a form to record one. */
export function InvoicesSection({ m, x, form }: { m: Messages; x: ContractView; form?: FormOnPage }) {
  const ct = m.contracts;
  const d = ct.detail;
  const lang = m.lang as 'nl' | 'en';
  return (
    <Section id="invoices" title={d.invoicesTitle}>
      <TableOrNone
        caption={d.invoicesTitle}
        head={[d.invoiceDate, d.amount, d.invoiceStatus, d.invoiceFlags]}
        rows={x.invoices.map((i) => [
          formatDate(i.invoiceDate, m),
          formatEuro(i.amountCents, lang),
          ct.invoiceStatuses[i.status] ?? i.status,
          i.flags.length ? (
            <>
              {i.flags.map((f) => (
                <StatusBadge kind="warning">{ct.flags[f.code] ?? f.code}</StatusBadge>
              ))}
            </>
          ) : (
            m.common.dash
          ),
        ])}
        none={d.invoicesNone}
      />
      {form ? (
        <PostForm
          action={`/console/contracts/${x.id}/invoices`}
          csrf={form.csrf}
          button={d.addInvoiceButton}
          variant="secondary"
          label={d.addInvoice}
          title={d.addInvoice}
        >
          <TextField {...form.field('invoiceDate', d.invoiceDate)} type="date" required />
          <TextField
            {...form.field('invoiceAmount', d.amountLabel)}
            hint={d.amountHint}
            inputMode="decimal"
            required
          />
          <Select
            {...form.field('invoiceStatus', d.invoiceStatus, 'paid')}
            options={labelled(INVOICE_STATUSES, ct.invoiceStatuses)}
          />
        </PostForm>
      ) : null}
    </Section>
  );
}
