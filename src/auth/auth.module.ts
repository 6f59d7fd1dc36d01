import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthController } from './auth.controller.js';
import { CaseAccessGuard } from './case-access.guard.js';
import { DeferredRequestsRepository } from './deferred-requests.repository.js';
import { StaffAuthGuard } from './auth.guard.js';
import { LocalStrategy } from './local.strategy.js';
import { SessionsService } from './sessions.service.js';
import { AccessLinksRepository } from './access-links.repository.js';
import { AccessLinksService } from './access-links.service.js';
import { CaseAccessRepository } from './case-access.repository.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInService } from './sign-in.service.js';
import { ThrottleService } from './throttle.service.js';
import { UploadGate } from './upload-gate.js';
import { UsersRepository } from './users.repository.js';

@Global()
@Module({
  imports: [PassportModule],
  controllers: [AuthController, AccountsController],
  providers: [
    UsersRepository,
    SessionsRepository,
    AccessLinksRepository,
    PasswordResetsRepository,
    CaseAccessRepository,
    SessionsService,
    AccessLinksService,
    ThrottleService,
    SignInService,
    CaseAccessGuard,
    DeferredRequestsRepository,
    AccountsService,
    LocalStrategy,
    AdminBootstrap,
    UploadGate,
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ],
  exports: [
    UsersRepository,
    SessionsService,
    AccessLinksService,
    ThrottleService,
    AccountsService,
    SignInService,
    CaseAccessGuard,
    // The guard is built in the module of each controller that uses it: its repository must be visible there.
    CaseAccessRepository,
    DeferredRequestsRepository,
  ],
})
export class AuthModule {}
