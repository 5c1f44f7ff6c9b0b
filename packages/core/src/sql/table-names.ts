/**
 * Where Rapport's tables live in the host database: an optional schema (Postgres) and an optional prefix,
 * so they can sit beside the app's own tables without clashing.
 */
export interface TablePlacement {
  /** Database schema (Postgres). Tables go to the connection's default schema when omitted. */
  readonly schema?: string
  /**
   * Prepended to every table and index name, e.g. `crm_` gives `crm_contacts`.
   * @default ''
   */
  readonly tablePrefix?: string
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/
const PREFIX = /^[A-Za-z_][A-Za-z0-9_]{0,20}$|^$/

/** Validates a placement; returns an error message or undefined. */
export function checkTablePlacement(placement: TablePlacement): string | undefined {
  if (placement.schema !== undefined && !IDENTIFIER.test(placement.schema)) {
    return `schema must be an identifier (letters, digits, _), got ${JSON.stringify(placement.schema)}`
  }
  if (placement.tablePrefix !== undefined && !PREFIX.test(placement.tablePrefix)) {
    return `tablePrefix must be letters, digits and _ (at most 21), got ${JSON.stringify(placement.tablePrefix)}`
  }
  return undefined
}

/** Physical names of Rapport's tables and indexes under a placement. */
export class TableNames {
  readonly schema: string | undefined
  readonly prefix: string

  constructor(placement: TablePlacement = {}) {
    this.schema = placement.schema
    this.prefix = placement.tablePrefix ?? ''
  }

  /** Table name as kysely takes it: `schema.prefix_table` or `prefix_table`. */
  table(logical: string): string {
    const name = this.prefix + logical
    return this.schema ? `${this.schema}.${name}` : name
  }

  /** Index name (unqualified; Postgres puts an index in its table's schema). */
  index(logical: string): string {
    return this.prefix + logical
  }

  /** Name of kysely's migration bookkeeping table. */
  get migrationTable(): string {
    return `${this.prefix}rapport_migrations`
  }

  /** Name of kysely's migration lock table. */
  get migrationLockTable(): string {
    return `${this.prefix}rapport_migrations_lock`
  }
}
