import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/sql.js';
import type { ObjectionOutcome, ObjectionParty } from './objections.rules.js';

export interface ObjectionRow {
  id: string;
  caseId: string;
  receivedOn: string;
  lodgedBy: ObjectionParty;
  note: string | null;
  recordedBy: { id: string; name: string | null } | null;
  decidedOn: string | null;
  outcome: ObjectionOutcome | null;
  decisionNote: string | null;
  decidedBy: { id: string; name: string | null } | null;
  createdAt: Date;
}

const COLUMNS = `o.id::text AS id, o.case_id AS "caseId", to_char(o.received_on, 'YYYY-MM-DD') AS "receivedOn",
  o.lodged_by AS "lodgedBy", o.note,
  CASE WHEN o.recorded_by IS NULL THEN NULL ELSE json_build_object('id', o.recorded_by, 'name', r.name) END AS "recordedBy",
  to_char(o.decided_on, 'YYYY-MM-DD') AS "decidedOn", o.outcome, o.decision_note AS "decisionNote",
  CASE WHEN o.decided_by IS NULL THEN NULL ELSE json_build_object('id', o.decided_by, 'name', d.name) END AS "decidedBy",
  o.created_at AS "createdAt"`;
const FROM = `FROM case_objections o LEFT JOIN staff_users r ON r.id = o.recorded_by LEFT JOIN staff_users d ON d.id = o.decided_by`;

/** Objections against a case's decision. Thin: SQL only. */
@Injectable()
export class ObjectionsRepository {
  constructor(private readonly db: DataSource) {}

  async forCase(caseId: string, m: EntityManager | DataSource = this.db): Promise<ObjectionRow[]> {
    return m.query(`SELECT ${COLUMNS} ${FROM} WHERE o.case_id = $1 ORDER BY o.id`, [caseId]);
  }

  async find(caseId: string, id: string, m: EntityManager, forUpdate = false): Promise<ObjectionRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows = await m.query(
      `SELECT ${COLUMNS} ${FROM} WHERE o.case_id = $1 AND o.id = $2 ${forUpdate ? 'FOR UPDATE OF o' : ''}`,
      [caseId, id],
    );
    return rows[0] ?? null;
  }

  async insert(
    m: EntityManager,
    o: {
      caseId: string;
      receivedOn: string;
      lodgedBy: ObjectionParty;
      note: string | null;
      recordedBy: string;
    },
  ): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO case_objections (case_id, received_on, lodged_by, note, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [o.caseId, o.receivedOn, o.lodgedBy, o.note, o.recordedBy],
    );
    return r.id;
  }

  async decide(
    m: EntityManager,
    id: string,
    d: { decidedOn: string; outcome: ObjectionOutcome; note: string | null; decidedBy: string },
  ): Promise<void> {
    await m.query(
      `UPDATE case_objections SET decided_on = $2, outcome = $3, decision_note = $4, decided_by = $5, decided_at = now()
       WHERE id = $1 AND decided_on IS NULL`,
      [id, d.decidedOn, d.outcome, d.note, d.decidedBy],
    );
  }
}

/** Postgres' unique violation of "one open objection per case". */
export const isSecondOpenObjection = (e: unknown) => isUniqueViolation(e, 'case_objections_one_open_idx');
