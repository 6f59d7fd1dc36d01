import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import type { AuditActor } from './actors.js';

export interface CaseEvent {
  id: string;
  at: Date;
  actorType: AuditActor['type'];
  actorName: string | null;
  kind: string;
  visibility: 'student' | 'internal';
  data: Record<string, unknown>;
}

/** The case timeline. Append only: the database refuses updates and deletes. */
@Injectable()
export class EventsRepository {
  constructor(private readonly db: DataSource) {}

  async append(
    m: EntityManager,
    caseId: string,
    actor: AuditActor,
    kind: string,
    visibility: 'student' | 'internal',
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await m.query(
      `INSERT INTO case_events (case_id, actor_type, actor_id, actor_name, kind, visibility, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        caseId,
        actor.type,
        actor.type === 'staff' ? actor.id : null,
        actor.type === 'staff' ? actor.name : null,
        kind,
        visibility,
        JSON.stringify(data),
      ],
    );
  }

  // Ordered by the bigint column: a bare `id` would name the text output column and sort "10" before "9".
  async forCase(
    caseId: string,
    opts: { studentVisibleOnly?: boolean; limit?: number } = {},
  ): Promise<CaseEvent[]> {
    const rows = await this.db.query(
      `SELECT id::text, at, actor_type AS "actorType", actor_name AS "actorName", kind, visibility, data
       FROM case_events WHERE case_id = $1 ${opts.studentVisibleOnly ? `AND visibility = 'student'` : ''}
       ORDER BY case_events.id DESC LIMIT $2`,
      [caseId, opts.limit ?? 500],
    );
    return rows.reverse();
  }
}

/** Admin and security actions that are not about one case. */
@Injectable()
export class AuditLog {
  async record(
    m: EntityManager,
    actorId: string | null,
    action: string,
    subject: string | null,
    data: Record<string, unknown> = {},
  ) {
    await m.query(`INSERT INTO audit_log (actor_id, action, subject, data) VALUES ($1, $2, $3, $4)`, [
      actorId,
      action,
      subject,
      JSON.stringify(data),
    ]);
  }
}
