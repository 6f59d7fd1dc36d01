import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LogCaseRead } from '../../audit/read-log.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { CaseAccessGuard } from '../../auth/case-access.guard.js';
import { Allow } from '../../auth/policy.js';
import { UsersRepository } from '../../auth/users.repository.js';
import { assigneeChoices } from '../../cases/web/case-actions.js';
import {
  actionUrl,
  mayTake,
  submitCaseAction,
  visibleCaseActions,
} from '../../cases/web/case-action-flow.js';
import { caseActionErrors, sendCasePage } from '../../cases/web/case-page.js';
import { Clock } from '../../common/clock.js';
import { consoleContext } from '../../web/console.views.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { query, redirect } from '../../web/web.http.js';
import { allowedActions, type ComplaintStatus, schoolLinkAllowed } from '../complaints.rules.js';
import { ComplaintsService } from '../complaints.service.js';
import { ObjectionsService } from '../objections.service.js';
import {
  ComplaintActionForm,
  type ComplaintPageState,
  ObjectionForm,
  SchoolLinkForm,
} from './complaint-action-forms.js';
import {
  ACTION_ORDER,
  complaintActions,
  type ComplaintPageAction,
  fieldLabels,
} from './complaint-actions.js';
import { ComplaintSections } from './complaint-case.views.js';

// A complaint's console page and one POST route per action. Each handler is named after its
// action: its @Allow is the permission the page checks before it shows the action's form.

/** The actions this user may take on a case in this status: allowed by the lifecycle and by the route. */
export function visibleActions(status: ComplaintStatus, roles: readonly string[]) {
  return visibleCaseActions(CasePagesController, ACTION_ORDER, allowedActions(status), roles);
}

type Req_ = StaffRequest;
type Reply = FastifyReply;

@ApiExcludeController()
@Controller('console/cases')
@UseFilters(PageErrorFilter)
@UseGuards(CaseAccessGuard)
export class CasePagesController {
  private readonly actions: ReturnType<typeof complaintActions>;

  constructor(
    private readonly complaints: ComplaintsService,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    objections: ObjectionsService,
  ) {
    this.actions = complaintActions(complaints, objections);
  }

  @Get(':reference')
  @Allow('case.read')
  @LogCaseRead()
  async show(@Param('reference') reference: string, @Req() req: Req_, @Res() reply: Reply): Promise<void> {
    const r = reference.toUpperCase();
    // A DigiD report has its own page; links to /console/cases/<ref> lead there.
    if (r.startsWith('D-')) return redirect(reply, `/console/digid/${r}`);
    await this.render(req, reply, r, { done: query(req).done });
  }

  // ------------------------------------------------------------------ actions (one route each, so each declares its permission)

  @Post(':reference/file-with-school')
  @Allow('case.intake')
  fileWithSchool(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'fileWithSchool');
  }

  @Post(':reference/school-answer')
  @Allow('case.intake')
  recordSchoolAnswer(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'recordSchoolAnswer');
  }

  @Post(':reference/resolved-by-school')
  @Allow('case.intake')
  resolveBySchool(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'resolveBySchool');
  }

  @Post(':reference/escalate')
  @Allow('case.intake')
  escalate(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'escalate');
  }

  @Post(':reference/acknowledge')
  @Allow('case.handle')
  acknowledge(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'acknowledge');
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

  @Post(':reference/decide')
  @Allow('case.handle')
  decide(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'decide');
  }

  @Post(':reference/arbitration')
  @Allow('case.handle')
  referToArbitration(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'referToArbitration');
  }

  @Post(':reference/arbitration-outcome')
  @Allow('case.handle')
  recordArbitrationOutcome(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'recordArbitrationOutcome');
  }

  @Post(':reference/withdraw')
  @Allow('case.handle')
  withdraw(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'withdraw');
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

  /** An objection (bezwaar) against the decision; the same permission as deciding. (2026-12) */
  @Post(':reference/objections')
  @Allow('case.handle')
  recordObjection(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'recordObjection');
  }

  @Post(':reference/objections/:objectionId/decide')
  @Allow('case.handle')
  decideObjection(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'decideObjection');
  }

  /** A new private link for the school (older ones stop working): who may handle the school stage may send it. */
  @Post(':reference/school-link')
  @Allow('case.intake')
  schoolLink(@Req() req: Req_, @Res() reply: Reply) {
    return this.act(req, reply, 'schoolLink');
  }

  private act(req: Req_, reply: Reply, action: ComplaintPageAction): Promise<void> {
    const r = String((req.params as { reference: string }).reference).toUpperCase();
    return submitCaseAction(req, reply, {
      action,
      def: this.actions[action],
      reference: r,
      today: this.clock.today(),
      explains: (code) => code in consoleContext(req).m.console.actionErrors,
      rerender: (o, status) => this.render(req, reply, r, o, status),
      done: `/console/cases/${r}?done=${action}`,
    });
  }

  // ------------------------------------------------------------------ the page

  private async render(req: Req_, reply: Reply, reference: string, o: ComplaintPageState, status = 200) {
    const c = consoleContext(req);
    const d = await this.complaints.detail(reference);
    const actions = visibleActions(d.status, c.user.roles);
    const assignees = actions.includes('assign') ? await assigneeChoices(this.users, c) : [];
    const today = this.clock.today();
    const url = (a: ComplaintPageAction) => actionUrl(CasePagesController, a, d.reference);
    const doneText =
      o.done === 'schoolLink'
        ? c.m.school.staff.done
        : o.done
          ? (c.m.console.done as Record<string, string>)[o.done]
          : undefined;
    // Objections: on a decided case, for who may decide. One open at a time. (2026-12)
    const objectionsAllowed =
      d.decidedOn !== null && mayTake(CasePagesController, 'recordObjection', c.user.roles);
    const open = d.objections.find((x) => x.decidedOn === null);
    const schoolLink =
      Boolean(d.school) &&
      schoolLinkAllowed(d.status, 'resendSchoolLink') &&
      mayTake(CasePagesController, 'schoolLink', c.user.roles);
    sendCasePage(
      req,
      reply,
      c,
      {
        title: c.m.console.case.title(d.reference),
        path: `/console/cases/${d.reference}`,
        errors: errors(c.m, o),
        doneText,
        sections: <ComplaintSections m={c.m} d={d} />,
        forms: actions.map((a) => (
          <ComplaintActionForm a={a} url={url(a)} c={c} d={d} o={o} assignees={assignees} today={today} />
        )),
        afterForms: (
          <>
            {schoolLink ? <SchoolLinkForm c={c} d={d} url={url('schoolLink')} /> : null}
            {objectionsAllowed ? (
              <ObjectionForm
                {...{ c, d, o, open, today }}
                url={open ? url('decideObjection').replace(':objectionId', open.id) : url('recordObjection')}
              />
            ) : null}
          </>
        ),
      },
      status,
    );
  }
}

function errors(m: Messages, o: ComplaintPageState) {
  return caseActionErrors(m, o, fieldLabels(m), (problem, code) => {
    const message = m.console.actionErrors[code] ?? m.console.actionErrors.other;
    const earliest = problem.extra.earliestOn;
    if (code === 'escalation_not_yet_allowed' && typeof earliest === 'string') {
      return `${message} ${m.console.actions.escalate.notYet(formatDate(earliest, m))}`;
    }
    return message;
  });
}
