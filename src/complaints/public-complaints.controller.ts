import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/policy.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { jsonSchema, ZodPipe } from '../common/validation.js';
import {
  publicComplaintBody,
  resendLinkBody,
  studentEscalateBody,
  studentInfoBody,
  withdrawBody,
} from './complaints.dto.js';
import { ComplaintsService } from './complaints.service.js';

/** What students use without signing in: file a complaint, and follow it through the private link. */
@ApiTags('public')
@Controller('api/public')
@Public()
@UseGuards(RateLimitGuard)
export class PublicComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post('complaints')
  @ApiOperation({ summary: 'File a complaint; the student gets an email with a private link' })
  @ApiBody({ schema: jsonSchema(publicComplaintBody) })
  async file(@Body(new ZodPipe(publicComplaintBody)) body: z.infer<typeof publicComplaintBody>) {
    const r = await this.complaints.create(body, { channel: 'web', actor: { type: 'student' } });
    return { reference: r.reference, status: r.status, schoolDeadline: r.schoolDeadline };
  }

  @Post('complaints/link')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a new private link to the email on the case (same answer whether or not they match)',
  })
  @ApiBody({ schema: jsonSchema(resendLinkBody) })
  async resend(@Body(new ZodPipe(resendLinkBody)) body: z.infer<typeof resendLinkBody>) {
    await this.complaints.resendLink(body.reference, body.email);
    return { accepted: true };
  }

  @Get('cases/:token')
  @ApiOperation({ summary: 'The case as the student sees it (student-visible events only)' })
  view(@Param('token') token: string) {
    return this.complaints.studentView(token);
  }

  @Post('cases/:token/information')
  @HttpCode(201)
  @ApiBody({ schema: jsonSchema(studentInfoBody) })
  async addInfo(
    @Param('token') token: string,
    @Body(new ZodPipe(studentInfoBody)) b: z.infer<typeof studentInfoBody>,
  ) {
    await this.complaints.studentAddInfo(token, b.text);
    return this.complaints.studentView(token);
  }

  @Post('cases/:token/withdraw')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(withdrawBody) })
  async withdraw(
    @Param('token') token: string,
    @Body(new ZodPipe(withdrawBody)) b: z.infer<typeof withdrawBody>,
  ) {
    await this.complaints.studentWithdraw(token, b.reason);
    return this.complaints.studentView(token);
  }

  @Post('cases/:token/escalate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask the body to handle the complaint; 409 escalation_not_yet_allowed with earliestOn',
  })
  @ApiBody({ schema: jsonSchema(studentEscalateBody) })
  async escalate(
    @Param('token') token: string,
    @Body(new ZodPipe(studentEscalateBody)) b: z.infer<typeof studentEscalateBody>,
  ) {
    await this.complaints.studentEscalate(token, b.reason, b.studentRejectsFinalAnswer);
    return this.complaints.studentView(token);
  }
}
