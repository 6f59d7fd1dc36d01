import { describe, expect, it } from '@jest/globals';
import { redactPath } from './redact.js';

describe('redactPath', () => {
  it('hides private link tokens in paths', () => {
    const token = 'a'.repeat(43);
    expect(redactPath(`/c/${token}/informatie`)).toBe('/c/[token]/informatie');
    expect(redactPath(`/school/${token}`)).toBe('/school/[token]');
  });

  it('hides the values of personal query parameters and anything that looks like an address', () => {
    expect(redactPath('/console/privacy/export?email=amira%40student.test')).toBe(
      '/console/privacy/export?email=[redacted]',
    );
    expect(redactPath('/console/contracts?schoolId=6f1c&studentEmail=a@b.nl&status=active')).toBe(
      '/console/contracts?schoolId=6f1c&studentEmail=[redacted]&status=active',
    );
    expect(redactPath('/console/cases?q=Fatima+Zahra&status=intake')).toBe(
      '/console/cases?q=[redacted]&status=intake',
    );
    expect(redactPath('/api/contracts?contractNumber=DB-1')).toBe('/api/contracts?contractNumber=[redacted]');
    expect(redactPath('/x?next=%2Fconsole&who=x%40y.z')).toBe('/x?next=%2Fconsole&who=[redacted]');
    expect(redactPath('/console/admin/reads?reference=K-2026-000001')).toBe(
      '/console/admin/reads?reference=K-2026-000001',
    );
    expect(redactPath('/health/ready')).toBe('/health/ready');
  });
});
