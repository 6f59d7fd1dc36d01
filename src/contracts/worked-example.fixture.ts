import type { ContractTerms } from './contracts.rules.js';

/** The contract of domain-rules.md section 4's worked example, for specs. */
export const WORKED_EXAMPLE_TERMS: ContractTerms = {
  signedOn: '2025-12-15',
  startDate: '2026-01-05',
  plannedEndDate: '2026-12-18',
  courseType: 'nt2',
  hourlyRateCents: 1299,
  plannedHours: 360,
  hoursPerWeek: 8,
};

/** The worked example as a registration body (`POST /api/contracts`), for the student given. */
export function workedExampleContract(
  schoolId: string,
  student: { name: string; email: string; language: 'nl' | 'en' },
  contractNumber: string,
) {
  return {
    schoolId,
    student,
    contractNumber,
    ...WORKED_EXAMPLE_TERMS,
    educationLevel: 'middle' as const,
    funder: 'duo_loan' as const,
  };
}
