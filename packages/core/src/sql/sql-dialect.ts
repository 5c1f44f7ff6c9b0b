import type { Kysely, RawBuilder, SqlBool, Transaction } from 'kysely'
import type { FieldKind, ListElementKind } from '../entities/field'
import type { FilterField } from '../filter/field-catalog'

/** The kysely database type of Rapport's store: tables are known at run time from entity descriptions. */
export type SqlSchema = Record<string, Record<string, unknown>>

/** A kysely instance or transaction over {@link SqlSchema}. */
export type SqlExecutor = Kysely<SqlSchema> | Transaction<SqlSchema>

/** The kinds of transient driver failure a dialect recognises; see {@link SqlDialect.classifyFailure}. */
export type TransientFailure = 'locked' | 'deadlock' | 'serialization' | 'statementTimeout' | 'lockTimeout'

/** A bulk insert the dialect can run faster than a multi-row INSERT built by kysely. */
export interface BulkInsert {
  /** Physical table name (schema-qualified where the dialect has schemas). */
  readonly table: string
  readonly columns: readonly string[]
  /** Column kinds, parallel to `columns` (`tenant_id`/`id` are `string`). */
  readonly kinds: readonly FieldKind[]
  /** How many rows. */
  readonly count: number
  /**
   * The encoded rows, each parallel to `columns`, produced one at a time as the dialect consumes them so a
   * large batch is never held in memory twice. The same array may be handed out for every row: use (or
   * copy) a row's values before taking the next.
   */
  readonly rows: Iterable<readonly unknown[]>
}

/** One row to insert, encoded, as the store hands it to {@link SqlDialect.insertRowsTogether}. */
export interface RowInsert {
  /** Entity name, for messages. */
  readonly entity: string
  /** Physical table name. */
  readonly table: string
  readonly columns: readonly string[]
  readonly values: readonly unknown[]
}

/** Compare-and-set updates of many rows of one table, as the store hands them to the dialect. */
export interface VersionedUpdates {
  /** Physical table name. */
  readonly table: string
  readonly tenantId: string
  /** Columns every row sets (the version is set by the statement). */
  readonly columns: readonly string[]
  /** Column kinds, parallel to `columns`. */
  readonly kinds: readonly FieldKind[]
  /** Each row: its id, the version it must still have, and its encoded values parallel to `columns`. */
  readonly rows: readonly {
    readonly id: string
    readonly expectedVersion: number
    readonly values: readonly unknown[]
  }[]
}

/** Where an entity's text index lives and what it covers, in physical names. */
export interface TextSearchTarget {
  /** The entity's table (schema-qualified where the dialect has schemas). */
  readonly table: string
  /** Name of the index (or of the FTS table and its triggers), with the table prefix. */
  readonly indexName: string
  /** The searched columns, most important first. */
  readonly columns: readonly [string, ...string[]]
}

/** One ranked text search, as the store hands it to {@link SqlTextSearch.search}. */
export interface TextSearchStatement {
  readonly tenantId: string
  /** Words to look for (letters and digits only); a row matches when it has any of them. */
  readonly terms: readonly string[]
  /** Further conditions on the entity's columns (unqualified), e.g. from a filter. */
  readonly where: RawBuilder<SqlBool>
  readonly limit: number
}

/**
 * Full-text search for a dialect: the index DDL (run by migrations) and the ranked query. Every statement
 * must filter on `tenant_id`, and any side table must carry it.
 */
export interface SqlTextSearch {
  /** Creates the text index of an entity and whatever keeps it in step with the table. */
  createIndex(db: Kysely<SqlSchema>, target: TextSearchTarget): Promise<void>
  /** Drops what {@link createIndex} created. */
  dropIndex(db: Kysely<SqlSchema>, target: TextSearchTarget): Promise<void>
  /**
   * The tenant's rows matching any term and `where`, best first, at most `limit`: every column of the
   * entity's table plus `rank` (positive, higher is more relevant, comparable within one search only).
   */
  search(
    executor: SqlExecutor,
    target: TextSearchTarget,
    statement: TextSearchStatement,
  ): Promise<{ readonly row: Record<string, unknown>; readonly rank: number }[]>
}

/**
 * What differs between SQL databases, as the shared store needs it. Each adapter package implements this
 * once; everything else (queries, migrations, the filter compiler) is shared.
 */
