import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { Clock } from './common/clock.js';
import { RateLimitGuard } from './common/rate-limit.js';
import { ThrottleRepository } from './common/throttle.repository.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { TxRunner } from './database/tx.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { DigidReportsModule } from './digid-reports/digid-reports.module.js';
import { HealthController } from './health/health.controller.js';
import { HealthRepository } from './health/health.repository.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { QueueModule } from './queue/queue.module.js';
import { SchoolsModule } from './schools/schools.module.js';
import { WebModule } from './web/web.module.js';

/** Infrastructure every domain may use: settings, the database, the clock and transactions. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, dataSource: DataSource, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: Clock, useValue: clock },
        TxRunner,
        RateLimitGuard,
        ThrottleRepository,
      ],
      exports: [APP_CONFIG, DataSource, Clock, TxRunner, RateLimitGuard, ThrottleRepository],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSource: DataSource, clock = new Clock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, dataSource, clock),
        QueueModule,
        AuditModule,
        CalendarModule,
        NotificationsModule,
        DeadlinesModule,
        AuthModule,
        SchoolsModule,
        ComplaintsModule,
        PrivacyModule,
        ContractsModule,
        DigidReportsModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [HealthRepository],
    };
  }
}
