import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { PUBLIC_COMPLAINT_PAGES } from '../complaints/web/public.pages-list.js';
import { COMPLAINT_PAGES } from '../complaints/web/pages.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CONTRACT_PAGES } from '../contracts/web/pages.js';
import { DigidReportsModule } from '../digid-reports/digid-reports.module.js';
import { DIGID_PAGES } from '../digid-reports/web/pages.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { AccountPagesController } from './account.pages.js';
import { AssetsController } from './assets.js';
import { ConsolePagesController } from './console.pages.js';
import { ConsoleRepository } from './console.repository.js';
import { HomePagesController } from './home.pages.js';
import { MultipartBodyParser } from './multipart.js';
import { PrivacyPagesController } from './privacy.pages.js';
import { SecurityHeaders } from './security-headers.js';

/**
 * The web: server-rendered pages (preact to a string) for students (public forms, the private
 * case page) and staff (the console), with the NL Design System CSS served from the app.
 */
@Module({
  imports: [ComplaintsModule, SchoolsModule, ContractsModule, DigidReportsModule, PrivacyModule],
  controllers: [
    AssetsController,
    HomePagesController,
    ...PUBLIC_COMPLAINT_PAGES,
    ConsolePagesController,
    ...COMPLAINT_PAGES,
    AccountPagesController,
    ...DIGID_PAGES,
    ...CONTRACT_PAGES,
    PrivacyPagesController,
  ],
  providers: [ConsoleRepository, SecurityHeaders, MultipartBodyParser],
})
export class WebModule {}
