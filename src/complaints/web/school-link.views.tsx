import type { IsoDate } from '../../common/dates.js';
import {
  Button,
  ButtonGroup,
  DataList,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  TextArea,
  TextField,
} from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import type { ComplaintsService } from '../complaints.service.js';

export type SchoolView = Awaited<ReturnType<ComplaintsService['schoolView']>>;

/** Why an action was not carried out, as a key of the school texts. */
export type Refusal = 'stageEnded' | 'answerAlready' | 'changed';

/** The school's page as one request shows it: what was just done, or what went wrong. */
export interface SchoolPageState {
  done?: string;
  errors: FieldError[];
  byField: Record<string, string>;
  values?: FormValues;
  refused?: Refusal;
}

interface SectionProps {
  m: Messages;
  v: SchoolView;
}

/** The notice after an action, by the `done` of the redirect. */
function doneText(m: Messages, done: string | undefined): string | null {
  const sc = m.school;
  const texts = new Map([
    ['ontvangen', sc.acknowledgeDone],
    ['al-ontvangen', sc.acknowledgeAlready],
    ['eindantwoord', sc.answerDone],
  ]);
  return texts.get(done ?? '') ?? null;
}

/**
 * The school's private page for one complaint: the complaint's text and the student's name, the
 * school's deadline, what the school recorded, and while the school stage runs its two actions.
 */
export function SchoolLinkPage(props: {
  m: Messages;
  url: string;
  token: string;
  today: IsoDate;
  v: SchoolView;
  o: SchoolPageState;
}) {
  const { m, v, o } = props;
  const sc = m.school;
  const notice = doneText(m, o.done);
  const base = `/school/${props.token}`;
  return (
    <PublicLayout m={m} title={sc.title(v.reference)} url={props.url} hasErrors={o.errors.length > 0} noindex>
      <Heading level={1}>{sc.title(v.reference)}</Heading>
      {notice ? <Notice title={m.common.noticeTitle}>{notice}</Notice> : null}
      {o.refused ? (
        <Notice kind="error">
          <p class="utrecht-paragraph" id="school-refused">
            {sc[o.refused]}
          </p>
        </Notice>
      ) : null}
      <ErrorSummary m={m} errors={o.errors} />
      <P lead>{sc.intro(v.schoolName ?? sc.yourSchool)}</P>
      <StatusSection m={m} v={v} />
      <DeadlineSection m={m} v={v} />
      <ComplaintSection m={m} v={v} />
      <RecordedSection m={m} v={v} />
      {v.open && !v.acknowledgedAt ? <AcknowledgeSection m={m} base={base} /> : null}
      {v.open && !v.finalAnswer ? <AnswerSection m={m} base={base} today={props.today} o={o} /> : null}
      <P>
        <span class="bow-muted">{sc.keepLink}</span> <Link href="/contact">{sc.contactLink}</Link>
      </P>
    </PublicLayout>
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

function StatusSection({ m, v }: SectionProps) {
  const sc = m.school;
  return (
    <section aria-labelledby="status">
      <Heading level={2} id="status">
        {sc.statusTitle}
      </Heading>
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
    </section>
  );
}

function DeadlineSection({ m, v }: SectionProps) {
  const sc = m.school;
  return (
    <section aria-labelledby="deadline" class="bow-section">
      <Heading level={2} id="deadline">
        {sc.deadlineTitle}
      </Heading>
      <DataList
        items={[
          [sc.filedOn, formatDate(v.filedWithSchoolOn, m)],
          [sc.deadline, <span id="school-deadline">{formatDate(v.schoolDeadline, m)}</span>],
        ]}
      />
      {v.open ? <P>{sc.deadlineText}</P> : null}
    </section>
  );
}

function ComplaintSection({ m, v }: SectionProps) {
  const sc = m.school;
  return (
    <section aria-labelledby="complaint" class="bow-section">
      <Heading level={2} id="complaint">
        {sc.complaintTitle}
      </Heading>
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
    </section>
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
    <section aria-labelledby="yours" class="bow-section">
      <Heading level={2} id="yours">
        {sc.yoursTitle}
      </Heading>
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
    </section>
  );
}

function AcknowledgeSection({ m, base }: { m: Messages; base: string }) {
  const sc = m.school;
  return (
    <section aria-labelledby="acknowledge" class="bow-section">
      <Heading level={2} id="acknowledge">
        {sc.acknowledgeTitle}
      </Heading>
      <P>{sc.acknowledgeText}</P>
      <form method="post" action={`${base}/ontvangst`} novalidate class="utrecht-form">
        <ButtonGroup>
          <Button>{sc.acknowledgeButton}</Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

function AnswerSection({
  m,
  base,
  today,
  o,
}: {
  m: Messages;
  base: string;
  today: IsoDate;
  o: SchoolPageState;
}) {
  const sc = m.school;
  return (
    <section aria-labelledby="answer" class="bow-section">
      <Heading level={2} id="answer">
        {sc.answerTitle}
      </Heading>
      <P>{sc.answerIntro}</P>
      <form method="post" action={`${base}/eindantwoord`} novalidate class="utrecht-form">
        <TextField
          id="answer-date"
          name="answeredOn"
          type="date"
          label={sc.answerDateLabel}
          hint={sc.answerDateHint}
          value={o.values?.answeredOn ?? today}
          error={o.byField['answer-date']}
          max={today}
          required
        />
        <TextArea
          id="answer-text"
          name="answer"
          label={sc.answerTextLabel}
          hint={sc.answerTextHint}
          value={o.values?.answer}
          error={o.byField['answer-text']}
          required
          rows={8}
        />
        <ButtonGroup>
          <Button>{sc.answerButton}</Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
