import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow, can } from '../../auth/policy.js';
import { UsersRepository } from '../../auth/users.repository.js';
import { Clock } from '../../common/clock.js';
import { P } from '../../web/components.js';
import { consoleContext, PageTitle, sendConsolePage } from '../../web/console.views.js';
import { parseForm } from '../../web/form-flow.js';
import { localize } from '../../web/forms.js';
import { Pages } from '../../web/pages.decorator.js';
import { parseFilters } from '../../web/query-filters.js';
import { query } from '../../web/web.http.js';
import { exportQuery, readsQuery } from '../privacy.dto.js';
import { PrivacyService } from '../privacy.service.js';
import { ExportFound, ExportSearch, ReadsView } from './privacy.views.js';

const exportSearch = exportQuery.pick({ email: true });
const readsFilters = readsQuery.pick({ reference: true, userId: true });

/**
 * The console's privacy pages: a student's data export (what is found, then the download from
 * the API, which records it in the audit log) and the staff read log. The same service and query
 * schemas as `GET /api/privacy/students/export` and `GET /api/privacy/reads`, the same permissions.
 */
@Pages('console')
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
    const email = (query(req).email ?? '').trim();
    const parsed = email ? parseForm(exportSearch, { email }, { email: 'text' }) : null;
    const { summary, byField } = localize(parsed?.ok === false ? parsed.issues : [], c.m, { email: t.email });
    // What an export would hold, to check it is the right person; the download itself is recorded.
    const found = parsed?.ok
      ? await this.privacy.exportData(parsed.value.email, this.clock.today(), null)
      : null;
    if (found?.cases.length) {
      const references = found.cases.map((x: { reference: string }) => x.reference);
      await this.privacy.logLookup(c.user.id, references, '/console/privacy/export');
    }
    const body = (
      <>
        <PageTitle m={c.m} title={t.title} errors={summary} />
        <P>{t.intro}</P>
        <ExportSearch c={c} email={email} error={byField.email} />
        {found ? <ExportFound c={c} email={email} found={found} /> : null}
      </>
    );
    sendConsolePage(req, reply, c, t.title, 'export', body, summary.length ? 422 : 200);
  }

  @Get('admin/reads')
  @Allow('audit.read')
  async readsPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.privacy.reads;
    const q = query(req);
    const spec = { reference: 'text', userId: { key: 'chooseOne' } } as const;
    const { filters, issues } = parseFilters(readsFilters, q, spec);
    const [items, users] = await Promise.all([
      this.privacy.reads({ ...filters, limit: 200 }),
      this.users.list(),
    ]);
    const { summary } = localize(issues, c.m, { reference: t.reference, userId: t.user });
    const body = (
      <ReadsView
        c={c}
        reference={filters.reference ?? q.reference ?? ''}
        userId={filters.userId ?? ''}
        users={users}
        items={items}
        canReadCases={can(c.user.roles, 'case.read')}
        errors={summary}
      />
    );
    sendConsolePage(req, reply, c, t.title, 'reads', body, 200, summary.length > 0);
  }
}
