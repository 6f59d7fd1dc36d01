import { Module } from '@nestjs/common';
import { AUTH_PAGES } from '../auth/web/pages.js';
import { CaseListRepository } from '../cases/case-list.repository.js';
import { CASE_PAGES } from '../cases/web/pages.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { COMPLAINT_PAGES } from '../complaints/web/pages.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CONTRACT_PAGES } from '../contracts/web/pages.js';
import { DEADLINE_PAGES } from '../deadlines/web/pages.js';
import { DigidReportsModule } from '../digid-reports/digid-reports.module.js';
import { DIGID_PAGES } from '../digid-reports/web/pages.js';
import { NOTIFICATION_PAGES } from '../notifications/web/pages.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { PRIVACY_PAGES } from '../privacy/web/pages.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { SCHOOL_PAGES } from '../schools/web/pages.js';
import { AssetsController } from './assets.js';
import { HomePagesController } from './home.pages.js';
import { MultipartBodyParser } from './multipart.js';
import { SecurityHeaders } from './security-headers.js';
import { StartPagesController } from './start.pages.js';

/**
 * The web: server-rendered pages (preact to a string) for students (public forms, the private
 * case page) and staff (the console), with the NL Design System CSS served from the app.
 */
@Module({
  imports: [ComplaintsModule, SchoolsModule, ContractsModule, DigidReportsModule, PrivacyModule],
  controllers: [
    AssetsController,
    HomePagesController,
    StartPagesController,
    ...COMPLAINT_PAGES,
    ...DIGID_PAGES,
    ...CONTRACT_PAGES,
    ...AUTH_PAGES,
    ...SCHOOL_PAGES,
    ...CASE_PAGES,
    ...DEADLINE_PAGES,
    ...NOTIFICATION_PAGES,
    ...PRIVACY_PAGES,
  ],
  providers: [CaseListRepository, SecurityHeaders, MultipartBodyParser],
})
export class WebModule {}
