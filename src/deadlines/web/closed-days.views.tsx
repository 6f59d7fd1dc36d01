import { statutoryClosedDays } from '../../calendar/calendar.rules.js';
import { Notice, P, Table, TextField } from '../../web/components.js';
import {
  PageTitle,
  PostForm,
  Section,
  TableOrNone,
  type ConsoleContext,
  type FormView,
} from '../../web/console.views.js';
import { formatDate } from '../../web/i18n.js';

export interface ClosedDay {
  date: string;
  reason: string;
  reasonNl: string;
}

/** The form that adds an office closure day; `values` is what was typed when it comes back with errors. */
function AddClosedDayForm({
  c,
  values = {},
  byField,
}: {
  c: ConsoleContext;
  values?: Record<string, string>;
  byField: Record<string, string>;
}) {
  const k = c.m.console.calendar;
  return (
    <PostForm action="/console/admin/calendar" csrf={c.csrf} button={k.addButton} class="utrecht-form">
      <TextField id="date" type="date" label={k.date} value={values.date} error={byField.date} required />
      <TextField id="reasonNl" label={k.reasonNl} value={values.reasonNl} error={byField.reasonNl} required />
      <TextField id="reason" label={k.reasonEn} value={values.reason} error={byField.reason} required />
    </PostForm>
  );
}

/** The closed days: the office's own (and the form to add one), and the statutory ones of this year and the next. */
export function ClosedDaysView({
  c,
  year,
  extra,
  done,
  form,
}: {
  c: ConsoleContext;
  year: number;
  extra: ClosedDay[];
  done: boolean;
  form: FormView;
}) {
  const k = c.m.console.calendar;
  const dayName = (d: { reason: string; reasonNl: string }) => (c.m.lang === 'nl' ? d.reasonNl : d.reason);
  return (
    <>
      <PageTitle m={c.m} title={k.title} errors={form.summary} />
      {done ? <Notice title={c.m.common.noticeTitle}>{k.added}</Notice> : null}
      <P>{k.intro}</P>
      <Section id="office" title={k.officeTitle}>
        <TableOrNone
          caption={k.officeTitle}
          head={[k.date, k.reasonNl, k.reasonEn]}
          rows={extra.map((d) => [formatDate(d.date, c.m), d.reasonNl, d.reason])}
          none={k.none}
        />
      </Section>
      <Section id="add-day" title={k.addTitle} class="bow-action">
        <AddClosedDayForm c={c} values={form.values} byField={form.byField} />
      </Section>
      {[year, year + 1].map((y) => (
        <Section id={`statutory-${y}`} title={k.statutoryTitle(y)}>
          <Table
            hideCaption
            caption={k.statutoryTitle(y)}
            head={[k.date, k.reasonNl]}
            rows={statutoryClosedDays(y).map((d) => [formatDate(d.date, c.m), dayName(d)])}
          />
        </Section>
      ))}
    </>
  );
}
