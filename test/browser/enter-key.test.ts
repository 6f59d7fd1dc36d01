import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PHONE, TestBrowser } from '../support/browser.js';
import { Harness, startHarness } from '../support/harness.js';

/**
 * Pressing Enter in a public form sends it (or goes to the next step), as people expect; it does
 * not press the school search that stands first in the form. Each form starts with a hidden
 * default button (DefaultSubmit) that sends no `go`, so the handler takes its main action and an
 * empty form answers with its error summary.
 */
let h: Harness;
let b: TestBrowser;

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

describe('Enter in a public form', () => {
  it.each([
    ['/terminate', '#contractNumber'],
    ['/digid', '#noticedOn'],
    ['/klacht', 'input[type=search], input[type=text]'],
  ])('on %s sends the form instead of searching', async (path, field) => {
    const { context, page } = await b.context(h.baseUrl, PHONE);
    await page.goto(`${path}?lang=en`);
    await page.locator(field).first().focus();
    const [posted] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST'),
      page.waitForNavigation(),
      page.keyboard.press('Enter'),
    ]);
    // The hidden default button sends no `go`: not the search's go=search.
    expect(posted.postData() ?? '').not.toMatch(/name="go"|(^|&)go=/);
    // The form's own checks ran (an error summary), which a school search never shows.
    expect(await page.locator('#error-summary').count()).toBe(1);
    // The hidden default button is not there for anyone to see or reach.
    expect(await page.locator('button[hidden]').first().isVisible()).toBe(false);
    await context.close();
  });
});
