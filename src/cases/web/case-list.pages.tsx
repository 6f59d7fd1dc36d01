import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Viewer } from '../../auth/access.rules.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { UsersRepository } from '../../auth/users.repository.js';
import { Clock } from '../../common/clock.js';
import { ProblemError } from '../../common/problem.js';
import { CasesRepository, type ListItem } from '../cases.repository.js';
import { SchoolsService } from '../../schools/schools.service.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import { localize } from '../../web/forms.js';
import { Pages } from '../../web/pages.decorator.js';
import { query } from '../../web/web.http.js';
import { caseListCsv } from './case-list.csv.js';
import { caseListFilters, type ListFilters } from './case-list.filters.js';
import { CaseListView } from './case-list.views.js';

const PAGE_SIZE = 50;
const CSV_PAGE_SIZE = 1000;
const CSV_MAX_ROWS = 100_000;

/** The console's list of every case (complaints and DigiD reports): filters, keyset pages, CSV. */
@Pages('console')
export class CaseListPagesController {
  constructor(
    private readonly cases: CasesRepository,
    private readonly schools: SchoolsService,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  @Get('cases')
  @Allow('case.read')
  async list(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const l = c.m.console.list;
    const typed = query(req);
    const parsed = caseListFilters(typed);
    const { filters, issues } = parsed;
    let badCursor = parsed.badCursor;
    let result: { items: ListItem[]; nextCursor: string | null };
    try {
      result = await this.cases.list({ ...filters, limit: PAGE_SIZE }, c.user);
    } catch (e) {
      // A cursor that decodes to nothing the list knows: the first page, with a notice.
      if (!(e instanceof ProblemError) || e.status !== 400) throw e;
      badCursor = true;
      result = await this.cases.list({ ...filters, cursor: undefined, limit: PAGE_SIZE }, c.user);
    }
    const [schools, assignees] = await Promise.all([
      this.schools.search(undefined, 200),
      this.assignableUsers(),
    ]);
    const form = localize(issues, c.m, {
      type: l.type,
      status: l.status,
      schoolId: l.school,
      assigneeId: l.assignee,
      dueFrom: l.dueFrom,
      dueTo: l.dueTo,
      q: l.search,
    });
    const body = (
      <CaseListView
        m={c.m}
        today={this.clock.today()}
        filters={filters}
        typed={typed}
        form={form}
        badCursor={badCursor}
        result={result}
        choices={{ schools, assignees }}
      />
    );
    sendConsolePage(req, reply, c, l.title, 'cases', body, 200, form.summary.length > 0);
  }

  /** The filtered list as CSV, walking the keyset pages. */
  @Get('cases.csv')
  @Allow('case.read')
  async exportCsv(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const { filters } = caseListFilters(query(req));
    const rows = await this.allRows(filters, c.user);
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="zaken-${this.clock.today()}.csv"`)
      .header('cache-control', 'no-store')
      .send(caseListCsv(rows, c.m));
  }

  private async allRows(filters: ListFilters, viewer: Viewer): Promise<ListItem[]> {
    const rows: ListItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({ ...filters, cursor, limit: CSV_PAGE_SIZE }, viewer);
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < CSV_MAX_ROWS);
    return rows;
  }

  /** Who a case can be assigned to: jurists and supervisors, by name. */
  private async assignableUsers() {
    const [jurists, supervisors] = await Promise.all([
      this.users.withRole('jurist'),
      this.users.withRole('supervisor'),
    ]);
    const all = new Map([...jurists, ...supervisors].map((u) => [u.id, u]));
    return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
