import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../web/components.js';
import {
  Button,
  ButtonGroup,
  DefaultSubmit,
  ErrorSummary,
  Heading,
  Hidden,
  P,
} from '../../web/components.js';
import type { Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { DRAFT_FIELDS, STEP_FIELDS, STEPS, type Draft } from './public-complaint.form.js';

/**
 * One step of the complaint form: the step's fields (children), every other answer hidden, and
 * next/back (send on the last step). `DefaultSubmit` first, so Enter goes on instead of searching.
 */
export function ComplaintStepPage(props: {
  m: Messages;
  url: string;
  step: number;
  draft: Draft;
  errors: FieldError[];
  children: ComponentChildren;
}) {
  const { m, step, draft, errors } = props;
  const f = m.complaintForm;
  const stepName = f.steps[step - 1];
  const last = step === STEPS;
  return (
    <PublicLayout m={m} title={`${f.title}: ${stepName}`} url={props.url} hasErrors={errors.length > 0}>
      <P>
        <span class="bow-steps">{f.stepOf(step, STEPS)}</span>
      </P>
      <Heading level={1}>{last ? f.checkTitle : stepName}</Heading>
      <ErrorSummary m={m} errors={errors} />
      <form method="post" action="/klacht" novalidate class="utrecht-form">
        <DefaultSubmit />
        <input type="hidden" name="step" value={String(step)} />
        {DRAFT_FIELDS.filter((k) => !STEP_FIELDS[step].includes(k)).map((k) => (
          <Hidden name={k} value={draft[k]} />
        ))}
        {props.children}
        <ButtonGroup>
          <Button name="go" value={last ? 'send' : 'next'}>
            {last ? f.send : m.common.next}
          </Button>
          {step > 1 ? (
            <Button variant="secondary" name="go" value="back">
              {m.common.back}
            </Button>
          ) : null}
        </ButtonGroup>
      </form>
    </PublicLayout>
  );
}
