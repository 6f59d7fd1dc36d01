import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LogCaseRead } from '../../audit/read-log.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { CaseAccessGuard } from '../../auth/case-access.guard.js';
import { Allow } from '../../auth/policy.js';
import { UsersRepository } from '../../auth/users.repository.js';
import { assigneeChoices } from '../../cases/web/case-actions.js';
import { actionUrl, submitCaseAction, visibleCaseActions } from '../../cases/web/case-action-flow.js';
import { caseActionErrors, sendCasePage } from '../../cases/web/case-page.js';
import { Clock } from '../../common/clock.js';
import { ContractsService } from '../../contracts/contracts.service.js';
import { SchoolsService } from '../../schools/schools.service.js';
import { consoleContext } from '../../web/console.views.js';
import type { Messages } from '../../web/i18n.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { query } from '../../web/web.http.js';
import { allowedDigidActions, type DigidAction } from '../digid-reports.rules.js';
import { DigidReportsService } from '../digid-reports.service.js';
import { type Detail, DigidActionForm, type DigidPageState } from './digid-report-action-forms.js';
import { ACTION_ORDER, digidActions, fieldLabels } from './digid-report-actions.js';
import { DigidSections } from './digid-report.views.js';

// A DigiD report's console page and one POST route per action. Each handler is named after its
// action: its @Allow is the permission the page checks before it shows the action's form.

/** The actions this user may take on a report in this status: allowed by the lifecycle and by the route. */
export function visibleDigidActions(status: string, roles: readonly string[]): DigidAction[] {
  return visibleCaseActions(DigidCasePagesController, ACTION_ORDER, allowedDigidActions(status), roles);
}

type Req_ = StaffRequest;
type Reply = FastifyReply;

@ApiExcludeController()
@Controller('console/digid')
@UseFilters(PageErrorFilter)
@UseGuards(CaseAccessGuard)
export class DigidCasePagesController {
  private readonly actions: ReturnType<typeof digidActions>;

  constructor(
    private readonly reports: DigidReportsService,
    private readonly users: UsersRepository,
    private readonly schools: SchoolsService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {
    this.actions = digidActions(reports);
  }

  @Get(':reference')
  @Allow('case.read')
  @LogCaseRead()
  async show(@Param('reference') reference: string, @Req() req: Req_, @Res() reply: Reply): Promise<void> {
    await this.render(req, reply, reference.toUpperCase(), { done: query(req).done });
  }

  @Post(':reference/start-investigation')
  @Allow('case.handle')
  startInvestigation(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'startInvestigation');
  }

  @Post(':reference/refer')
  @Allow('case.intake')
  refer(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'refer');
  }

  @Post(':reference/reopen-as-school')
  @Allow('case.intake')
  reopenAsSchool(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'reopenAsSchool');
  }

  @Post(':reference/assign')
  @Allow('case.assign')
  assign(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'assign');
  }

  @Post(':reference/pause')
  @Allow('case.handle')
  pause(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'pause');
  }

  @Post(':reference/resume')
  @Allow('case.handle')
  resume(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'resume');
  }

  @Post(':reference/extend')
  @Allow('case.handle')
  extend(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'extend');
  }

  @Post(':reference/link-contract')
  @Allow('case.handle')
  linkContract(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'linkContract');
  }

  @Post(':reference/decide')
  @Allow('case.handle')
  decide(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'decide');
  }

  @Post(':reference/close')
  @Allow('case.handle')
  close(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'close');
  }

  @Post(':reference/notes')
  @Allow('case.note')
  addNote(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'addNote');
  }

  private act(req: Req_, reply: Reply, action: DigidAction): Promise<void> {
    const r = String((req.params as { reference: string }).reference).toUpperCase();
    const m = consoleContext(req).m;
    return submitCaseAction(req, reply, {
      action,
      def: this.actions[action],
      reference: r,
      today: this.clock.today(),
      explains: (code) => code in m.digid.console.actionErrors || code in m.console.actionErrors,
      rerender: (o, status) => this.render(req, reply, r, o, status),
      done: `/console/digid/${r}?done=${action}`,
    });
  }

  private async render(req: Req_, reply: Reply, reference: string, o: DigidPageState, status = 200) {
    const c = consoleContext(req);
    const d = await this.reports.detail(reference);
    const actions = visibleDigidActions(d.status, c.user.roles);
    const [assignees, contracts, schools] = await this.choices(c, d, actions);
    const dm = c.m.digid.console;
    sendCasePage(
      req,
      reply,
      c,
      {
        title: dm.title(d.reference),
        path: `/console/digid/${d.reference}`,
        errors: errors(c.m, o),
        doneText: o.done ? (dm.done[o.done] ?? c.m.console.done[o.done]) : undefined,
        sections: <DigidSections m={c.m} d={d} />,
        forms: actions.map((a) => (
          <DigidActionForm
            a={a}
            url={actionUrl(DigidCasePagesController, a, d.reference)}
            c={c}
            d={d}
            o={o}
            assignees={assignees}
            contracts={contracts}
            schools={schools}
          />
        )),
      },
      status,
    );
  }

  /** What the shown forms offer to choose from: assignees, the school's contracts, schools. */
  private choices(c: ReturnType<typeof consoleContext>, d: Detail, actions: DigidAction[]) {
    return Promise.all([
      actions.includes('assign') ? assigneeChoices(this.users, c) : Promise.resolve([]),
      actions.includes('linkContract') && d.school
        ? this.schoolContracts(d.school.id, d.student.email)
        : Promise.resolve([]),
      (actions.includes('startInvestigation') && !d.school) || actions.includes('reopenAsSchool')
        ? this.schools.search(undefined, 200)
        : Promise.resolve([]),
    ]);
  }

  /** The school's contracts, the student's own (by email) first. */
  private async schoolContracts(schoolId: string, studentEmail: string) {
    const [own, all] = await Promise.all([
      this.contracts.list({ schoolId, studentEmail, limit: 20 }),
      this.contracts.list({ schoolId, limit: 200 }),
    ]);
    const seen = new Set(own.items.map((k) => k.id));
    return [...own.items, ...all.items.filter((k) => !seen.has(k.id))];
  }
}

function errors(m: Messages, o: DigidPageState) {
  return caseActionErrors(
    m,
    o,
    fieldLabels(m),
    (_problem, code) =>
      m.digid.console.actionErrors[code] ?? m.console.actionErrors[code] ?? m.console.actionErrors.other,
  );
}
