import { Button, ButtonGroup, Checkbox, Heading, Notice, P, TextArea } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import type { StudentView } from './student-case.views.js';

/** What the student can do on their page: ask Blik op Werk to handle it, add information, withdraw. */
interface ActionProps {
  m: Messages;
  v: StudentView;
  /** `/c/<token>`: each form posts to a path below it. */
  base: string;
  values?: FormValues;
  byField: Record<string, string>;
}

export function EscalateSection({ m, v, base, values, byField }: ActionProps) {
  const s = m.student;
  const e = v.escalation;
  return (
    <section aria-labelledby="escalate" class="bow-section">
      <Heading level={2} id="escalate">
        {s.escalateTitle}
      </Heading>
      <P>{s.escalateIntro}</P>
      {e.possible ? (
        <form method="post" action={`${base}/voorleggen`} novalidate class="utrecht-form">
          <TextArea
            id="escalate-reason"
            name="reason"
            label={s.escalateReasonLabel}
            value={values?.reason}
            error={byField['escalate-reason']}
            required
            rows={4}
          />
          <Checkbox
            id="escalate-rejects"
            name="rejects"
            label={s.escalateRejectLabel}
            checked={values?.rejects === 'true'}
          />
          <ButtonGroup>
            <Button>{s.escalateButton}</Button>
          </ButtonGroup>
        </form>
      ) : (
        <Notice kind="info">
          <p class="utrecht-paragraph" id="escalate-not-yet">
            {e.earliestOn && v.schoolDeadline ? (
              <>
                {s.escalateNotYet(formatDate(v.schoolDeadline, m))}{' '}
                {s.escalateFrom(formatDate(e.earliestOn, m))}
              </>
            ) : (
              s.escalateNotFiled
            )}
          </p>
        </Notice>
      )}
    </section>
  );
}

export function AddInfoSection({ m, base, values, byField }: ActionProps) {
  const s = m.student;
  return (
    <section aria-labelledby="info" class="bow-section">
      <Heading level={2} id="info">
        {s.addInfoTitle}
      </Heading>
      <form method="post" action={`${base}/informatie`} novalidate class="utrecht-form">
        <TextArea
          id="info-text"
          name="text"
          label={s.addInfoLabel}
          hint={s.addInfoHint}
          value={values?.text}
          error={byField['info-text']}
          required
          rows={5}
        />
        <ButtonGroup>
          <Button>{s.addInfoButton}</Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

export function WithdrawSection({ m, base, values, byField }: ActionProps) {
  const s = m.student;
  return (
    <section aria-labelledby="withdraw" class="bow-section">
      <Heading level={2} id="withdraw">
        {s.withdrawTitle}
      </Heading>
      <P>{s.withdrawIntro}</P>
      <form method="post" action={`${base}/intrekken`} novalidate class="utrecht-form">
        <TextArea
          id="withdraw-reason"
          name="reason"
          label={s.withdrawReasonLabel}
          optional={m.common.optional}
          value={values?.reason}
          error={byField['withdraw-reason']}
          rows={3}
        />
        <ButtonGroup>
          <Button variant="danger">{s.withdrawButton}</Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
