import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow, can } from '../../auth/policy.js';
import { notFound } from '../../common/problem.js';
// The school page shows what contracts and DigiD reports hold about the school (see the report on #13).
import { DigidReportsService } from '../../digid-reports/digid-reports.service.js';
import { QualityMarkDone, SchoolContractLinks } from '../../contracts/web/register.views.js';
import { DigidReportsOfSchool } from '../../digid-reports/web/school-reports.section.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import { isUuid, localize } from '../../web/forms.js';
import { Pages } from '../../web/pages.decorator.js';
import { parseFilters } from '../../web/query-filters.js';
import { query } from '../../web/web.http.js';
import { listSchoolsQuery } from '../schools.dto.js';
import { SchoolsService } from '../schools.service.js';
import { SchoolDetailView, SchoolListView } from './schools.views.js';

const searchQuery = listSchoolsQuery.pick({ q: true });

/** The console's schools: the list (search by name or city) and one school with its quality-mark history. */
@Pages('console/schools')
export class SchoolsPagesController {
  constructor(
    private readonly schools: SchoolsService,
    private readonly digid: DigidReportsService,
  ) {}

  @Get()
  @Allow('school.read')
  async schoolList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const s = c.m.console.schools;
    const q = query(req);
    const { filters, issues } = parseFilters(searchQuery, q, { q: 'text' });
    const items = await this.schools.search(filters.q, 200);
    const { summary } = localize(issues, c.m, { q: s.search });
    const body = <SchoolListView m={c.m} q={filters.q ?? q.q ?? ''} items={items} errors={summary} />;
    sendConsolePage(req, reply, c, s.title, 'schools', body, 200, summary.length > 0);
  }

  @Get(':id')
  @Allow('school.read')
  async schoolDetail(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUuid(id)) throw notFound('School');
    const c = consoleContext(req);
    const readsCases = can(c.user.roles, 'case.read');
    const [school, history, digidReports] = await Promise.all([
      this.schools.get(id),
      this.schools.history(id),
      readsCases ? this.digid.forSchool(id, c.user) : null,
    ]);
    sendConsolePage(
      req,
      reply,
      c,
      school.name,
      'schools',
      <SchoolDetailView
        m={c.m}
        school={school}
        history={history}
        showCases={readsCases}
        notice={<QualityMarkDone m={c.m} q={query(req)} />}
        links={<SchoolContractLinks m={c.m} roles={c.user.roles} schoolId={school.id} />}
        sections={digidReports ? <DigidReportsOfSchool m={c.m} items={digidReports} /> : null}
      />,
    );
  }
}
