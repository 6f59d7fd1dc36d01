import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, keysetPage, TIMESTAMP_KEY } from '../database/keyset.js';
import { Filters, isUniqueViolation, sql, type Queryable } from '../database/sql.js';
import type { ListTerminationsQuery } from './contracts.dto.js';
import type { TerminationGround } from './contracts.rules.js';
import type { EvidenceType } from './evidence.rules.js';
import type { TerminationSource, TerminationStatus } from './terminations.rules.js';

export interface TerminationRow {
  id: string;
  contractId: string;
  ground: TerminationGround;
  requestedOn: string;
  source: TerminationSource;
  status: TerminationStatus;
  effectiveDate: string | null;
  note: string | null;
  justification: string | null;
  complaintReference: string | null;
  complaintId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  quote: Record<string, unknown> | null;
  madeEffectiveBy: string | null;
  madeEffectiveAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  evidenceCount: number;
}

export interface NewTermination {
  contractId: string;
  ground: TerminationGround;
  requestedOn: string;
  source: TerminationSource;
  status: TerminationStatus;
  note: string | null;
  justification: string | null;
  complaintReference: string | null;
  complaintId: string | null;
  createdBy: string | null;
}

export interface EvidenceMeta {
  id: string;
  fileName: string;
  contentType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

const COLUMNS = `t.id, t.contract_id AS "contractId", t.ground, to_char(t.requested_on, 'YYYY-MM-DD') AS "requestedOn", t.source,
  t.status, to_char(t.effective_date, 'YYYY-MM-DD') AS "effectiveDate", t.note, t.justification, t.complaint_reference AS "complaintReference",
  t.complaint_id AS "complaintId", t.decided_by AS "decidedBy", t.decided_at AS "decidedAt", t.decision_reason AS "decisionReason",
  t.quote, t.made_effective_by AS "madeEffectiveBy", t.made_effective_at AS "madeEffectiveAt", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt", t.version,
  (SELECT count(*)::int FROM termination_evidence e WHERE e.termination_id = t.id) AS "evidenceCount"`;

/** Columns a service may change, camelCase to SQL; anything else is refused. */
const UPDATABLE: Record<string, string> = {
  status: 'status',
  effectiveDate: 'effective_date',
  complaintReference: 'complaint_reference',
  complaintId: 'complaint_id',
  decidedBy: 'decided_by',
  decidedAt: 'decided_at',
  decisionReason: 'decision_reason',
  quote: 'quote',
  madeEffectiveBy: 'made_effective_by',
  madeEffectiveAt: 'made_effective_at',
};

/** Postgres' unique violation of "one open termination per contract". */
export const isSecondOpenTermination = (e: unknown) => isUniqueViolation(e, 'terminations_one_open_idx');

@Injectable()
export class TerminationsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: EntityManager, t: NewTermination): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO terminations (contract_id, ground, requested_on, source, status, note, complaint_reference, complaint_id, created_by, justification)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        t.contractId,
        t.ground,
        t.requestedOn,
        t.source,
        t.status,
        t.note,
        t.complaintReference,
        t.complaintId,
        t.createdBy,
        t.justification,
      ],
    );
    return r.id;
  }

  async find(
    id: string,
    m: Queryable = this.db,
    opts: { forUpdate?: boolean } = {},
  ): Promise<TerminationRow | null> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM terminations t WHERE t.id = $1 ${opts.forUpdate ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async forContract(contractId: string, m: Queryable = this.db): Promise<TerminationRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM terminations t WHERE t.contract_id = $1 ORDER BY t.created_at, t.id`,
      [contractId],
    );
  }

  async openForContract(contractId: string, m: Queryable = this.db): Promise<TerminationRow | null> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM terminations t WHERE t.contract_id = $1 AND t.status IN ('requested','approved')`,
      [contractId],
    );
    return rows[0] ?? null;
  }

  /** Updates at the version read; false when someone else changed it first. */
  async update(
    m: EntityManager,
    id: string,
    version: number,
    fields: Partial<Record<keyof typeof UPDATABLE, unknown>>,
  ): Promise<boolean> {
    const sets: string[] = [];
    const params: unknown[] = [id, version];
    for (const [key, value] of Object.entries(fields)) {
      const column = UPDATABLE[key];
      if (!column) throw new Error(`not an updatable field: ${key}`);
      params.push(key === 'quote' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await sql(
      m,
      `UPDATE terminations SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    return rows.length === 1;
  }

  /** The decision queue: oldest first, keyset pages over (created_at, id). */
  async list(q: ListTerminationsQuery) {
    const f = new Filters();
    if (q.status) f.add((p) => `t.status = ${p}`, q.status);
    const cursor = decodeCursor(q.cursor, TIMESTAMP_KEY);
    if (cursor) {
      f.raw(
        `(t.created_at, t.id) > ((${f.param(cursor.key)}::timestamp AT TIME ZONE 'UTC'), ${f.param(cursor.id)}::uuid)`,
      );
    }
    const rows: { id: string; sortKey: string }[] = await this.db.query(
      `SELECT t.id, t.contract_id AS "contractId", c.contract_number AS "contractNumber", s.name AS "schoolName",
         c.student_name AS "studentName", t.ground, to_char(t.requested_on, 'YYYY-MM-DD') AS "requestedOn", t.source, t.status,
         to_char(t.effective_date, 'YYYY-MM-DD') AS "effectiveDate", t.created_at AS "createdAt",
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "sortKey"
       FROM terminations t JOIN contracts c ON c.id = t.contract_id JOIN schools s ON s.id = c.school_id
       ${f.where}
       ORDER BY t.created_at, t.id LIMIT ${f.param(q.limit + 1)}`,
      f.params,
    );
    return keysetPage(rows, q.limit);
  }

  // ------------------------------------------------------------ evidence

  async insertEvidence(
    m: EntityManager,
    terminationId: string,
    file: { fileName: string; contentType: EvidenceType; content: Buffer; sha256: string },
    by: string | null,
  ): Promise<EvidenceMeta> {
    const [r] = await m.query(
      `INSERT INTO termination_evidence (termination_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id::text, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"`,
      [terminationId, file.fileName, file.contentType, file.content.length, file.sha256, file.content, by],
    );
    return r;
  }

  async evidenceFor(
    terminationIds: readonly string[],
  ): Promise<(EvidenceMeta & { terminationId: string })[]> {
    if (terminationIds.length === 0) return [];
    return this.db.query(
      `SELECT id::text, termination_id AS "terminationId", file_name AS "fileName", content_type AS "contentType",
         size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
       FROM termination_evidence WHERE termination_id = ANY($1::uuid[]) ORDER BY termination_evidence.id`,
      [terminationIds],
    );
  }

  /** An evidence file, or null when unknown or erased after the retention period. */
  async evidenceFile(
    terminationId: string,
    evidenceId: string,
  ): Promise<(EvidenceMeta & { content: Buffer }) | null> {
    const rows = await this.db.query(
      `SELECT id::text, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256,
         uploaded_at AS "uploadedAt", content
       FROM termination_evidence WHERE termination_id = $1 AND id = $2 AND content IS NOT NULL`,
      [terminationId, evidenceId],
    );
    return rows[0] ?? null;
  }
}