export interface SqlDialect {
  /** `sqlite`, `postgres`, ... */
  readonly name: string
  /** Do separate transactions run concurrently on this database? */
  readonly concurrentTransactions: boolean
  /** Most bind parameters one statement may carry. */
  readonly maxParameters: number
  /** Can DDL run inside a transaction (so a failed migration leaves nothing behind)? */
  readonly supportsTransactionalDdl: boolean
  /** Column type for a field kind, as SQL. */
  columnType(kind: FieldKind): RawBuilder<unknown>
  /** Domain value → driver parameter, for a column or comparison of this kind. Never called with null. */
  encode(kind: FieldKind, value: unknown): unknown
  /** Driver value → domain value. Never called with null. */
  decode(kind: FieldKind, value: unknown): unknown
  /**
   * SQL for a field's value, NULL when missing or not of the field's kind. `table` qualifies the column
   * (an alias), as needed inside subqueries. Strings compare and sort by code
   * point. A `list` field yields its JSON array (or NULL); a `json` field yields something non-null iff set.
   */
  fieldValue(field: FilterField, table?: string): RawBuilder<unknown>
  /**
   * True iff `value` equals one of `values` (domain values of `kind`: text, enum, date, number, integer or
   * timestamp); NULL when `value` is NULL; `values` is never empty. Must bind the whole list as ONE
   * parameter (an array, a JSON text), so that a filter's lists never reach the statement's parameter
   * limit, and must compare as the column does (text by code point, numbers as numbers).
   */
  inList(value: RawBuilder<unknown>, values: readonly unknown[], kind: FieldKind): RawBuilder<SqlBool>
  /**
   * True iff `list` (from {@link fieldValue}) has an element equal to one of `values` (encoded, never
   * empty). Never NULL. Binds `values` as one parameter, as {@link inList} does.
   */
  listHasAny(
    list: RawBuilder<unknown>,
    values: readonly unknown[],
    elementKind: ListElementKind,
  ): RawBuilder<SqlBool>
  /** True iff `list` is a non-empty array. Never NULL. */
  listIsNonEmpty(list: RawBuilder<unknown>): RawBuilder<SqlBool>
  /**
   * `value LIKE pattern ESCAPE '\'` with A–Z folded to lower case on the value side; `pattern` is already
   * lower-cased and escaped. NULL when value is NULL.
   */
  likeAsciiInsensitive(value: RawBuilder<unknown>, pattern: string): RawBuilder<SqlBool>
  /**
   * An instant column as canonical ISO text (`2026-03-02T09:00:00.000Z`), so calendar buckets can be cut
   * from it with `substr` on every dialect.
   */
  instantAsText(value: RawBuilder<unknown>): RawBuilder<string>
  /** Is this driver error a unique or primary key violation? */
  isUniqueViolation(error: unknown): boolean
  /**
   * Is this driver error transient contention or a timeout rather than a fault? `locked` (SQLite busy),
   * `deadlock` and `serialization` become a retryable BusyError; `statementTimeout` and `lockTimeout` a
   * TimeoutError; undefined leaves the error a StorageError. Optional: without it nothing is retryable.
   */
  classifyFailure?(error: unknown): TransientFailure | undefined
  /**
   * Inserts many rows inside the current transaction faster than kysely's multi-row INSERT. Optional: the
   * store falls back to chunked multi-row INSERTs.
   */
  bulkInsert?(executor: SqlExecutor, insert: BulkInsert): Promise<void>
  /**
   * Inserts single rows into several tables in one statement (one round trip). Optional: the store runs
   * them one after another without it.
   */
  insertRowsTogether?(executor: SqlExecutor, rows: readonly RowInsert[]): Promise<void>
  /**
   * Compare-and-set updates of many rows in one round trip; returns the ids written. Must lock the rows in
   * id order first, so that two such calls (or one and single-row updates, which lock one row at a time)
   * never deadlock. Optional: the store runs one version-checked UPDATE per row without it.
   */
  updateManyIfVersion?(executor: SqlExecutor, updates: VersionedUpdates): Promise<ReadonlySet<string>>
  /**
   * Full-text search (similar cases). Optional: without it, migrations build no text index and searches
   * fail with a ConfigError naming the adapter.
   */
  readonly textSearch?: SqlTextSearch
  /**
   * The schema unqualified table names resolve to (Postgres: `current_schema()`). Migrations name it for
   * their bookkeeping tables, so tables of the same name in another schema (another app's Rapport) are
   * never mistaken for ours. Dialects without schemas leave it out.
   */
  currentSchema?(executor: SqlExecutor): Promise<string | undefined>
}
