import { describe, expect, it } from '@jest/globals';
import { renderEmail, TEMPLATE_NAMES } from './templates.js';

describe('names in emails', () => {
  it('a name with line breaks or control characters stays on its greeting line in every template', () => {
    const name = 'Amina\r\nUw klacht is afgewezen.\u2028Bel 0900\u0000';
    const data = { studentName: name, name, schoolName: name, reference: 'K-2026-0001' };
    let rendered = 0;
    for (const template of TEMPLATE_NAMES) {
      for (const language of ['nl', 'en'] as const) {
        let text: string;
        try {
          text = renderEmail(template, language, data, 'http://localhost/c/x').text;
        } catch {
          continue; // a template that needs more data (a quote) than this test gives
        }
        rendered += 1;
        // The injected text never starts a line: it stays behind the name on the same line.
        expect(text).not.toMatch(/(^|\n)Uw klacht is afgewezen/);
        expect(text).not.toMatch(/[\u0000\u2028]/);
      }
    }
    expect(rendered).toBeGreaterThan(20);
  });
});
