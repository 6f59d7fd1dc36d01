import { auditActor, callerOf } from '../audit/actors.js';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { LogCaseRead } from '../audit/read-log.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { CaseAccessGuard } from '../auth/case-access.guard.js';
import { Allow, Public } from '../auth/policy.js';
import { badRequest, caseNotFound } from '../common/problem.js';
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

const REFERENCE = /^D-\d{4}-\d{6}$/;

function ref(reference: string): string {
  const r = reference.toUpperCase();
  if (!REFERENCE.test(r)) throw caseNotFound();
  return r;
}

/** Optional optimistic locking: If-Match carries the version the client last read. */
function version(ifMatch?: string): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m)
    throw badRequest('If-Match must be the version number of the case', [
      { field: 'If-Match', message: 'not a version' },
    ]);
  return Number(m[1]);
}

const actor = callerOf;
const IfMatch = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'the case version last read; 409 when it changed',
});

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
    const { channel, receivedOn, ...rest } = body;
    const u = req.staff!.user;
    return this.reports.create(rest, {
      channel,
      receivedOn,
      actor: auditActor(u),
    });
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

  @Post(':reference/start-investigation')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiOperation({
    summary:
      'Triage done: a jurist investigates (6 weeks); `schoolId` names the school when the report did not',
  })
  @ApiBody({ schema: jsonSchema(startInvestigationBody) })
  startInvestigation(
    @Param('reference') r: string,
    @Body(new ZodPipe(startInvestigationBody)) b: z.infer<typeof startInvestigationBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.startInvestigation(ref(r), b.schoolId, actor(req), version(im));
  }

  @Post(':reference/refer')
  @Allow('case.intake')
  @HttpCode(200)
  @IfMatch
  @ApiOperation({
    summary:
      'Someone other than the school: refer to the DigiD operator (Logius); the student is told; the case closes',
  })
  @ApiBody({ schema: jsonSchema(referBody) })
  refer(
    @Param('reference') r: string,
    @Body(new ZodPipe(referBody)) b: z.infer<typeof referBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.refer(ref(r), b.note, actor(req), version(im));
  }

  @Post(':reference/reopen-as-school')
  @Allow('case.intake')
  @HttpCode(200)
  @IfMatch
  @ApiOperation({
    summary:
      'A referred report that is about a school after all: back to triage as a report about `schoolId`, with the triage deadline from today; `reason` goes on the timeline (internal)',
  })
  @ApiBody({ schema: jsonSchema(reopenAsSchoolBody) })
  reopenAsSchool(
    @Param('reference') r: string,
    @Body(new ZodPipe(reopenAsSchoolBody)) b: z.infer<typeof reopenAsSchoolBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.reopenAsSchool(ref(r), b.schoolId, b.reason, actor(req), version(im));
  }

  @Post(':reference/assign')
  @Allow('case.assign')
  @HttpCode(200)
  @IfMatch
  @ApiBody({ schema: jsonSchema(assignBody) })
  assign(
    @Param('reference') r: string,
    @Body(new ZodPipe(assignBody)) b: z.infer<typeof assignBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.assign(ref(r), b.assigneeId, actor(req), version(im));
  }

  @Post(':reference/pause')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiBody({ schema: jsonSchema(pauseBody) })
  pause(
    @Param('reference') r: string,
    @Body(new ZodPipe(pauseBody)) b: z.infer<typeof pauseBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.pause(ref(r), b.reasonCode, b.note, actor(req), version(im));
  }

  @Post(':reference/resume')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiBody({ schema: jsonSchema(emptyBody) })
  resume(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.resume(ref(r), actor(req), version(im));
  }

  @Post(':reference/extend')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiBody({ schema: jsonSchema(extendBody) })
  extend(
    @Param('reference') r: string,
    @Body(new ZodPipe(extendBody)) b: z.infer<typeof extendBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.extend(ref(r), b.weeks, b.reason, actor(req), version(im));
  }

  @Post(':reference/link-contract')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiOperation({
    summary:
      "Link the student's contract (same school); the listed invoices that match (date + amount) become disputed on it",
  })
  @ApiBody({ schema: jsonSchema(linkContractBody) })
  linkContract(
    @Param('reference') r: string,
    @Body(new ZodPipe(linkContractBody)) b: z.infer<typeof linkContractBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.linkContract(ref(r), b.contractId, actor(req), version(im));
  }

  @Post(':reference/decide')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiOperation({
    summary:
      'Confirmed (with a recommendation on the quality mark: warning, suspension, withdrawal) or not confirmed',
  })
  @ApiBody({ schema: jsonSchema(decideBody) })
  decide(
    @Param('reference') r: string,
    @Body(new ZodPipe(decideBody)) b: z.infer<typeof decideBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return this.reports.decide(ref(r), b.outcome, b.summary, b.recommendation, actor(req), version(im));
  }

  @Post(':reference/close')
  @Allow('case.handle')
  @HttpCode(200)
  @IfMatch
  @ApiBody({ schema: jsonSchema(emptyBody) })
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
