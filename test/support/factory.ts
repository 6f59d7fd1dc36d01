import { Client } from './http.js';

let n = 0;

/** One-line helpers that make what a test needs through the real API. */
export async function createSchool(
  staff: Client,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string; complaintsEmail: string }> {
  n += 1;
  const r = await staff.post('/api/schools', {
    name: `Taalschool ${n}`,
    city: 'Utrecht',
    complaintsEmail: `klachten${n}@school.test`,
    qualityMark: 'keurmerk',
    complaintsRegulationUrl: 'https://school.test/klachtenregeling',
    ...overrides,
  });
  if (r.status !== 201) throw new Error(`school not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function fileComplaint(
  baseUrl: string,
  schoolId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ reference: string; status: string; schoolDeadline: string | null; email: string }> {
  n += 1;
  const email = `student${n}-${Date.now()}@student.test`;
  const body = {
    student: { name: `Student ${n}`, email, language: 'en' },
    schoolId,
    subject: 'Lessons cancelled',
    description: 'My school cancelled many lessons and did not answer my questions.',
    ...overrides,
  };
  const r = await new Client(baseUrl).post('/api/public/complaints', body);
  if (r.status !== 201) throw new Error(`complaint not filed: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...r.body, email: (body.student as { email: string }).email };
}
