import { auditActor, callerOf } from '../audit/actors.js';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { LogCaseRead } from '../audit/read-log.js';
import { CaseAccessGuard } from '../auth/case-access.guard.js';
import { Allow } from '../auth/policy.js';
import { CaseActionRoute, ifMatchVersion, referenceOf, staffIntake } from '../cases/case-routes.js';
import { jsonSchema, ZodPipe } from '../common/validation.js';
import {
  arbitrationBody,
  arbitrationOutcomeBody,
  assignBody,
  decideBody,
  decideObjectionBody,
  objectionBody,
  emptyBody,
  escalateBody,
  extendBody,
  fileWithSchoolBody,
  listQuery,
  noteBody,
  pauseBody,
  schoolAnswerBody,
  staffComplaintBody,
  withdrawBody,
} from './complaints.dto.js';
import { ComplaintsService, present } from './complaints.service.js';
import { ObjectionsService } from './objections.service.js';

const ref = referenceOf(/^[A-Z]{1,3}-\d{4}-\d{6}$/);
const version = ifMatchVersion;
const actor = callerOf;

@ApiTags('complaints')
@Controller('api/complaints')
@UseGuards(CaseAccessGuard)
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly objections: ObjectionsService,
  ) {}

  @Get()
  @Allow('case.read')
  @ApiOperation({
    summary:
      'Complaints by status, school, assignee, deadline window and text; sorted by deadline; keyset pages',
  })
  list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>, @Req() req: StaffRequest) {
    return this.complaints.list(q, req.staff!.user);
  }

  @Post()
  @Allow('case.create')
  @ApiOperation({ summary: 'Record a complaint received by phone, email or letter' })
  @ApiBody({ schema: jsonSchema(staffComplaintBody) })
  async create(
    @Body(new ZodPipe(staffComplaintBody)) body: z.infer<typeof staffComplaintBody>,
    @Req() req: StaffRequest,
  ) {
    return this.complaints.create(...staffIntake(body, req));
  }

  @Get(':reference')
  @Allow('case.read')
  @LogCaseRead()
  @ApiOperation({ summary: 'The case with its deadlines (and their explanation), timeline and emails' })
  async get(@Param('reference') reference: string) {
    return this.complaints.detail(ref(reference));
  }

  @CaseActionRoute('escalate', escalateBody)
  @Allow('case.intake')
  @ApiOperation({ summary: 'Take the complaint to the body; 409 escalation_not_yet_allowed with earliestOn' })
  async escalate(
    @Param('reference') r: string,
    @Body(new ZodPipe(escalateBody)) b: z.infer<typeof escalateBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.escalate(ref(r), b, actor(req), version(im)));
  }

  @CaseActionRoute('file-with-school', fileWithSchoolBody)
  @Allow('case.intake')
  async fileWithSchool(
    @Param('reference') r: string,
    @Body(new ZodPipe(fileWithSchoolBody)) b: z.infer<typeof fileWithSchoolBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(
      await this.complaints.fileWithSchool(ref(r), b.filedWithSchoolOn, actor(req), version(im)),
    );
  }

  @CaseActionRoute('school-answer', schoolAnswerBody)
  @Allow('case.intake')
  async schoolAnswer(
    @Param('reference') r: string,
    @Body(new ZodPipe(schoolAnswerBody)) b: z.infer<typeof schoolAnswerBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    const u = req.staff!.user;
    return present(
      await this.complaints.recordSchoolAnswer(
        ref(r),
        b.schoolFinalAnswerOn,
        b.note,
        auditActor(u),
        version(im),
      ),
    );
  }

  @CaseActionRoute('resolved-by-school', emptyBody)
  @Allow('case.intake')
  async resolved(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    const u = req.staff!.user;
    return present(await this.complaints.resolveBySchool(ref(r), auditActor(u), version(im)));
  }

  @CaseActionRoute('acknowledge', emptyBody)
  @Allow('case.handle')
  async acknowledge(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.acknowledge(ref(r), actor(req), version(im)));
  }

  @CaseActionRoute('assign', assignBody)
  @Allow('case.assign')
  async assign(
    @Param('reference') r: string,
    @Body(new ZodPipe(assignBody)) b: z.infer<typeof assignBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.assign(ref(r), b.assigneeId, actor(req), version(im)));
  }

  @CaseActionRoute('pause', pauseBody)
  @Allow('case.handle')
  async pause(
    @Param('reference') r: string,
    @Body(new ZodPipe(pauseBody)) b: z.infer<typeof pauseBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.pause(ref(r), b.reasonCode, b.note, actor(req), version(im)));
  }

  @CaseActionRoute('resume', emptyBody)
  @Allow('case.handle')
  async resume(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.resume(ref(r), actor(req), version(im)));
  }

  @CaseActionRoute('extend', extendBody)
  @Allow('case.handle')
  async extend(
    @Param('reference') r: string,
    @Body(new ZodPipe(extendBody)) b: z.infer<typeof extendBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.extend(ref(r), b.weeks, b.reason, actor(req), version(im)));
  }

  @CaseActionRoute('decide', decideBody)
  @Allow('case.handle')
  async decide(
    @Param('reference') r: string,
    @Body(new ZodPipe(decideBody)) b: z.infer<typeof decideBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.decide(ref(r), b.outcome, b.summary, actor(req), version(im)));
  }

  @Post(':reference/objections')
  @Allow('case.handle')
  @ApiOperation({
    summary:
      'Record an objection (bezwaar) against the decision: {receivedOn, lodgedBy: student|school, note?} -> 201; 409 case_not_decided, objection_already_open; while open, the case is held from anonymisation',
  })
  @ApiBody({ schema: jsonSchema(objectionBody) })
  recordObjection(
    @Param('reference') r: string,
    @Body(new ZodPipe(objectionBody)) b: z.infer<typeof objectionBody>,
    @Req() req: StaffRequest,
  ) {
    return this.objections.record(ref(r), b, actor(req));
  }

  @Post(':reference/objections/:objectionId/decide')
  @Allow('case.handle')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide an objection: {decidedOn, outcome: upheld|rejected|withdrawn, note?}; 409 objection_already_decided',
  })
  @ApiBody({ schema: jsonSchema(decideObjectionBody) })
  decideObjection(
    @Param('reference') r: string,
    @Param('objectionId') objectionId: string,
    @Body(new ZodPipe(decideObjectionBody)) b: z.infer<typeof decideObjectionBody>,
    @Req() req: StaffRequest,
  ) {
    return this.objections.decide(ref(r), objectionId, b, actor(req));
  }

  @CaseActionRoute('arbitration', arbitrationBody)
  @Allow('case.handle')
  async arbitration(
    @Param('reference') r: string,
    @Body(new ZodPipe(arbitrationBody)) b: z.infer<typeof arbitrationBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.referToArbitration(ref(r), b.body, actor(req), version(im)));
  }

  @CaseActionRoute('arbitration-outcome', arbitrationOutcomeBody)
  @Allow('case.handle')
  async arbitrationOutcome(
    @Param('reference') r: string,
    @Body(new ZodPipe(arbitrationOutcomeBody)) b: z.infer<typeof arbitrationOutcomeBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(
      await this.complaints.recordArbitrationOutcome(ref(r), b.outcome, b.note, actor(req), version(im)),
    );
  }

  @CaseActionRoute('withdraw', withdrawBody)
  @Allow('case.handle')
  async withdraw(
    @Param('reference') r: string,
    @Body(new ZodPipe(withdrawBody)) b: z.infer<typeof withdrawBody>,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    const u = req.staff!.user;
    return present(await this.complaints.withdraw(ref(r), b.reason, auditActor(u), version(im)));
  }

  @CaseActionRoute('close', emptyBody)
  @Allow('case.handle')
  async close(
    @Param('reference') r: string,
    @Body(new ZodPipe(emptyBody)) _b: object,
    @Req() req: StaffRequest,
    @Headers('if-match') im?: string,
  ) {
    return present(await this.complaints.close(ref(r), actor(req), version(im)));
  }

  @Post(':reference/notes')
  @Allow('case.note')
  @HttpCode(201)
  @ApiBody({ schema: jsonSchema(noteBody) })
  async note(
    @Param('reference') r: string,
    @Body(new ZodPipe(noteBody)) b: z.infer<typeof noteBody>,
    @Req() req: StaffRequest,
  ) {
    const u = req.staff!.user;
    return present(await this.complaints.addNote(ref(r), b.text, b.visibleToStudent ?? false, auditActor(u)));
  }
}
