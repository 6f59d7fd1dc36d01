import { callerOf } from '../audit/actors.js';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { LogCaseRead } from '../audit/read-log.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { CaseAccessGuard } from '../auth/case-access.guard.js';
import { Allow, Public } from '../auth/policy.js';
import { CaseActionRoute, ifMatchVersion, referenceOf, staffIntake } from '../cases/case-routes.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { jsonSchema, ZodPipe } from '../common/validation.js';
import {
  assignBody,
  decideBody,
  digidListQuery,
  emptyBody,
  extendBody,
  linkContractBody,
  noteBody,
  pauseBody,
  publicDigidReportBody,
  referBody,
  reopenAsSchoolBody,
  staffDigidReportBody,
  startInvestigationBody,
} from './digid-reports.dto.js';
import { referralAdvice } from './digid-reports.rules.js';
import { DigidReportsService } from './digid-reports.service.js';

const ref = referenceOf(/^D-\d{4}-\d{6}$/);
const version = ifMatchVersion;
const actor = callerOf;

/** The public form's route, fixed in api-contract.md. */
@ApiTags('public')
@Controller('api/public')
@Public()
@UseGuards(RateLimitGuard)
export class PublicDigidReportsController {
  constructor(private readonly reports: DigidReportsService) {}

  @Post('digid-reports')
  @ApiOperation({
    summary:
      'Report misuse of DigiD; 422 credentials_in_text (naming description) when the text looks like it holds a password or SMS code. Someone other than the school: 201 with status `referred`, `triageDueOn: null` and `referral` (where to go now)',
  })
  @ApiBody({ schema: jsonSchema(publicDigidReportBody) })
  async file(@Body(new ZodPipe(publicDigidReportBody)) body: z.infer<typeof publicDigidReportBody>) {
    const r = await this.reports.create(body, { channel: 'web', actor: { type: 'student' } });
    return {
      reference: r.reference,
      status: r.status,
      triageDueOn: r.triageDueOn,
      ...(r.status === 'referred' ? { referral: referralAdvice(body.student.language) } : {}),
    };
  }
}

@ApiTags('digid-reports')
@Controller('api/digid-reports')
@UseGuards(CaseAccessGuard)
export class DigidReportsController {
  constructor(private readonly reports: DigidReportsService) {}

  @Get()
  @Allow('case.read')
  @ApiOperation({
    summary:
      'DigiD reports by status, school, assignee, deadline window and text; sorted by deadline; keyset pages',
  })
  list(@Query(new ZodPipe(digidListQuery)) q: z.infer<typeof digidListQuery>, @Req() req: StaffRequest) {
    return this.reports.list(q, req.staff!.user);
  }

  @Post()
  @Allow('case.create')
  @ApiOperation({ summary: 'Record a DigiD report received by phone, email or letter' })
  @ApiBody({ schema: jsonSchema(staffDigidReportBody) })
  async create(
    @Body(new ZodPipe(staffDigidReportBody)) body: z.infer<typeof staffDigidReportBody>,
    @Req() req: StaffRequest,
  ) {
    return this.reports.create(...staffIntake(body, req));
  }

  @Get(':reference')
  @Allow('case.read')
  @LogCaseRead()
  @ApiOperation({
    summary: 'The report with its invoices, deadlines (and their explanation), timeline and emails',
  })
  detail(@Param('reference') reference: string) {
    return this.reports.detail(ref(reference));
  }

  @CaseActionRoute('start-investigation', startInvestigationBody)
  @Allow('case.handle')
  @ApiOperation({
    summary:
      'Triage done: a jurist investigates (6 weeks); `schoolId` names the school when the report did not',
  })
  startInvestigation(
    @Param('reference') r: string,
    @Body(new ZodPipe(startInvestigationBody)) b: z.infer<typeof startInvestigationBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.startInvestigation(ref(r), b.schoolId, actor(req), version(im));
  }

  @CaseActionRoute('refer', referBody)
  @Allow('case.intake')
  @ApiOperation({
    summary:
      'Someone other than the school: refer to the DigiD operator (Logius); the student is told; the case closes',
  })
  refer(
    @Param('reference') r: string,
    @Body(new ZodPipe(referBody)) b: z.infer<typeof referBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.refer(ref(r), b.note, actor(req), version(im));
  }

  @CaseActionRoute('reopen-as-school', reopenAsSchoolBody)
  @Allow('case.intake')
  @ApiOperation({
    summary:
      'A referred report that is about a school after all: back to triage as a report about `schoolId`, with the triage deadline from today; `reason` goes on the timeline (internal)',
  })
  reopenAsSchool(
    @Param('reference') r: string,
    @Body(new ZodPipe(reopenAsSchoolBody)) b: z.infer<typeof reopenAsSchoolBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.reopenAsSchool(ref(r), b.schoolId, b.reason, actor(req), version(im));
  }

  @CaseActionRoute('assign', assignBody)
  @Allow('case.assign')
  assign(
    @Param('reference') r: string,
    @Body(new ZodPipe(assignBody)) b: z.infer<typeof assignBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.assign(ref(r), b.assigneeId, actor(req), version(im));
  }

  @CaseActionRoute('pause', pauseBody)
  @Allow('case.handle')
  pause(
    @Param('reference') r: string,
    @Body(new ZodPipe(pauseBody)) b: z.infer<typeof pauseBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.pause(ref(r), b.reasonCode, b.note, actor(req), version(im));
  }

  @CaseActionRoute('resume', emptyBody)
  @Allow('case.handle')
  resume(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.resume(ref(r), actor(req), version(im));
  }

  @CaseActionRoute('extend', extendBody)
  @Allow('case.handle')
  extend(
    @Param('reference') r: string,
    @Body(new ZodPipe(extendBody)) b: z.infer<typeof extendBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.extend(ref(r), b.weeks, b.reason, actor(req), version(im));
  }

  @CaseActionRoute('link-contract', linkContractBody)
  @Allow('case.handle')
  @ApiOperation({
    summary:
      "Link the student's contract (same school); the listed invoices that match (date + amount) become disputed on it",
  })
  linkContract(
    @Param('reference') r: string,
    @Body(new ZodPipe(linkContractBody)) b: z.infer<typeof linkContractBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.linkContract(ref(r), b.contractId, actor(req), version(im));
  }

  @CaseActionRoute('decide', decideBody)
  @Allow('case.handle')
  @ApiOperation({
    summary:
      'Confirmed (with a recommendation on the quality mark: warning, suspension, withdrawal) or not confirmed',
  })
  decide(
    @Param('reference') r: string,
    @Body(new ZodPipe(decideBody)) b: z.infer<typeof decideBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.decide(ref(r), b.outcome, b.summary, b.recommendation, actor(req), version(im));
  }

  @CaseActionRoute('close', emptyBody)
  @Allow('case.handle')
  close(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.close(ref(r), actor(req), version(im));
  }

  @Post(':reference/notes')
  @Allow('case.note')
  @HttpCode(201)
  @ApiBody({ schema: jsonSchema(noteBody) })
  note(
    @Param('reference') r: string,
    @Body(new ZodPipe(noteBody)) b: z.infer<typeof noteBody>,
    @Req() req: StaffRequest,
  ) {
    return this.reports.addNote(ref(r), b.text, b.visibleToStudent ?? false, actor(req));
  }
}
