import { P, Select, TextArea, TextField } from '../../web/components.js';
import type { Messages } from '../../web/i18n.js';
import { TERMINATION_GROUNDS } from '../contracts.rules.js';
import type { ContractView, TerminationWithQuote } from './contract-detail.data.js';
import { type FormOnPage, labelled, PostForm, Section } from './parts.js';
import { type CardContext, TerminationCard } from './termination-card.js';

/** The contract's terminations, each on its card. */
export function TerminationsSection({
  c,
  terminations,
}: {
  c: CardContext;
  terminations: TerminationWithQuote[];
}) {
  const d = c.m.contracts.detail;
  return (
    <Section id="terminations" title={d.terminationsTitle}>
      {terminations.length ? (
        terminations.map((w) => <TerminationCard c={c} w={w} />)
      ) : (
        <P>{d.terminationsNone}</P>
      )}
    </Section>
  );
}

/** Staff record a termination: the ground, the date, and what belongs to the ground. */
export function TerminateSection(props: {
  m: Messages;
  x: ContractView;
  form: FormOnPage;
  /** The ground and date the calculator was last asked about: the form starts from them. */
  ground?: string;
  requestedOn: string;
}) {
  const { m, form } = props;
  const d = m.contracts.detail;
  return (
    <Section id="terminate" title={d.terminateTitle}>
      <P>{d.terminateIntro}</P>
      <PostForm
        action={`/console/contracts/${props.x.id}/terminations`}
        csrf={form.csrf}
        button={d.terminateButton}
      >
        <Select
          {...form.field('ground', d.ground, props.ground ?? 'notice')}
          options={labelled(TERMINATION_GROUNDS, m.contracts.grounds)}
        />
        <TextField
          {...form.field('requestedOn', d.requestedOn, props.requestedOn)}
          type="date"
          hint={d.requestedOnHint}
          required
        />
        <TextField
          {...form.field('complaintReference', d.complaintReference)}
          hint={d.complaintReferenceHint}
        />
        <TextArea
          {...form.field('justification', d.justification)}
          hint={d.justificationHint}
          optional={m.common.optional}
          rows={3}
        />
        <TextArea {...form.field('note', d.note)} optional={m.common.optional} rows={3} />
      </PostForm>
    </Section>
  );
}
