import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow, Public } from '../auth/policy.js';
import { jsonSchema, ZodPipe } from '../common/validation.js';
import { createSchoolBody, listSchoolsQuery } from './schools.dto.js';
import { SchoolsService } from './schools.service.js';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('schools')
@Controller('api')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post('schools')
  @Allow('school.write')
  @ApiOperation({ summary: 'Register a school' })
  @ApiBody({ schema: jsonSchema(createSchoolBody) })
  async create(
    @Body(new ZodPipe(createSchoolBody)) body: z.infer<typeof createSchoolBody>,
    @Req() req: StaffRequest,
  ) {
    return this.schools.create(body, req.staff!.user.id);
  }

  @Get('schools')
  @Allow('school.read')
  @ApiOperation({ summary: 'Schools by name or city' })
  async list(@Query(new ZodPipe(listSchoolsQuery)) q: z.infer<typeof listSchoolsQuery>) {
    return { items: await this.schools.search(q.q, q.limit) };
  }

  @Get('schools/:id')
  @Allow('school.read')
  async get(@Param('id', uuid) id: string) {
    return { ...(await this.schools.get(id)), qualityMarkHistory: await this.schools.history(id) };
  }

  /** For the public complaint form: only what a student needs to pick their school. */
  @Get('public/schools')
  @Public()
  @ApiOperation({ summary: 'Search schools for the public forms (name and city only)' })
  async publicList(@Query(new ZodPipe(listSchoolsQuery)) q: z.infer<typeof listSchoolsQuery>) {
    const items = await this.schools.search(q.q, q.limit);
    return { items: items.map((s) => ({ id: s.id, name: s.name, city: s.city })) };
  }
}
