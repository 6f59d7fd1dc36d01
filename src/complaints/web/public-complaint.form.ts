import { z } from 'zod';
import type { IsoDate } from '../../common/dates.js';
import type { FormSpec, FormValues } from '../../web/form-flow.js';
import type { Lang } from '../../web/i18n.js';
import { publicComplaintBody } from '../complaints.dto.js';
import { addFormIssue, dateOutside } from './public-forms.js';

// The public complaint form in five steps, each parsed with its part of the JSON API's schema
// (`publicComplaintBody`); the last step sends the whole body through the same schema.

export const STEPS = 5;

const answer = z.string().default('');

/**
 * What the student has answered so far, as typed; carried from step to step in hidden fields (no
 * JavaScript, no server state). Anything else in the body is left out.
 */
const draft = z.object({
  schoolId: answer,
  q: answer,
  subject: answer,
  description: answer,
  filed: answer,
  filedWithSchoolOn: answer,
  schoolFinalAnswerOn: answer,
  desiredOutcome: answer,
  name: answer,
  email: answer,
  phone: answer,
});
export type Draft = z.output<typeof draft>;
export type DraftField = keyof Draft;
export const DRAFT_FIELDS = draft.keyof().options;

export function draftFrom(body: FormValues): Draft {
  return draft.parse(body);
}

/** The fields each step shows; the others travel along hidden. */
export const STEP_FIELDS: Record<number, readonly DraftField[]> = {
  1: ['schoolId', 'q'],
  2: ['subject', 'description'],
  3: ['filed', 'filedWithSchoolOn', 'schoolFinalAnswerOn'],
  4: ['desiredOutcome', 'name', 'email', 'phone'],
  5: [],
};

/** Where each form field goes in the JSON body (`name` → `student.name`). */
const SPEC = {
  schoolId: { key: 'school' },
  subject: 'text',
  description: 'text',
  filed: { key: 'chooseOne' },
  filedWithSchoolOn: 'text',
  schoolFinalAnswerOn: 'text',
  needsHelpFiling: 'checkbox',
  desiredOutcome: 'text',
  name: { path: 'student.name' },
  email: { path: 'student.email' },
  phone: { path: 'student.phone', key: 'phone' },
  language: { path: 'student.language' },
} satisfies FormSpec;

function specOf(...names: (keyof typeof SPEC)[]): FormSpec {
  return Object.fromEntries(names.map((n) => [n, SPEC[n]]));
}

/** The whole form as the JSON body's fields: the dates only when the student complained to the school. */
export const COMPLAINT_SPEC = specOf(
  'schoolId',
  'subject',
  'description',
  'filedWithSchoolOn',
  'schoolFinalAnswerOn',
  'needsHelpFiling',
  'desiredOutcome',
  'name',
  'email',
  'phone',
  'language',
);

/** The draft as form values for the schema: the page's language, and "not yet filed" as needsHelpFiling. */
export function complaintValues(d: Draft, lang: Lang): FormValues {
  const filed = d.filed === 'yes';
  return {
    ...d,
    filedWithSchoolOn: filed ? d.filedWithSchoolOn : '',
    schoolFinalAnswerOn: filed ? d.schoolFinalAnswerOn : '',
    needsHelpFiling: d.filed === 'no' ? 'true' : '',
    language: lang,
  };
}

/**
 * Step 3: did the student complain to the school first, and when. The service checks the same
 * dates again when the complaint is sent; here they are asked before the student goes on.
 */
function schoolStageStep(today: IsoDate) {
  return publicComplaintBody
    .pick({ filedWithSchoolOn: true, schoolFinalAnswerOn: true })
    .extend({ filed: z.enum(['yes', 'no']) })
    .superRefine((v, ctx) => {
      if (v.filed !== 'yes') return;
      const filedOn = v.filedWithSchoolOn;
      if (!filedOn) addFormIssue(ctx, 'required', ['filedWithSchoolOn']);
      const filedProblem = dateOutside(filedOn, today, undefined, 'dateFuture');
      if (filedProblem) addFormIssue(ctx, filedProblem, ['filedWithSchoolOn']);
      const answerProblem = dateOutside(v.schoolFinalAnswerOn, today, filedOn, 'dateBeforeFiled');
      if (answerProblem) addFormIssue(ctx, answerProblem, ['schoolFinalAnswerOn']);
    });
}

/** The schema and the form fields of steps 1 to 4. */
export function stepForm(step: number, today: IsoDate): { schema: z.ZodType; spec: FormSpec } {
  switch (step) {
    case 1:
      return { schema: publicComplaintBody.pick({ schoolId: true }), spec: specOf('schoolId') };
    case 2:
      return {
        schema: publicComplaintBody.pick({ subject: true, description: true }),
        spec: specOf('subject', 'description'),
      };
    case 3:
      return {
        schema: schoolStageStep(today),
        spec: specOf('filed', 'filedWithSchoolOn', 'schoolFinalAnswerOn'),
      };
    default:
      return {
        schema: publicComplaintBody.pick({ student: true, desiredOutcome: true }),
        spec: specOf('desiredOutcome', 'name', 'email', 'phone', 'language'),
      };
  }
}

/** The step that asks a field: where the form goes back to when the service refuses it. */
export function stepOf(field: string): number {
  const step = Object.entries(STEP_FIELDS).find(([, fields]) => fields.some((f) => f === field));
  return step ? Number(step[0]) : 1;
}
