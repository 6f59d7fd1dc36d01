import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import type { UsersRepository } from '../../auth/users.repository.js';
import { Button, ButtonGroup, Checkbox, Csrf, Heading, Select, TextArea } from '../../web/components.js';
import type { ConsoleContext } from '../../web/console.views.js';
import { localize } from '../../web/forms.js';
import type { Messages } from '../../web/i18n.js';
import type { z } from 'zod';
import type { Caller } from '../../audit/actors.js';
import { type ActionFields, caseAction, plainAction } from './case-action-flow.js';
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
const ASSIGN_FIELDS: ActionFields = {
  spec: { assigneeId: { kind: 'nullable', key: 'chooseOne' } },
  ids: { assigneeId: 'assignee' },
};
const PAUSE_FIELDS: ActionFields = {
  spec: { reasonCode: { key: 'chooseOne' }, note: 'text' },
  ids: { reasonCode: 'reason' },
};
const EXTEND_FIELDS: ActionFields = { spec: { weeks: { kind: 'int', key: 'weeks' }, reason: 'text' } };
export const NOTE_FIELDS: ActionFields = { spec: { text: 'text', visibleToStudent: 'checkbox' } };

/** The service methods every case type has, with the same arguments. */
interface CaseService {
  assign(reference: string, assigneeId: string | null, caller: Caller, version?: number): Promise<unknown>;
  pause(
    reference: string,
    reason: string,
    note: string | undefined,
    caller: Caller,
    version?: number,
  ): Promise<unknown>;
  resume(reference: string, caller: Caller, version?: number): Promise<unknown>;
  extend(
    reference: string,
    weeks: number,
    reason: string,
    caller: Caller,
    version?: number,
  ): Promise<unknown>;
  close(reference: string, caller: Caller, version?: number): Promise<unknown>;
}

/** The schemas of those actions' JSON routes: each case type's dto exports them under these names. */
interface CaseSchemas {
  assignBody: z.ZodType<{ assigneeId: string | null }>;
  pauseBody: z.ZodType<{ reasonCode: string; note?: string }>;
  extendBody: z.ZodType<{ weeks: number; reason: string }>;
  emptyBody: z.ZodType;
}

/** The actions every case type has, parsed with the case type's own schemas and run by its service. */
export function sharedCaseActions(svc: CaseService, dto: CaseSchemas) {
  return {
    assign: caseAction(dto.assignBody, ASSIGN_FIELDS, (b, x) =>
      svc.assign(x.reference, b.assigneeId, x.caller, x.version),
    ),
    pause: caseAction(dto.pauseBody, PAUSE_FIELDS, (b, x) =>
      svc.pause(x.reference, b.reasonCode, b.note, x.caller, x.version),
    ),
    resume: plainAction(dto.emptyBody, (x) => svc.resume(x.reference, x.caller, x.version)),
    extend: caseAction(dto.extendBody, EXTEND_FIELDS, (b, x) =>
      svc.extend(x.reference, b.weeks, b.reason, x.caller, x.version),
    ),
    close: plainAction(dto.emptyBody, (x) => svc.close(x.reference, x.caller, x.version)),
  };
}

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
  m: Messages;
  /** The action whose form this is: its fields' element ids begin with it. */
  action: string;
  v: (name: string) => string | undefined;
  err: (id: string) => string | undefined;
}

export function actionInput<A extends string>(m: Messages, o: CasePageState<A>, a: A): ActionInput {
  const mine = o.action === a;
  return {
    m,
    action: a,
    v: (name) => (mine ? o.values?.[name] : undefined),
    err: (id) => (mine && o.issues ? localize(o.issues, m, {}).byField[id] : undefined),
  };
}

interface FieldProps {
  /** The element id: `<action>-<field>`. */
  id: string;
  name: string;
  label: string;
  m: Messages;
  f: ActionInput;
}

/** A text of a few lines; `optional` when it may stay empty. */
function TextBox(p: FieldProps & { optional?: boolean; rows?: number }) {
  return (
    <TextArea
      id={p.id}
      name={p.name}
      label={p.label}
      optional={p.optional ? p.m.common.optional : undefined}
      value={p.f.v(p.name)}
      error={p.f.err(p.id)}
      rows={p.rows ?? 3}
      required={!p.optional}
    />
  );
}

/** A text of a few lines as one call: the field `name` of this action's form (element id `<action>-<name>`). */
export function textBox(
  f: ActionInput,
  name: string,
  label: string,
  more: { optional?: boolean; rows?: number } = {},
) {
  return <TextBox id={`${f.action}-${name}`} name={name} label={label} m={f.m} f={f} {...more} />;
}

