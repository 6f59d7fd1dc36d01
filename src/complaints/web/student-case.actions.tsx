import { Checkbox, Notice, P, TextArea } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { Section } from '../../web/section.js';
import { fieldAt } from './public-forms.js';
import { PostForm } from './public-parts.js';
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

export function EscalateSection(p: ActionProps) {
  const { m, v } = p;
  const s = m.student;
  const e = v.escalation;
  return (
    <Section id="escalate" title={s.escalateTitle} spaced>
      <P>{s.escalateIntro}</P>
      {e.possible ? (
        <PostForm action={`${p.base}/voorleggen`} button={s.escalateButton}>
          <TextArea
            {...fieldAt(p, 'reason', 'escalate-reason')}
            label={s.escalateReasonLabel}
            required
            rows={4}
          />
          <Checkbox
            id="escalate-rejects"
            name="rejects"
            label={s.escalateRejectLabel}
            checked={p.values?.rejects === 'true'}
          />
        </PostForm>
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
    </Section>
  );
}

export function AddInfoSection(p: ActionProps) {
  const s = p.m.student;
  return (
    <Section id="info" title={s.addInfoTitle} spaced>
      <PostForm action={`${p.base}/informatie`} button={s.addInfoButton}>
        <TextArea
          {...fieldAt(p, 'text', 'info-text')}
          label={s.addInfoLabel}
          hint={s.addInfoHint}
          required
          rows={5}
        />
      </PostForm>
    </Section>
  );
}

export function WithdrawSection(p: ActionProps) {
  const { m } = p;
  const s = m.student;
  return (
    <Section id="withdraw" title={s.withdrawTitle} spaced>
      <P>{s.withdrawIntro}</P>
      <PostForm action={`${p.base}/intrekken`} button={s.withdrawButton} danger>
        <TextArea
          {...fieldAt(p, 'reason', 'withdraw-reason')}
          label={s.withdrawReasonLabel}
          optional={m.common.optional}
          rows={3}
        />
      </PostForm>
    </Section>
  );
}
