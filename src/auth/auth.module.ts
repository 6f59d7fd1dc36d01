import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthController } from './auth.controller.js';
import { StaffAuthGuard } from './auth.guard.js';
import { LocalStrategy } from './local.strategy.js';
import { SessionsService } from './sessions.service.js';
import { AccessLinksService } from './access-links.service.js';
import { UsersRepository } from './users.repository.js';

@Global()
@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [
    UsersRepository,
    SessionsService,
    AccessLinksService,
    LocalStrategy,
    AdminBootstrap,
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ],
  exports: [UsersRepository, SessionsService, AccessLinksService],
})
export class AuthModule {}