/** A choice from a list, with a first option for "not chosen" (a dash unless `none` says otherwise). */
export function ChoiceField(
  p: FieldProps & {
    options: readonly string[];
    labels?: Record<string, string>;
    hint?: string;
    /** The first option's text; an optional choice has one. */
    none?: string;
    current?: string;
  },
) {
  return (
    <Select
      id={p.id}
      name={p.name}
      label={p.label}
      hint={p.hint}
      value={p.f.v(p.name) ?? p.current ?? ''}
      options={[
        { value: '', label: p.none ?? p.m.common.dash },
        ...p.options.map((x) => ({ value: x, label: p.labels?.[x] ?? x })),
      ]}
      error={p.f.err(p.id)}
      required={p.none === undefined}
    />
  );
}

/**
 * A choice as one call: the field `name` of this action's form, with the element id
 * `<action>-<id>` (`id` is the name unless given).
 */
export function choice(
  f: ActionInput,
  name: string,
  label: string,
  options: readonly string[],
  more: { labels?: Record<string, string>; hint?: string; none?: string; current?: string; id?: string } = {},
) {
  const { id, ...rest } = more;
  return (
    <ChoiceField
      id={`${f.action}-${id ?? name}`}
      name={name}
      label={label}
      m={f.m}
      f={f}
      options={options}
      {...rest}
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
  const t = m.console.actions.assign;
  const ids = assignees.map((u) => u.id);
  const labels = Object.fromEntries(assignees.map((u) => [u.id, u.name]));
  return choice(f, 'assigneeId', t.assignee, ids, { labels, none: t.nobody, current, id: 'assignee' });
}

/** `reasons`: the pause reasons the JSON schema takes. */
export function PauseFields({ m, f, reasons }: { m: Messages; f: ActionInput; reasons: readonly string[] }) {
  const t = m.console.actions.pause;
  return (
    <>
      {choice(f, 'reasonCode', t.reason, reasons, { labels: m.console.pauseReasons, id: 'reason' })}
      {textBox(f, 'note', t.note, { optional: true })}
    </>
  );
}

/** `maxWeeks`: the longest extension the JSON schema takes. */
export function ExtendFields({ m, f, maxWeeks }: { m: Messages; f: ActionInput; maxWeeks: number }) {
  const t = m.console.actions.extend;
  const weeks = Array.from({ length: maxWeeks }, (_, i) => String(i + 1));
  return (
    <>
      {choice(f, 'weeks', t.weeks, weeks)}
      {textBox(f, 'reason', t.reason)}
    </>
  );
}

export function AddNoteFields({ m, f }: { m: Messages; f: ActionInput }) {
  const t = m.console.actions.addNote;
  return (
    <>
      {textBox(f, 'text', t.text, { rows: 4 })}
      <Checkbox
        id="addNote-visible"
        name="visibleToStudent"
        label={t.visible}
        checked={f.v('visibleToStudent') === 'true'}
      />
    </>
  );
}

/** Some of a texts object's entries: the labels of fields named as in the texts. */
export function pick<T extends Record<string, unknown>, K extends keyof T & string>(texts: T, ...keys: K[]) {
  return Object.fromEntries(keys.map((k) => [k, texts[k]])) as Record<K, T[K]>;
}

/**
 * The labels of the forms' fields by element id (`<action>-<field>`), for the error summary:
 * the shared forms' and the case type's own (`own[action][field]`).
 */
export function caseFieldLabels(
  m: Messages,
  own: Record<string, Record<string, string>>,
): Record<string, string> {
  const a = m.console.actions;
  const all: Record<string, Record<string, string>> = {
    assign: { assignee: a.assign.assignee },
    pause: pick(a.pause, 'reason', 'note'),
    extend: pick(a.extend, 'weeks', 'reason'),
    addNote: { text: a.addNote.text },
    ...own,
  };
  return Object.fromEntries(
    Object.entries(all).flatMap(([action, labels]) =>
      Object.entries(labels).map(([field, label]) => [`${action}-${field}`, label]),
    ),
  );
}

/** Every action's fields get the page's texts, the case, and what the user sent in that form. */
export interface ActionFieldsProps<D> {
  m: Messages;
  d: D;
  f: ActionInput;
}

/** One action's form with its fields from the case type's list (`fields[a]`); `url` is its route. */
export function ActionFormOf<A extends string, D extends { version: number }, P>(p: {
  a: A;
  url: string;
  c: ConsoleContext;
  d: D;
  o: CasePageState<A>;
  texts: { title: string; button: string };
  variant: 'primary' | 'secondary' | 'danger';
  /** The form cannot be sent (its fields say why): no button. */
  disabled?: boolean;
  fields: Record<A, (props: ActionFieldsProps<D> & P) => ComponentChildren>;
  props: P;
}) {
  const fields = p.fields[p.a]({ ...p.props, m: p.c.m, d: p.d, f: actionInput(p.c.m, p.o, p.a) });
  return (
    <CaseActionForm
      c={p.c}
      id={p.a}
      title={p.texts.title}
      action={p.url}
      version={p.d.version}
      button={p.disabled ? null : { label: p.texts.button, variant: p.variant }}
    >
      {fields}
    </CaseActionForm>
  );
}
