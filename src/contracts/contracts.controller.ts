import { auditActor } from '../audit/actors.js';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow } from '../auth/policy.js';
import { badRequest, notFound } from '../common/problem.js';
import { ValidBody } from '../common/valid-body.js';
import { jsonSchema, parseOrThrow, ZodPipe } from '../common/validation.js';
import { CSV_CONTENT_TYPE, EVIDENCE_CONTENT_TYPES } from './body-parsers.js';
import { ContractDetailService } from './contract-detail.service.js';
import {
  createContractBody,
  decisionBody,
  emptyBody,
  evidenceJson,
  evidenceQuery,
  importJsonBody,
  importQuery,
  invoiceBody,
  lessonsBody,
  listContractsQuery,
  quoteBody,
  rejectBody,
  staffTerminationBody,
} from './contracts.dto.js';
import { ContractsService, presentContract } from './contracts.service.js';
import { contentDisposition, decodeBase64 } from './evidence.rules.js';
import { isWeighty } from './terminations.rules.js';
import { TerminationsService, type EvidenceUpload } from './terminations.service.js';

export const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });
const actor = (req: StaffRequest) => auditActor(req.staff!.user);

@ApiTags('contracts')
@Controller('api/contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly terminations: TerminationsService,
    private readonly detail: ContractDetailService,
  ) {}

  @Post()
  @Allow('contract.write')
  @ApiOperation({
    summary: 'Register a contract; 409 contract_number_taken when the number exists for the school',
  })
  async create(
    @ValidBody(createContractBody) body: z.infer<typeof createContractBody>,
    @Req() req: StaffRequest,
  ) {
    return presentContract(await this.contracts.create(body, actor(req)));
  }

  @Post('import')
  @Allow('contract.write')
  @ApiOperation({
    summary:
      'Import contracts from CSV (text/csv body, or JSON {csv, schoolId?}); one bad row refuses the whole file (422 import_refused with the row)',
  })
  @ApiConsumes('application/json', CSV_CONTENT_TYPE)
  @ApiBody({ schema: jsonSchema(importJsonBody) })
  async import(
    @Body() body: unknown,
    @Query(new ZodPipe(importQuery)) q: z.infer<typeof importQuery>,
    @Req() req: StaffRequest,
  ) {
    if (typeof body === 'string') return this.contracts.importCsv(body, q.schoolId, actor(req));
    const json = parseOrThrow(importJsonBody, body);
    return this.contracts.importCsv(json.csv, json.schoolId ?? q.schoolId, actor(req));
  }

  @Get()
  @Allow('contract.read')
  @ApiOperation({
    summary:
      'Contracts by school, status, student email or contract number; newest first; keyset pages (nextCursor)',
  })
  list(@Query(new ZodPipe(listContractsQuery)) q: z.infer<typeof listContractsQuery>) {
    return this.contracts.list(q);
  }

  @Get(':id')
  @Allow('contract.read')
  @ApiOperation({
    summary:
      'The contract with its lessons, invoices (with flags), terminations, refunds, exemption hours and timeline',
  })
  async get(@Param('id', uuid) id: string) {
    return this.detail.detail(id);
  }

  @Post(':id/lessons')
  @Allow('contract.write')
  @ApiOperation({
    summary:
      'Record lessons, all or nothing: one refused lesson (e.g. online literacy from 2019) gives 422 naming it',
  })
  async lessons(
    @Param('id', uuid) id: string,
    @ValidBody(lessonsBody) body: z.infer<typeof lessonsBody>,
    @Req() req: StaffRequest,
  ) {
    return this.contracts.addLessons(id, body.lessons, actor(req));
  }

  @Post(':id/invoices')
  @Allow('contract.write')
  @ApiOperation({
    summary:
      'Record an invoice; the answer carries its flags (invoiced_in_advance, over_quarter_cap). Only paid counts as paid',
  })
  async invoice(
    @Param('id', uuid) id: string,
    @ValidBody(invoiceBody) body: z.infer<typeof invoiceBody>,
    @Req() req: StaffRequest,
  ) {
    return this.contracts.addInvoice(id, body, actor(req));
  }

  @Post(':id/termination-quote')
  @Allow('contract.read')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What ending the contract on this ground and date costs, line by line; 409 with a code when the ground does not apply',
  })
  async quote(@Param('id', uuid) id: string, @ValidBody(quoteBody) body: z.infer<typeof quoteBody>) {
    const c = await this.contracts.get(id);
    // A what-if: a weighty reason is quoted before its approval, with a note saying so.
    return this.contracts.quote(c, body.ground, body.requestedOn, {
      groundApproved: isWeighty(body.ground) ? false : undefined,
    });
  }

  @Get(':id/exemption-hours')
  @Allow('contract.read')
  @ApiOperation({
    summary:
      'Minutes that count toward the 64-hour (ONA) and 600-hour (language) norms, and those that do not',
  })
  exemptionHours(@Param('id', uuid) id: string) {
    return this.contracts.exemptionHours(id);
  }

  // ---------------------------------------------------------------- terminations

  @Post(':id/terminations')
  @Allow('contract.write')
  @ApiOperation({
    summary:
      'Record a termination. Notice and the quality-mark ground are approved at once; weighty reasons wait for evidence and a decision. 409 with a code when the ground does not apply',
  })
  async terminate(
    @Param('id', uuid) id: string,
    @ValidBody(staffTerminationBody) body: z.infer<typeof staffTerminationBody>,
    @Req() req: StaffRequest,
  ) {
    return this.terminations.request(id, body, actor(req));
  }

  @Post(':id/terminations/:tid/evidence')
  @Allow('contract.write')
  @ApiOperation({
    summary:
      'Add an evidence file: the raw body (application/pdf, image/png, image/jpeg or application/octet-stream, at most 5 MiB, ?fileName=) or JSON {fileName, contentBase64} (at most 700 KiB). The type is checked by the content',
  })
  @ApiConsumes('application/json', ...EVIDENCE_CONTENT_TYPES)
  @ApiBody({ schema: jsonSchema(evidenceJson) })
  async evidence(
    @Param('id', uuid) id: string,
    @Param('tid', uuid) tid: string,
    @Body() body: unknown,
    @Query(new ZodPipe(evidenceQuery)) q: z.infer<typeof evidenceQuery>,
    @Req() req: StaffRequest,
  ) {
    let upload: EvidenceUpload;
    if (Buffer.isBuffer(body)) {
      upload = { bytes: body, fileName: q.fileName, viaJson: false };
    } else {
      const json = parseOrThrow(evidenceJson, body);
      const bytes = decodeBase64(json.contentBase64);
      if (!bytes)
        throw badRequest('contentBase64 is not valid base64', [
          { field: 'contentBase64', message: 'not valid base64' },
        ]);
      upload = { bytes, fileName: json.fileName, viaJson: true };
    }
    return this.terminations.uploadEvidence(id, tid, upload, actor(req));
  }

  @Get(':id/terminations/:tid/evidence/:eid')
  @Allow('contract.read')
  @ApiOperation({ summary: 'Download an evidence file' })
  async evidenceFile(
    @Param('id', uuid) id: string,
    @Param('tid', uuid) tid: string,
    @Param('eid') eid: string,
    @Res() reply: FastifyReply,
  ) {
    if (!/^\d{1,18}$/.test(eid)) throw notFound('Evidence file');
    const file = await this.terminations.evidenceFile(id, tid, eid);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.content);
  }

  @Post(':id/terminations/:tid/approve')
  @Allow('termination.decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a requested termination; 409 evidence_missing, arbitration_not_vindicated or the quote refusal code',
  })
  async approve(
    @Param('id', uuid) id: string,
    @Param('tid', uuid) tid: string,
    @ValidBody(decisionBody) body: z.infer<typeof decisionBody>,
    @Req() req: StaffRequest,
  ) {
    return this.terminations.approve(id, tid, body.reason, actor(req), req.staff!.user.roles);
  }

  @Post(':id/terminations/:tid/reject')
  @Allow('termination.decide')
  @HttpCode(200)
  async reject(
    @Param('id', uuid) id: string,
    @Param('tid', uuid) tid: string,
    @ValidBody(rejectBody) body: z.infer<typeof rejectBody>,
    @Req() req: StaffRequest,
  ) {
    return this.terminations.reject(id, tid, body.reason, actor(req));
  }

  @Post(':id/terminations/:tid/make-effective')
  @Allow('termination.decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'End the contract: the final quote is stored, the contract is terminated, student and school are emailed, and a positive refund becomes a refund instruction',
  })
  async makeEffective(
    @Param('id', uuid) id: string,
    @Param('tid', uuid) tid: string,
    @ValidBody(emptyBody) _b: object,
    @Req() req: StaffRequest,
  ) {
    return this.terminations.makeEffective(id, tid, actor(req));
  }
}
