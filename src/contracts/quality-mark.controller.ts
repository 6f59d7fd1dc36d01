import { auditActor } from '../audit/actors.js';
import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow } from '../auth/policy.js';
import { ValidBody } from '../common/valid-body.js';
import { uuid } from './contracts.controller.js';
import { qualityMarkBody } from './contracts.dto.js';
import { ContractsService } from './contracts.service.js';

/**
 * The quality-mark route lives with contracts because a withdrawal changes contracts (the
 * termination ground and the students' emails); schools must not import contracts.
 */
@ApiTags('schools')
@Controller('api/schools')
export class QualityMarkController {
  constructor(private readonly contracts: ContractsService) {}

  @Post(':id/quality-mark')
  @Allow('school.write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record a quality-mark change. On withdrawn, every contract active on effectiveOn gains the quality-mark ground and each student is emailed once (running it again emails nobody twice)',
  })
  async change(
    @Param('id', uuid) id: string,
    @ValidBody(qualityMarkBody) body: z.infer<typeof qualityMarkBody>,
    @Req() req: StaffRequest,
  ) {
    return this.contracts.changeQualityMark(id, body, auditActor(req.staff!.user));
  }
}
