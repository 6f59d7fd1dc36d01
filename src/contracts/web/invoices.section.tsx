import { formatEuro } from '../../common/money.js';
import { Select, StatusBadge, TextField } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { INVOICE_STATUSES } from '../contracts.dto.js';
import type { ContractView } from './contract-detail.data.js';
import { type FormOnPage, labelled, RecordForm, TableSection } from './parts.js';

/** The invoices with their flags (invoiced in advance, over the quarter's cap), and a form to record one. */
export function InvoicesSection({ m, x, form }: { m: Messages; x: ContractView; form?: FormOnPage }) {
  const ct = m.contracts;
  const d = ct.detail;
  const lang = m.lang as 'nl' | 'en';
  return (
    <TableSection
      id="invoices"
      title={d.invoicesTitle}
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
    >
      <RecordForm form={form} at={`${x.id}/invoices`} button={d.addInvoiceButton} title={d.addInvoice}>
        {(f) => (
          <>
            <TextField {...f.field('invoiceDate', d.invoiceDate)} type="date" required />
            <TextField
              {...f.field('invoiceAmount', d.amountLabel)}
              hint={d.amountHint}
              inputMode="decimal"
              required
            />
            <Select
              {...f.field('invoiceStatus', d.invoiceStatus, 'paid')}
              options={labelled(INVOICE_STATUSES, ct.invoiceStatuses)}
            />
          </>
        )}
      </RecordForm>
    </TableSection>
  );
}
