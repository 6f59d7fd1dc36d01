import { describe, expect, it } from '@jest/globals';
import { h } from 'preact';
import { STATUSES } from '../complaints/complaints.rules.js';
import { formatDate, formatDateTime, messages } from './i18n.js';
import { renderDocument, switchLanguageHref } from './layout.js';
import { en } from './messages/en.js';
import { nl } from './messages/nl.js';
import { isPagePath } from './security-headers.js';
import { isLocalPath } from './web.http.js';

describe('web helpers', () => {
  it('writes dates in words in both languages', () => {
    expect(formatDate('2026-04-28', messages('nl'))).toBe('28 april 2026');
    expect(formatDate('2026-04-28', messages('en'))).toBe('28 April 2026');
    expect(formatDate(null, nl)).toBe('–');
    // 23:30 UTC on 31 March is already 1 April in Amsterdam (summer time).
    expect(formatDateTime(new Date('2026-03-31T23:30:00Z'), en)).toBe('1 April 2026 01:30');
  });

  it('has the same message keys in Dutch and English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    for (const s of STATUSES) {
      expect(nl.student.status[s]).toBeTruthy();
      expect(nl.console.statuses[s]).toBeTruthy();
    }
  });

  it('escapes text when rendering (no raw HTML from data)', () => {
    const html = renderDocument(h('p', null, '<script>alert(1)</script>'));
    expect(html).toBe('<!doctype html><p>&lt;script>alert(1)&lt;/script></p>');
  });

  it('redirects only to local paths and sends security headers on pages only', () => {
    expect(isLocalPath('/console/cases')).toBe(true);
    expect(isLocalPath('//evil.example')).toBe(false);
    expect(isLocalPath('https://evil.example')).toBe(false);
    expect(isPagePath('/c/abc')).toBe(true);
    expect(isPagePath('/api/complaints')).toBe(false);
    expect(isPagePath('/health/ready')).toBe(false);
    expect(switchLanguageHref('/klacht?q=a&lang=nl&done=1', 'en')).toBe('/klacht?q=a&lang=en');
  });
});
