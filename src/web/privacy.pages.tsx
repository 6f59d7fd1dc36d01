import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow, can } from '../auth/policy.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/clock.js';
import { PrivacyService } from '../privacy/privacy.service.js';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  Select,
  Table,
  TextField,
} from './components.js';
import { consoleContext, sendConsolePage } from './console.views.js';
import { isUuid } from './forms.js';
import { formatDateTime } from './i18n.js';
import { PageErrorFilter } from './page-errors.js';
import { query } from './web.http.js';

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const REFERENCE = /^[A-Za-z]{1,3}-\d{4}-\d{6}$/;

/**
 * The console's privacy pages: a student's data export (what is found, then the download from
 * the API, which records it in the audit log) and the staff read log. The same service as
 * `GET /api/privacy/students/export` and `GET /api/privacy/reads`, with the same permissions.
 */
@ApiExcludeController()
@Controller('console')
@UseFilters(PageErrorFilter)
export class PrivacyPagesController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  @Get('privacy/export')
  @Allow('data.export')
  async exportPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.privacy.export;
    const email = (query(req).email ?? '').trim().slice(0, 320);
    const errors: FieldError[] =
      email && !EMAIL.test(email)
        ? [{ field: 'email', message: `${t.email}: ${c.m.fieldErrors.email}` }]
        : [];
    // What an export would hold, to check it is the right person; the download itself is recorded.
    const found =
      email && !errors.length ? await this.privacy.exportData(email, this.clock.today(), null) : null;
    if (found?.cases.length) {
      await this.privacy.logLookup(
        c.user.id,
        found.cases.map((x: { reference: string }) => x.reference),
        '/console/privacy/export',
      );
    }
    const href = (format: string) =>
      `/api/privacy/students/export?${new URLSearchParams({ email, format }).toString()}`;
    sendConsolePage(
      req,
      reply,
      c,
      t.title,
      'export',
      <>
        <Heading level={1}>{t.title}</Heading>
        <ErrorSummary m={c.m} errors={errors} />
        <P>{t.intro}</P>
        <form
          method="get"
          action="/console/privacy/export"
          class="utrecht-form"
          role="search"
          aria-label={t.title}
        >
          <TextField
            id="email"
            type="email"
            label={t.email}
            value={email}
            error={errors[0]?.message}
            required
          />
          <ButtonGroup>
            <Button>{t.search}</Button>
          </ButtonGroup>
        </form>
        {found ? (
          found.cases.length || found.contracts.length ? (
            <section aria-labelledby="found">
              <Heading level={2} id="found">
                {t.found(found.cases.length, found.contracts.length)}
              </Heading>
              {found.cases.length ? (
                <Table
                  caption={t.cases}
                  head={[c.m.console.list.reference, c.m.console.list.subject, c.m.console.list.status]}
                  rows={found.cases.map((x: { reference: string; subject: string; status: string }) => [
                    x.reference,
                    <span class="bow-case-subject">{x.subject}</span>,
                    c.m.console.statuses[x.status] ?? x.status,
                  ])}
                />
              ) : null}
              {found.contracts.length ? (
                <Table
                  caption={t.contracts}
                  head={[c.m.contracts.list.number, c.m.contracts.list.school, c.m.contracts.list.status]}
                  rows={found.contracts.map(
                    (x: { contractNumber: string; school: string; status: string }) => [
                      x.contractNumber,
                      x.school,
                      c.m.contracts.statuses[x.status] ?? x.status,
                    ],
                  )}
                />
              ) : null}
              <Notice kind="info">{t.checkFirst}</Notice>
              <ul class="utrecht-unordered-list bow-link-list">
                <li class="utrecht-unordered-list__item">
                  <Link href={href('html')}>{t.downloadHtml}</Link>
                </li>
                <li class="utrecht-unordered-list__item">
                  <Link href={href('json')}>{t.downloadJson}</Link>
                </li>
              </ul>
            </section>
          ) : (
            <P>{t.none}</P>
          )
        ) : null}
      </>,
      errors.length ? 422 : 200,
    );
  }

  @Get('admin/reads')
  @Allow('audit.read')
  async readsPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.privacy.reads;
    const q = query(req);
    const reference = REFERENCE.test((q.reference ?? '').trim()) ? q.reference!.trim().toUpperCase() : '';
    const userId = isUuid(q.userId) ? q.userId : '';
    const [items, users] = await Promise.all([
      this.privacy.reads({ reference: reference || undefined, userId: userId || undefined, limit: 200 }),
      this.users.list(),
    ]);
    sendConsolePage(
      req,
      reply,
      c,
      t.title,
      'reads',
      <>
        <Heading level={1}>{t.title}</Heading>
        <P>{t.intro}</P>
        <form
          method="get"
          action="/console/admin/reads"
          class="utrecht-form"
          role="search"
          aria-label={t.title}
        >
          <TextField
            id="reference"
            label={t.reference}
            value={reference || (q.reference ?? '').slice(0, 40)}
          />
          <Select
            id="userId"
            label={t.user}
            value={userId}
            options={[{ value: '', label: t.anyone }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          />
          <ButtonGroup>
            <Button variant="secondary">{t.filter}</Button>
          </ButtonGroup>
        </form>
        {items.length ? (
          <Table
            caption={t.title}
            hideCaption
            head={[t.at, t.user, t.case, t.route]}
            rows={items.map((r) => [
              formatDateTime(r.at, c.m),
              r.userName,
              can(c.user.roles, 'case.read') ? (
                <Link href={`/console/cases/${r.reference}`}>{r.reference}</Link>
              ) : (
                r.reference
              ),
              <code>{r.route}</code>,
            ])}
          />
        ) : (
          <P>{t.none}</P>
        )}
      </>,
    );
  }
}
