import { Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, Public } from '../auth/policy.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { ValidBody } from '../common/valid-body.js';
import { ZodPipe } from '../common/validation.js';
import { listTerminationsQuery, publicTerminationBody } from './contracts.dto.js';
import { TerminationsService } from './terminations.service.js';

@ApiTags('contracts')
@Controller('api/terminations')
export class TerminationsController {
  constructor(private readonly terminations: TerminationsService) {}

  @Get()
  @Allow('contract.read')
  @ApiOperation({
    summary: 'Terminations by status (e.g. requested: the decision queue); oldest first; keyset pages',
  })
  list(@Query(new ZodPipe(listTerminationsQuery)) q: z.infer<typeof listTerminationsQuery>) {
    return this.terminations.list(q);
  }
}

/** The student's termination request. Rate limited; the same answer whether or not anything matched. */
@ApiTags('public')
@Controller('api/public')
@Public()
@UseGuards(RateLimitGuard)
export class PublicTerminationsController {
  constructor(private readonly terminations: TerminationsService) {}

  @Post('terminations')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask to end a contract (contract number, school, the email on the contract). Always 202 {accepted: true}; a match gets a receipt by email and waits for staff. Evidence may be sent as {fileName, contentBase64} (PDF, PNG or JPEG, at most 700 KiB)',
  })
  async request(@ValidBody(publicTerminationBody) body: z.infer<typeof publicTerminationBody>) {
    await this.terminations.publicRequest(body);
    return {
      accepted: true,
      message:
        'If the contract number, school and email match a contract, the student receives a confirmation by email and staff will check the request.',
    };
  }
}
