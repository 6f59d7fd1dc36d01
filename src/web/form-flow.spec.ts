import { z } from 'zod';
import { unprocessable } from '../common/problem.js';
import { isoDate, personName, text } from '../common/validation.js';
import { formInput, parseForm, problemIssues, type FormSpec } from './form-flow.js';

const schema = z
  .object({
    student: z.object({ name: personName(20), email: z.email().max(320) }).strict(),
    schoolId: z.uuid(),
    subject: text(10),
    filedOn: isoDate.optional(),
    weeks: z.number().int().min(1).max(4),
    urgent: z.boolean().optional(),
    assigneeId: z.uuid().nullable(),
    kind: z.enum(['a', 'b']),
  })
  .strict();

const spec: FormSpec = {
  name: { path: 'student.name' },
  email: { path: 'student.email' },
  schoolId: { key: 'school' },
  subject: 'text',
  filedOn: 'text',
  weeks: { kind: 'int', key: 'weeks' },
  urgent: 'checkbox',
  assigneeId: 'nullable',
  kind: 'text',
};

const good = {
  name: ' Amal ',
  email: 'amal@example.nl',
  schoolId: '3f1c2a9e-5b7d-4c1e-9a2b-1c3d4e5f6a7b',
  subject: 'Lessen',
  filedOn: '',
  weeks: '2',
  urgent: 'true',
  assigneeId: '',
  kind: 'a',
  _csrf: 'token',
};

describe('the form flow', () => {
  it('turns form strings into the JSON body: paths, checkboxes, numbers, null, empty left out', () => {
    expect(formInput(good, spec)).toEqual({
      student: { name: ' Amal ', email: 'amal@example.nl' },
      schoolId: good.schoolId,
      subject: 'Lessen',
      weeks: 2,
      urgent: true,
      assigneeId: null,
      kind: 'a',
    });
  });

  it('parses a good form with the same schema as the JSON API', () => {
    const r = parseForm(schema, good, spec);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ student: { name: 'Amal', email: 'amal@example.nl' } }),
    });
  });

  it('maps every kind of problem to a message key on the form field', () => {
    const r = parseForm(
      schema,
      {
        name: 'A\u2028B',
        email: 'not-an-address',
        schoolId: 'x',
        subject: 'much too long a subject',
        filedOn: '2026-02-30',
        weeks: 'seven',
        kind: 'c',
      },
      spec,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([
      { field: 'name', key: 'invalid' },
      { field: 'email', key: 'email' },
      { field: 'schoolId', key: 'school' },
      { field: 'subject', key: 'tooLong' },
      { field: 'filedOn', key: 'date' },
      { field: 'weeks', key: 'weeks' },
      { field: 'kind', key: 'chooseOne' },
    ]);
  });

  it('says "required" for what is missing or only spaces', () => {
    const r = parseForm(schema, { ...good, name: '   ', subject: '' }, spec);
    expect(!r.ok && r.issues).toEqual([
      { field: 'name', key: 'required' },
      { field: 'subject', key: 'required' },
    ]);
  });

  it('fails loudly when the schema names a field the form does not send (a page bug)', () => {
    const { kind: _kind, ...partial } = spec;
    expect(() => parseForm(schema, good, partial)).toThrow(/does not send: kind/);
  });

  it("puts the service's field errors on the form's fields, in the page's keys", () => {
    const problem = unprocessable('no', 'invalid_complaint', [
      { field: 'filedOn', message: 'cannot be in the future' },
      { field: 'schoolId', message: 'no school with this id' },
    ]);
    expect(problemIssues(problem, spec)).toEqual([
      { field: 'filedOn', key: 'dateFuture' },
      { field: 'schoolId', key: 'school' },
    ]);
    // About something the form does not ask: the page shows the problem as a whole.
    expect(problemIssues(unprocessable('no', 'x', [{ field: 'other', message: 'm' }]), spec)).toBeUndefined();
    expect(problemIssues(unprocessable('no', 'x'), spec)).toBeUndefined();
  });
});
