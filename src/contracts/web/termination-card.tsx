import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import { DataList, errorFor, Heading, Hidden, Link, P, StatusBadge } from '../../web/components.js';
import { TextField } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { allowedTerminationActions, isWeighty, type TerminationStatus } from '../terminations.rules.js';
import type { ContractView, DetailState, TerminationView } from './contract-detail.data.js';
import type { TerminationWithQuote } from './contract-detail.data.js';
import { FileInput, PostForm } from './parts.js';
import { QuoteOrProblem } from './quote-calculator.js';

/** What the card of one termination needs besides the termination. */
export interface CardContext {
  m: Messages;
  roles: readonly string[];
  csrf: string;
  x: ContractView;
  payer: string;
  state: DetailState;
}

/** The facts of a termination: status, dates, where it came from, the texts and the evidence. */
function TerminationFacts({ m, x, t }: { m: Messages; x: ContractView; t: TerminationView }) {
  const ct = m.contracts;
  const tt = ct.termination;
  const optional = (
    label: string,
    value: ComponentChildren | null | undefined,
  ): [string, ComponentChildren][] => (value ? [[label, value]] : []);
  return (
    <DataList
      items={[
        [
          tt.status,
          <StatusBadge
            kind={t.status === 'rejected' ? 'neutral' : t.status === 'effective' ? 'success' : 'active'}
          >
            {ct.terminationStatuses[t.status] ?? t.status}
          </StatusBadge>,
        ],
        [tt.requestedOn, formatDate(t.requestedOn, m)],
        [tt.source, ct.sources[t.source] ?? t.source],
        ...optional(tt.effectiveDate, t.effectiveDate && formatDate(t.effectiveDate, m)),
        ...optional(
          tt.complaint,
          t.complaintReference && (
            <Link href={`/console/cases/${t.complaintReference}`}>{t.complaintReference}</Link>
          ),
        ),
        ...optional(tt.justification, t.justification),
        ...optional(tt.note, t.note),
        ...optional(tt.decision, t.decisionReason),
        [
          tt.evidence,
          t.evidence.length ? (
            <ul class="utrecht-unordered-list">
              {t.evidence.map((e) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={`/api/contracts/${x.id}/terminations/${t.id}/evidence/${e.id}`}>
                    {e.fileName}
                  </Link>{' '}
                  ({Math.ceil(e.sizeBytes / 1024)} KiB)
                </li>
              ))}
            </ul>
          ) : isWeighty(t.ground) ? (
            tt.evidenceNeeded
          ) : (
            tt.evidenceNone
          ),
        ],
      ]}
    />
  );
}

/** The evidence upload: one file, checked by its content (PDF, PNG or JPEG). */
function EvidenceUpload({ c, t }: { c: CardContext; t: TerminationView }) {
  const tt = c.m.contracts.termination;
  const id = `t-${t.id}-file`;
  return (
    <PostForm
      action={`/console/contracts/${c.x.id}/terminations/${t.id}/evidence`}
      csrf={c.csrf}
      button={tt.uploadButton}
      variant="secondary"
      multipart
    >
      <FileInput
        id={id}
        name="file"
        label={tt.upload}
        accept="application/pdf,image/png,image/jpeg"
        error={errorFor(c.state.errors, id)}
      />
    </PostForm>
  );
}

/** The supervisor's decisions: approve, make effective (with the quote on the screen), reject. */
function Decisions({ c, w }: { c: CardContext; w: TerminationWithQuote }) {
  const { t, quote } = w;
  const tt = c.m.contracts.termination;
  const anchor = `t-${t.id}`;
  const actions = allowedTerminationActions(t.status as TerminationStatus);
  const action = (what: string) => `/console/contracts/${c.x.id}/terminations/${t.id}/${what}`;
  const reason = (id: string) => ({
    id,
    name: 'reason',
    value: c.state.form === anchor ? c.state.values?.reason : '',
    error: errorFor(c.state.errors, id),
  });
  const effective = errorFor(c.state.errors, `${anchor}-effective`);
  if (!can(c.roles, 'termination.decide')) return null;
  return (
    <>
      {actions.includes('approve') ? (
        <PostForm action={action('approve')} csrf={c.csrf} button={tt.approve}>
          <TextField {...reason(`${anchor}-approve`)} label={tt.approveReason} />
        </PostForm>
      ) : null}
      {actions.includes('makeEffective') ? (
        <PostForm action={action('make-effective')} csrf={c.csrf} button={tt.makeEffective}>
          {quote ? <Hidden name="feesDueCents" value={String(quote.feesDueCents)} /> : null}
          {quote ? <Hidden name="refundToLoanCents" value={String(quote.refundToLoanCents)} /> : null}
          <P>{tt.makeEffectiveHint}</P>
          <div id={`${anchor}-effective`} tabIndex={-1}>
            {effective ? <p class="utrecht-form-field-error-message">{effective}</p> : null}
          </div>
        </PostForm>
      ) : null}
      {actions.includes('reject') ? (
        <PostForm action={action('reject')} csrf={c.csrf} button={tt.reject} variant="danger">
          <TextField {...reason(`${anchor}-reason`)} label={tt.rejectReason} required />
        </PostForm>
      ) : null}
    </>
  );
}

/** One termination: its facts, its quote, and what the reader may do with it now. */
export function TerminationCard({ c, w }: { c: CardContext; w: TerminationWithQuote }) {
  const { t } = w;
  const ct = c.m.contracts;
  const anchor = `t-${t.id}`;
  const upload =
    allowedTerminationActions(t.status as TerminationStatus).includes('uploadEvidence') &&
    can(c.roles, 'contract.write') &&
    c.x.status === 'active';
  return (
    <article class="bow-termination" id={anchor} aria-labelledby={`${anchor}-title`}>
      <Heading level={3} id={`${anchor}-title`}>
        {ct.termination.title(ct.grounds[t.ground] ?? t.ground)}
      </Heading>
      <TerminationFacts m={c.m} x={c.x} t={t} />
      <QuoteOrProblem
        m={c.m}
        title={w.final ? ct.termination.finalQuote : ct.termination.currentQuote}
        result={w}
        payer={c.payer}
      />
      {upload ? <EvidenceUpload c={c} t={t} /> : null}
      <Decisions c={c} w={w} />
    </article>
  );
}
