import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { can, type Permission } from '../auth/policy.js';
import type { StaffUser } from '../auth/users.repository.js';
import { ASSET_URLS } from './assets.js';
import { Button, Csrf } from './components.js';
import type { Messages } from './i18n.js';

/** The whole document as a string: preact escapes every text and attribute value. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

function Head({ title, noindex }: { title: string; noindex?: boolean }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
      <title>{title}</title>
      <link rel="icon" href="data:," />
      {ASSET_URLS.styles.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
    </head>
  );
}

/** The link to the same page in the other language (`?lang=xx`, remembered in a cookie). */
export function switchLanguageHref(url: string, lang: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  for (const k of ['done', 'error']) u.searchParams.delete(k);
  return `${u.pathname}${u.search}`;
}

export interface PublicLayoutProps {
  m: Messages;
  title: string;
  /** The current request URL, for the language switch. */
  url: string;
  children: ComponentChildren;
  hasErrors?: boolean;
  noindex?: boolean;
}

/** Public pages (students): header with the language switch on every page, footer with contact. */
export function PublicLayout({ m, title, url, children, hasErrors, noindex }: PublicLayoutProps) {
  const other = m.common.otherLanguageCode;
  return (
    <html lang={m.lang} class="utrecht-theme">
      <Head
        title={`${hasErrors ? m.common.errorTitlePrefix : ''}${title} – ${m.common.siteName}`}
        noindex={noindex}
      />
      <body class="utrecht-document utrecht-document--surface bow-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {m.common.skipLink}
        </a>
        <header class="utrecht-page-header bow-header">
          <div class="bow-header__content">
            <a class="bow-logo" href="/">
              <span class="bow-logo__name">{m.common.bodyName}</span>
              <span class="bow-logo__sub">{m.common.siteName}</span>
            </a>
            <nav class="bow-lang" aria-label={m.common.languageNav}>
              <a
                class="utrecht-link utrecht-link--html-a bow-lang__link"
                href={switchLanguageHref(url, other)}
                lang={other}
                hrefLang={other}
              >
                {m.common.otherLanguage}
              </a>
            </nav>
          </div>
        </header>
        <main id="main" class="bow-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="utrecht-page-footer bow-footer">
          <div class="bow-footer__content">
            <p class="utrecht-paragraph">{m.common.footerText}</p>
            <p class="utrecht-paragraph">{m.common.footerPhone}</p>
            <ul class="bow-footer__links">
              <li>
                <a class="utrecht-link utrecht-link--html-a" href="/">
                  {m.common.homeLink}
                </a>
              </li>
              <li>
                <a class="utrecht-link utrecht-link--html-a" href="/contact">
                  {m.common.contactLink}
                </a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

export type ConsoleSection =
  | 'start'
  | 'cases'
  | 'schools'
  | 'contracts'
  | 'refunds'
  | 'export'
  | 'reads'
  | 'users'
  | 'calendar'
  | 'emails'
  | 'account';

const NAV: { key: ConsoleSection; href: string; permission: Permission }[] = [
  { key: 'start', href: '/console', permission: 'session.self' },
  { key: 'cases', href: '/console/cases', permission: 'case.read' },
  { key: 'schools', href: '/console/schools', permission: 'school.read' },
  { key: 'contracts', href: '/console/contracts', permission: 'contract.read' },
  { key: 'refunds', href: '/console/refunds', permission: 'refund.export' },
  { key: 'export', href: '/console/privacy/export', permission: 'data.export' },
  { key: 'reads', href: '/console/admin/reads', permission: 'audit.read' },
  { key: 'users', href: '/console/admin/users', permission: 'user.admin' },
  { key: 'calendar', href: '/console/admin/calendar', permission: 'calendar.admin' },
  { key: 'emails', href: '/console/admin/emails', permission: 'email.resend' },
  { key: 'account', href: '/console/account', permission: 'session.self' },
];

export interface ConsoleLayoutProps {
  m: Messages;
  title: string;
  /** Absent on the sign-in page. */
  user?: StaffUser;
  csrf?: string;
  section?: ConsoleSection;
  children: ComponentChildren;
  hasErrors?: boolean;
  /** Where the language form returns to. */
  url?: string;
}

/** Staff console pages: the menu shows only what the user's roles allow. */
export function ConsoleLayout({
  m,
  title,
  user,
  csrf,
  section,
  children,
  hasErrors,
  url,
}: ConsoleLayoutProps) {
  return (
    <html lang={m.lang} class="utrecht-theme">
      <Head
        title={`${hasErrors ? m.common.errorTitlePrefix : ''}${title} – ${m.common.consoleName}`}
        noindex
      />
      <body class="utrecht-document utrecht-document--surface bow-body bow-console">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {m.common.skipLink}
        </a>
        <header class="utrecht-page-header bow-header">
          <div class="bow-header__content">
            <a class="bow-logo" href="/console">
              <span class="bow-logo__name">{m.common.bodyName}</span>
              <span class="bow-logo__sub">{m.common.consoleName}</span>
            </a>
            <ConsoleUserBar m={m} user={user} csrf={csrf} url={url} />
          </div>
          {user ? (
            <nav class="bow-nav" aria-label={m.common.mainNav}>
              <ul class="bow-nav__list">
                {NAV.filter((n) => can(user.roles, n.permission)).map((n) => (
                  <li class="bow-nav__item">
                    <a
                      class="bow-nav__link"
                      href={n.href}
                      aria-current={n.key === section ? 'page' : undefined}
                    >
                      {m.console.nav[n.key]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="bow-main bow-main--wide" tabIndex={-1}>
          {children}
        </main>
        <footer class="utrecht-page-footer bow-footer">
          <div class="bow-footer__content">
            <p class="utrecht-paragraph">{m.common.footerText}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Who is signed in, with the language switch and sign-out; before sign-in only the language link. */
function ConsoleUserBar({ m, user, csrf, url }: Pick<ConsoleLayoutProps, 'm' | 'user' | 'csrf' | 'url'>) {
  return user && csrf ? (
    <div class="bow-user">
      <span class="bow-user__name">{m.console.signedInAs(user.name)}</span>
      <form method="post" action="/console/language" class="bow-inline-form">
        <Csrf token={csrf} />
        <input type="hidden" name="language" value={m.common.otherLanguageCode} />
        <input type="hidden" name="returnTo" value={url ?? '/console'} />
        <Button variant="subtle">
          <span lang={m.common.otherLanguageCode}>{m.console.switchLanguage}</span>
        </Button>
      </form>
      <form method="post" action="/console/logout" class="bow-inline-form">
        <Csrf token={csrf} />
        <Button variant="secondary">{m.console.signOut}</Button>
      </form>
    </div>
  ) : (
    <nav class="bow-lang" aria-label={m.common.languageNav}>
      <a
        class="utrecht-link utrecht-link--html-a bow-lang__link"
        href={switchLanguageHref(url ?? '/console/login', m.common.otherLanguageCode)}
        lang={m.common.otherLanguageCode}
        hrefLang={m.common.otherLanguageCode}
      >
        {m.common.otherLanguage}
      </a>
    </nav>
  );
}
