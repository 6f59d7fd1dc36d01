import { Injectable } from '@nestjs/common';
import { Registry } from '../common/registry.js';
import type { TemplateName } from './templates.js';

/** What the sender knows of a message the SMTP server has just accepted. */
export interface SentEmail {
  id: string;
  caseId: string | null;
  /** The private link the message carried, if any (erased from the row once sent). */
  secret: string | null;
}

export type EmailSentHook = (sent: SentEmail) => Promise<void>;

/**
 * Work that may happen only once an email is really sent, registered per template by the domain
 * that owns it (notifications never import a domain). A new private link replaces the older ones
 * only when its email was accepted: a link email that is capped, fails or waits leaves the student's
 * working links alone. A hook that fails is logged and not retried: the safe side is that older
 * links keep working a while longer.
 */
@Injectable()
export class EmailSentHooks extends Registry<TemplateName, EmailSentHook> {}
