import type { DataSource, EntityManager } from 'typeorm';

export type Queryable = DataSource | EntityManager;

/**
 * Runs parameterised SQL and returns its rows. TypeORM answers UPDATE and DELETE with
 * [rows, rowCount]; this evens that out so every caller gets the rows.
 */
export async function sql<T = Record<string, unknown>>(
  db: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = await db.query(text, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** Postgres' unique violation of the named constraint, as TypeORM or pg report it. */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  return (
    (err.code ?? err.driverError?.code) === '23505' &&
    (err.constraint ?? err.driverError?.constraint) === constraint
  );
}

/** The WHERE of a list query, built filter by filter with numbered parameters ($1, $2, …). */
export class Filters {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** A placeholder for `value` (also for what is not a filter, such as the LIMIT). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** A filter with one value: `f.add((p) => \`c.status = ${p}\`, status)`. */
  add(clause: (p: string) => string, value: unknown): void {
    this.clauses.push(clause(this.param(value)));
  }

  /** A filter with its placeholders already in it, or none. */
  raw(clause: string): void {
    this.clauses.push(clause);
  }

  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
