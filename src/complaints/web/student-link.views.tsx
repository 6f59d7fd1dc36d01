import { ErrorSummary, type FieldError, Heading, Notice, P, TextField } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import type { Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { PostForm } from './public-parts.js';

export interface LinkPageState {
  /** The request was taken: the page says an email follows if reference and address match. */
  done?: boolean;
  /** Shown for a private link that opens nothing: the way to a new one. */
  invalid?: boolean;
  errors?: FieldError[];
  byField?: Record<string, string>;
  values?: FormValues;
}

/** "Send me a new link" (`/link`): the case's reference and the student's email address. */
export function LinkPage({ m, url, o }: { m: Messages; url: string; o: LinkPageState }) {
  const l = m.linkPage;
  const title = o.invalid ? l.invalidLinkTitle : l.title;
  return (
    <PublicLayout
      m={m}
      title={title}
      url={o.invalid ? '/link' : url}
      hasErrors={Boolean(o.errors?.length)}
      noindex={o.invalid}
    >
      <Heading level={1}>{title}</Heading>
      {o.invalid ? <Notice kind="warning">{l.invalidLinkText}</Notice> : null}
      {o.done ? <Notice title={m.common.noticeTitle}>{l.done}</Notice> : null}
      <ErrorSummary m={m} errors={o.errors} />
      <P>{l.intro}</P>
      <PostForm action="/link" button={l.button}>
        <TextField
          id="reference"
          label={l.referenceLabel}
          hint={l.referenceHint}
          value={o.values?.reference}
          error={o.byField?.reference}
          required
          autocomplete="off"
        />
        <TextField
          id="link-email"
          name="email"
          type="email"
          label={l.emailLabel}
          value={o.values?.email}
          error={o.byField?.['link-email']}
          required
          autocomplete="email"
          spellcheck={false}
        />
      </PostForm>
    </PublicLayout>
  );
}
