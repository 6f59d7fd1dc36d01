import { AccountPagesController } from './account.pages.js';
import { PasswordResetPagesController } from './password-reset.pages.js';
import { SignInPagesController } from './sign-in.pages.js';
import { StaffPagesController } from './staff.pages.js';

/** The console's sign-in, own-account and staff pages. */
export const AUTH_PAGES = [
  SignInPagesController,
  AccountPagesController,
  PasswordResetPagesController,
  StaffPagesController,
];
