import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { RateLimitGuard } from '../common/rate-limit.js';
import { jsonSchema, ZodPipe } from '../common/validation.js';
import { AccountsService } from './accounts.service.js';
import {
  changePasswordBody,
  createUserBody,
  resetConfirmBody,
  resetRequestBody,
  updateUserBody,
} from './auth.dto.js';
import type { StaffRequest } from './auth.guard.js';
import { publicUser } from './auth.controller.js';
import { Allow, Public } from './policy.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { UsersRepository } from './users.repository.js';

@ApiTags('auth')
@Controller('api')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
  ) {}

  @Get('users')
  @Allow('user.admin')
  @ApiOperation({ summary: 'Staff users and their roles' })
  async list() {
    return { items: (await this.users.list()).map((u) => ({ ...publicUser(u), active: u.active })) };
  }

  @Post('users')
  @Allow('user.admin')
  @ApiOperation({ summary: 'Create a staff user; they get an email with a link to set their password' })
  @ApiBody({ schema: jsonSchema(createUserBody) })
  async create(
    @Body(new ZodPipe(createUserBody)) b: z.infer<typeof createUserBody>,
    @Req() req: StaffRequest,
  ) {
    const u = await this.accounts.create(b, req.staff!.user.id);
    return { ...publicUser(u), active: u.active };
  }

  @Patch('users/:id')
  @Allow('user.admin')
  @ApiOperation({
    summary:
      'Change name, roles, language, deactivate, or remove the second factor (lost phone); these end their sessions',
  })
  @ApiBody({ schema: jsonSchema(updateUserBody) })
  async update(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new ZodPipe(updateUserBody)) b: z.infer<typeof updateUserBody>,
    @Req() req: StaffRequest,
  ) {
    const { resetSecondFactor, ...changes } = b;
    const u = await this.accounts.update(id, changes, req.staff!.user.id);
    if (resetSecondFactor) await this.signIn.resetTotp(id);
    return { ...publicUser(u), active: u.active };
  }

  @Post('auth/password-reset')
  @Public()
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email a one-time link to set a new password (same answer for known and unknown emails)',
  })
  @ApiBody({ schema: jsonSchema(resetRequestBody) })
  async requestReset(@Body(new ZodPipe(resetRequestBody)) b: z.infer<typeof resetRequestBody>) {
    await this.accounts.requestReset(b.email);
    return { accepted: true };
  }

  @Post('auth/password-reset/confirm')
  @Public()
  @UseGuards(RateLimitGuard)
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the emailed link; ends every session of the user' })
  @ApiBody({ schema: jsonSchema(resetConfirmBody) })
  async confirmReset(
    @Body(new ZodPipe(resetConfirmBody)) b: z.infer<typeof resetConfirmBody>,
  ): Promise<void> {
    await this.accounts.confirmReset(b.token, b.password);
  }

  @Post('auth/password')
  @Allow('session.self')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password: every session ends, this one is replaced by a new one' })
  @ApiBody({ schema: jsonSchema(changePasswordBody) })
  async changePassword(
    @Body(new ZodPipe(changePasswordBody)) b: z.infer<typeof changePasswordBody>,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const user = req.staff!.user;
    await this.accounts.changePassword(user, b.currentPassword, b.newPassword, req.ip);
    const { token, csrfToken } = await this.sessions.create(user.id);
    this.sessions.setCookie(reply, token);
    return { user: publicUser(user), csrfToken };
  }
}
