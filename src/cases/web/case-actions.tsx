import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import type { UsersRepository } from '../../auth/users.repository.js';
import { Button, ButtonGroup, Checkbox, Csrf, Heading, Select, TextArea } from '../../web/components.js';
import type { ConsoleContext } from '../../web/console.views.js';
import { localize } from '../../web/forms.js';
import type { Messages } from '../../web/i18n.js';
import type { ActionFields } from './case-action-flow.js';
import type { CasePageState } from './case-page.js';

// The action forms every case type has (assign, pause, extend, add a note) and the frame of each
// action's form. The lists come from the domain's JSON schema (its pause reasons, its longest extension).

/** Whom this user may assign a case to. */
export async function assigneeChoices(users: UsersRepository, c: ConsoleContext) {
  // Jurists take cases themselves; intake and supervisors assign anyone (the service checks this too).
  if (!can(c.user.roles, 'case.override') && !c.user.roles.includes('intake')) return [c.user];
  const [jurists, supervisors] = await Promise.all([users.withRole('jurist'), users.withRole('supervisor')]);
  const all = new Map([...jurists, ...supervisors].map((u) => [u.id, u]));
  return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Nobody (empty) or a user's id. */
export const ASSIGN_FIELDS: ActionFields = {
  spec: { assigneeId: { kind: 'nullable', key: 'chooseOne' } },
  ids: { assigneeId: 'assignee' },
};
export const PAUSE_FIELDS: ActionFields = {
  spec: { reasonCode: { key: 'chooseOne' }, note: 'text' },
  ids: { reasonCode: 'reason' },
};
export const EXTEND_FIELDS: ActionFields = { spec: { weeks: { kind: 'int', key: 'weeks' }, reason: 'text' } };
export const NOTE_FIELDS: ActionFields = { spec: { text: 'text', visibleToStudent: 'checkbox' } };

/** One action's form: its heading, the CSRF token and the version the user saw, its fields and its button. */
export function CaseActionForm({
  c,
  id,
  title,
  action,
  version,
  button,
  children,
}: {
  c: ConsoleContext;
  /** The form's element id is `action-<id>`: the error summary links to it. */
  id: string;
  title: string;
  action: string;
  version: number;
  /** No button: the form cannot be sent (it says why). */
  button: { label: string; variant: 'primary' | 'secondary' | 'danger' } | null;
  children?: ComponentChildren;
}) {
  return (
    <div class="bow-action" id={`action-${id}`} tabIndex={-1}>
      <Heading level={3}>{title}</Heading>
      <form method="post" action={action} novalidate class="utrecht-form">
        <Csrf token={c.csrf} />
        <input type="hidden" name="version" value={String(version)} />
        {children}
        {button ? (
          <ButtonGroup>
            <Button variant={button.variant}>{button.label}</Button>
          </ButtonGroup>
        ) : null}
      </form>
    </div>
  );
}

/** What the user sent in this action's form (when the page shows it again), and its fields' errors. */
export interface ActionInput {
  v: (name: string) => string | undefined;
  err: (id: string) => string | undefined;
}

export function actionInput<A extends string>(m: Messages, o: CasePageState<A>, a: A): ActionInput {
  const mine = o.action === a;
  return {
    v: (name) => (mine ? o.values?.[name] : undefined),
    err: (id) => (mine && o.issues ? localize(o.issues, m, {}).byField[id] : undefined),
  };
}

/** An optional text of a few lines. */
export function NoteField(p: { id: string; name: string; label: string; m: Messages; f: ActionInput }) {
  return (
    <TextArea
      id={p.id}
      name={p.name}
      label={p.label}
      optional={p.m.common.optional}
      value={p.f.v(p.name)}
      error={p.f.err(p.id)}
      rows={3}
    />
  );
}

/** A required choice from a list, with a dash for "not chosen". */
export function ChoiceField(p: {
  id: string;
  name: string;
  label: string;
  m: Messages;
  f: ActionInput;
  options: readonly string[];
  labels: Record<string, string>;
}) {
  return (
    <Select
      id={p.id}
      name={p.name}
      label={p.label}
      value={p.f.v(p.name) ?? ''}
      options={[
        { value: '', label: p.m.common.dash },
        ...p.options.map((x) => ({ value: x, label: p.labels[x] ?? x })),
      ]}
      error={p.f.err(p.id)}
      required
    />
  );
}

export function AssignFields({
  m,
  f,
  current,
  assignees,
}: {
  m: Messages;
  f: ActionInput;
  current: string | undefined;
  assignees: { id: string; name: string }[];
}) {
  const t = m.console.actions;
  return (
    <Select
      id="assign-assignee"
      name="assigneeId"
      label={t.assign.assignee}
      value={f.v('assigneeId') ?? current ?? ''}
      options={[
        { value: '', label: t.assign.nobody },
        ...assignees.map((u) => ({ value: u.id, label: u.name })),
      ]}
      error={f.err('assign-assignee')}
    />
  );
}

/** `reasons`: the pause reasons the JSON schema takes. */
export function PauseFields({ m, f, reasons }: { m: Messages; f: ActionInput; reasons: readonly string[] }) {
  const t = m.console.actions;
  return (
    <>
      <Select
        id="pause-reason"
        name="reasonCode"
        label={t.pause.reason}
        value={f.v('reasonCode') ?? ''}
        options={[
          { value: '', label: m.common.dash },
          ...reasons.map((r) => ({ value: r, label: m.console.pauseReasons[r] ?? r })),
        ]}
        error={f.err('pause-reason')}
        required
      />
      <TextArea
        id="pause-note"
        name="note"
        label={t.pause.note}
        optional={m.common.optional}
        value={f.v('note')}
        error={f.err('pause-note')}
        rows={3}
      />
    </>
  );
}

/** `maxWeeks`: the longest extension the JSON schema takes. */
export function ExtendFields({ m, f, maxWeeks }: { m: Messages; f: ActionInput; maxWeeks: number }) {
  const t = m.console.actions;
  return (
    <>
      <Select
        id="extend-weeks"
        name="weeks"
        label={t.extend.weeks}
        value={f.v('weeks') ?? ''}
        options={[
          { value: '', label: m.common.dash },
          ...Array.from({ length: maxWeeks }, (_, i) => ({
            value: String(i + 1),
            label: String(i + 1),
          })),
        ]}
        error={f.err('extend-weeks')}
        required
      />
      <TextArea
        id="extend-reason"
        name="reason"
        label={t.extend.reason}
        value={f.v('reason')}
        error={f.err('extend-reason')}
        rows={3}
        required
      />
    </>
  );
}

export function AddNoteFields({ m, f }: { m: Messages; f: ActionInput }) {
  const t = m.console.actions;
  return (
    <>
      <TextArea
        id="addNote-text"
        name="text"
        label={t.addNote.text}
        value={f.v('text')}
        error={f.err('addNote-text')}
        rows={4}
        required
      />
      <Checkbox
        id="addNote-visible"
        name="visibleToStudent"
        label={t.addNote.visible}
        checked={f.v('visibleToStudent') === 'true'}
      />
    </>
  );
}

/** The labels of the shared forms' fields, by element id, for the error summary. */
export function caseFieldLabels(m: Messages): Record<string, string> {
  const a = m.console.actions;
  return {
    'assign-assignee': a.assign.assignee,
    'pause-reason': a.pause.reason,
    'pause-note': a.pause.note,
    'extend-weeks': a.extend.weeks,
    'extend-reason': a.extend.reason,
    'addNote-text': a.addNote.text,
  };
}
