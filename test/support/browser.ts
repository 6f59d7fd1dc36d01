import { PASSWORD } from './harness.js';
import { secondFactor } from './http.js';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

/**
 * Debian's Chromium driven by playwright-core (no downloaded browser), headless. chromium.launch
 * gives every launch a fresh temporary profile (user-data-dir) of its own and removes it on close
 * (it refuses a --user-data-dir argument). One browser per test file; each test its own context.
 */
export class TestBrowser {
  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<TestBrowser> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return new TestBrowser(browser);
  }

  /** A fresh context (own cookies) at the given size; every dialog (alert) is recorded, never shown. */
  async context(
    baseURL: string,
    viewport = DESKTOP,
  ): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
    const context = await this.browser.newContext({ baseURL, viewport, locale: 'nl-NL' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return { context, page, dialogs };
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined',
  );
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in through the console's sign-in page, with the authenticator code when the user has one. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/console/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  const factor = await secondFactor(email);
  if (factor) await page.fill('#totp', 'totp' in factor ? factor.totp : factor.recoveryCode);
  await page.click('form[action="/console/login"] button[type=submit]');
  await page.waitForURL(/\/console$/);
}
