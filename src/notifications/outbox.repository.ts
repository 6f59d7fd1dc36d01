import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../database/sql.js';
import type { Language, TemplateData, TemplateName } from './templates.js';

export interface OutboxRow {
  id: string;
  caseId: string | null;
  template: TemplateName;
  language: Language;
  recipient: string;
  /** As written (checked against the template then); emptied by retention. */
  data: Record<string, unknown>;
  secret: string | null;
  status: 'pending' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

interface NewOutboxFields {
  caseId?: string | null;
  language: Language;
  recipient: string;
  /** A value needed to render the message once (a private link); erased after sending. */
  secret?: string | null;
  /** Whether the per-recipient cap applies; by default it does for the templates in PUBLIC_TRIGGERED. */
  capped?: boolean;
}

/** A message to add: the template's name and exactly the data that template declares. */
export type NewOutboxRow<N extends TemplateName = TemplateName> = N extends TemplateName
  ? NewOutboxFields & { template: N; data: TemplateData[N] }
  : never;

/** Templates a stranger can cause to be sent, and how many of them one address gets in an hour. */
const PUBLIC_TRIGGERED: ReadonlySet<TemplateName> = new Set<TemplateName>([
  'complaint_received',
  'case_link',
  'password_reset',
  'digid_report_received',
  // A report about someone else is referred at intake with this email; staff referrals pass capped: false.
  'digid_report_referred',
]);
const PER_RECIPIENT_PER_HOUR = 5;

const COLUMNS = `id::text, case_id AS "caseId", template, language, recipient, data, secret, status, attempts,
  last_error AS "lastError", message_id AS "messageId", created_at AS "createdAt", sent_at AS "sentAt"`;

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Adds a message. Messages that anyone can trigger from a public form (a complaint filed with
   * someone's address, a link re-sent) are capped per recipient per hour, so the forms cannot be
   * used to flood an inbox: past the cap the row is kept as `suppressed` and never sent.
   */
  async insert(m: EntityManager, row: NewOutboxRow): Promise<string> {
    return (await this.insertWithStatus(m, row)).id;
  }

  /** As insert, and says whether the row was suppressed by the per-recipient cap (it will never be sent). */
  async insertWithStatus(m: EntityManager, row: NewOutboxRow): Promise<{ id: string; suppressed: boolean }> {
    const capped = row.capped ?? PUBLIC_TRIGGERED.has(row.template);
    const [r] = await m.query(
      // A suppressed row is never sent, so it keeps no private link either.
      `INSERT INTO outbox (case_id, template, language, recipient, data, secret, status)
       SELECT $1, $2, $3, $4, $5, CASE WHEN x.over THEN NULL ELSE $6 END, CASE WHEN x.over THEN 'suppressed' ELSE 'pending' END
       FROM (SELECT $7::boolean AND (SELECT count(*) FROM outbox WHERE lower(recipient) = lower($4)
           AND created_at > now() - interval '1 hour' AND template = ANY($8)) >= $9 AS over) x
       RETURNING id::text, status`,
      [
        row.caseId ?? null,
        row.template,
        row.language,
        row.recipient,
        JSON.stringify(row.data),
        row.secret ?? null,
        capped,
        [...PUBLIC_TRIGGERED],
        PER_RECIPIENT_PER_HOUR,
      ],
    );
    return { id: r.id, suppressed: r.status === 'suppressed' };
  }

  async find(id: string): Promise<OutboxRow | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async markSent(id: string, messageId: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE outbox SET status = 'sent', sent_at = now(), secret = NULL, message_id = $2, attempts = attempts + 1, last_error = NULL
       WHERE id = $1 AND status <> 'sent' RETURNING id`,
      [id, messageId],
    );
    return rows.length > 0;
  }

  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
       WHERE id = $1 AND status <> 'sent'`,
      [id, error.slice(0, 500), final],
    );
  }

  /** Puts a failed email back in line (console re-send). */
  async requeue(id: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE outbox SET status = 'pending', attempts = 0, last_error = NULL WHERE id = $1 AND status = 'failed' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Unsent rows older than `olderThanSeconds`: the reconciler makes sure each has a job. */
  async pendingIds(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT id::text FROM outbox WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async forCase(caseId: string): Promise<OutboxRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM outbox WHERE case_id = $1 ORDER BY outbox.id`, [caseId]);
  }

  async failed(limit = 100): Promise<OutboxRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM outbox WHERE status = 'failed' ORDER BY outbox.id DESC LIMIT $1`,
      [limit],
    );
  }
}
