import type { IsoDate } from '../../common/dates.js';
import type { FieldError } from '../../web/components.js';
import { DataList, Heading, Link, Notice, P, TextArea, TextField } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { Section } from '../../web/section.js';
import type { ComplaintsService } from '../complaints.service.js';
import { fieldAt } from './public-forms.js';
import { type LinkPageProps, PostForm, PrivateLinkPage } from './public-parts.js';

export type SchoolView = Awaited<ReturnType<ComplaintsService['schoolView']>>;

/** Why an action was not carried out, as a key of the school texts. */
export type Refusal = 'stageEnded' | 'answerAlready' | 'changed';

/** The school's page as one request shows it: what was just done, or what went wrong. */
export interface SchoolPageState {
  /** What was just done, said above the rest. */
  notice: string | null;
  errors: FieldError[];
  byField: Record<string, string>;
  values?: FormValues;
  refused?: Refusal;
}

interface SectionProps {
  m: Messages;
  v: SchoolView;
}

/**
 * The school's private page for one complaint: the complaint's text and the student's name, the
 * school's deadline, what the school recorded, and while the school stage runs its two actions.
 */
export function SchoolLinkPage(props: LinkPageProps<SchoolView, SchoolPageState> & { today: IsoDate }) {
  const { m, v, o } = props;
  const sc = m.school;
  const base = `/school/${props.token}`;
  const refused = o.refused ? (
    <Notice kind="error">
      <p class="utrecht-paragraph" id="school-refused">
        {sc[o.refused]}
      </p>
    </Notice>
  ) : null;
  return (
    <PrivateLinkPage
      m={m}
      title={sc.title(v.reference)}
      url={props.url}
      notice={o.notice}
      alert={refused}
      errors={o.errors}
    >
      <P lead>{sc.intro(v.schoolName ?? sc.yourSchool)}</P>
      <Section id="status" title={sc.statusTitle}>
        <P>
          <span id="status-text">{sc.status[v.status] ?? v.status}</span>
        </P>
        {v.open ? null : (
          <Notice kind="info">
            <p class="utrecht-paragraph" id="stage-ended">
              {sc.stageEnded}
            </p>
          </Notice>
        )}
      </Section>
      <Section id="deadline" title={sc.deadlineTitle} spaced>
        <DataList
          items={[
            [sc.filedOn, formatDate(v.filedWithSchoolOn, m)],
            [sc.deadline, <span id="school-deadline">{formatDate(v.schoolDeadline, m)}</span>],
          ]}
        />
        {v.open ? <P>{sc.deadlineText}</P> : null}
      </Section>
      <ComplaintSection m={m} v={v} />
      <RecordedSection m={m} v={v} />
      {v.open && !v.acknowledgedAt ? (
        <Section id="acknowledge" title={sc.acknowledgeTitle} spaced>
          <P>{sc.acknowledgeText}</P>
          <PostForm action={`${base}/ontvangst`} button={sc.acknowledgeButton} />
        </Section>
      ) : null}
      {v.open && !v.finalAnswer ? <AnswerSection m={m} base={base} today={props.today} o={o} /> : null}
      <P>
        <span class="bow-muted">{sc.keepLink}</span> <Link href="/contact">{sc.contactLink}</Link>
      </P>
    </PrivateLinkPage>
  );
}

/** A link that opens no complaint: the same words as a student's dead link, with the way that fits a school. */
export function InvalidSchoolLinkPage({ m, url }: { m: Messages; url: string }) {
  const title = m.linkPage.invalidLinkTitle;
  return (
    <PublicLayout m={m} title={title} url={url} noindex>
      <Heading level={1}>{title}</Heading>
      <Notice kind="warning">{m.school.invalidText}</Notice>
      <P>
        <Link href="/contact">{m.school.contactLink}</Link>
      </P>
    </PublicLayout>
  );
}

function ComplaintSection({ m, v }: SectionProps) {
  const sc = m.school;
  return (
    <Section id="complaint" title={sc.complaintTitle} spaced>
      <DataList
        items={[
          [sc.student, <span id="student-name">{v.studentName}</span>],
          [sc.subject, <span id="case-subject">{v.subject}</span>],
          [
            sc.description,
            <span class="bow-pre" id="case-description">
              {v.description}
            </span>,
          ],
          [
            sc.desired,
            v.desiredOutcome ? (
              <span class="bow-pre" id="case-desired">
                {v.desiredOutcome}
              </span>
            ) : (
              m.common.dash
            ),
          ],
        ]}
      />
    </Section>
  );
}

/** What the school has recorded so far, or "not yet". */
function RecordedSection({ m, v }: SectionProps) {
  const sc = m.school;
  const recorded = (value: unknown, id: string, shown: string, pre = false) =>
    value ? (
      <span class={pre ? 'bow-pre' : undefined} id={id}>
        {shown}
      </span>
    ) : (
      <span class="bow-muted">{sc.notYet}</span>
    );
  const answer = v.finalAnswer;
  return (
    <Section id="yours" title={sc.yoursTitle} spaced>
      <DataList
        items={[
          [
            sc.acknowledgedAt,
            recorded(v.acknowledgedAt, 'school-acknowledged', formatDateTime(v.acknowledgedAt, m)),
          ],
          [sc.answerOn, recorded(answer?.on, 'school-answer-on', formatDate(answer?.on, m))],
          [sc.answer, recorded(answer?.text, 'school-answer', answer?.text ?? '', true)],
        ]}
      />
    </Section>
  );
}

function AnswerSection(p: { m: Messages; base: string; today: IsoDate; o: SchoolPageState }) {
  const sc = p.m.school;
  const shown = p.o;
  return (
    <Section id="answer" title={sc.answerTitle} spaced>
      <P>{sc.answerIntro}</P>
      <PostForm action={`${p.base}/eindantwoord`} button={sc.answerButton}>
        <TextField
          {...fieldAt(shown, 'answeredOn', 'answer-date')}
          value={shown.values?.answeredOn ?? p.today}
          type="date"
          label={sc.answerDateLabel}
          hint={sc.answerDateHint}
          max={p.today}
          required
        />
        <TextArea
          {...fieldAt(shown, 'answer', 'answer-text')}
          label={sc.answerTextLabel}
          hint={sc.answerTextHint}
          required
          rows={8}
        />
      </PostForm>
    </Section>
  );
}
