import type { EntityDescription, StoredRecord } from '../entities/entity'
import type { FilterField } from '../filter/field-catalog'
import type { ResolvedFilter } from '../filter/resolved-filter'

/** A row as the port moves it: domain property names and values; timestamps are ISO strings. */
export type StoredRow = { readonly id: string } & Readonly<Record<string, unknown>>

/** One sort key. Rows with no value sort last ascending and first descending (as if null were largest). */
export interface SortKey {
  readonly field: FilterField
  readonly direction: 'asc' | 'desc'
}

/** What {@link StorageReader.find} should return. */
export interface FindQuery {
  /** Which rows; all rows of the tenant when omitted. */
  readonly filter?: ResolvedFilter
  /**
   * Order of the rows. `id` ascending is always appended as the final tie-breaker, so the order is total.
   * @default [] (by id)
   */
  readonly sort?: readonly SortKey[]
  /**
   * Keyset position: start after the row whose sort values (one per sort key, then its id) are these.
   */
  readonly after?: readonly unknown[]
  /** Maximum number of rows. */
  readonly limit?: number
  /** The instant relative-time operators (`inLastDays`, `beforeDaysAgo`) are measured from (ISO). */
  readonly now: string
}

/** Calendar buckets a date or timestamp field can be grouped by (UTC for timestamps). */
export type TimeBucket = 'day' | 'month' | 'quarter' | 'year'

/** One grouping key of an aggregate: a field, or a date/timestamp field cut into calendar buckets. */
export interface GroupTerm {
  readonly field: FilterField
  /**
   * Group a `date` or `timestamp` field by calendar bucket; keys are `2026-03-02`, `2026-03`, `2026-Q1`,
   * `2026`.
   */
  readonly bucket?: TimeBucket
}

/** One measure of an aggregate. `sum`/`min`/`max` take a numeric, date or timestamp field. */
export type MeasureTerm =
  | { readonly name: string; readonly fn: 'count' }
  | { readonly name: string; readonly fn: 'sum' | 'min' | 'max'; readonly field: FilterField }

/**
 * Buckets the groups of an aggregate into `buckets` tiles by one of its measures, as SQL's
 * `ntile(buckets) over (order by measure, group keys)`: groups sorted ascending (ties by their keys) are
 * split into `buckets` runs of equal size, the first runs one larger when it does not divide; tile 1 holds
 * the smallest values.
 */
export interface RankTerm {
  readonly name: string
  /** Name of a measure of the same query. */
  readonly measure: string
  readonly buckets: number
}

/** What {@link StorageReader.aggregate} computes. */
export interface AggregateQuery {
  readonly filter?: ResolvedFilter
  readonly groupBy: readonly GroupTerm[]
  readonly measures: readonly MeasureTerm[]
  /** Tiles of the groups by a measure, computed in the database. */
  readonly ranks?: readonly RankTerm[]
  /** The instant relative-time operators are measured from (ISO). */
  readonly now: string
}

/** One group of an aggregate: its keys (parallel to `groupBy`) and its measures by name. */
export interface AggregateRow {
  readonly keys: readonly (string | number | boolean | null)[]
  /** Counts and sums are numbers (0 for an empty sum is never produced: empty groups do not exist). */
  readonly values: Readonly<Record<string, number | string | null>>
}

/** One row of {@link StorageTransaction.updateManyIfVersion}. */
export interface VersionedUpdate {
  readonly id: string
  readonly expectedVersion: number
  readonly changes: Readonly<Record<string, unknown>>
}

/** An event as written to the outbox, in the same transaction as the change it reports. */
export type OutboxRow = {
  readonly id: string
  readonly type: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly occurredAt: string
}

/** What {@link StorageReader.searchText} looks for. */
export interface TextSearchQuery {
  /** Words to look for; a row matches when its searched fields hold any of them (stemmed). */
  readonly terms: readonly string[]
  /** Which rows may match; all rows of the tenant when omitted. */
  readonly filter?: ResolvedFilter
  /** Most rows to return. */
  readonly limit: number
  /** The instant relative-time operators in the filter are measured from (ISO). */
  readonly now: string
}

/** A row found by a text search, with its relevance. */
export interface TextSearchHit<R> {
  readonly record: R
  /** Positive; higher is more relevant. Comparable only within one search. */
  readonly rank: number
}

/** Reads. Every call is scoped to one tenant; no read returns another tenant's rows. */
export interface StorageReader {
  /** The row with this id, or undefined. */
  get<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    id: string,
  ): Promise<StoredRecord<E> | undefined>
  /** The rows with these ids that exist, in no particular order. */
  getMany<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    ids: readonly string[],
  ): Promise<StoredRecord<E>[]>
  /** Rows matching a filter, sorted, from a keyset position, limited. */
  find<E extends EntityDescription>(entity: E, tenantId: string, query: FindQuery): Promise<StoredRecord<E>[]>
  /** How many rows match a filter. */
  count(
    entity: EntityDescription,
    tenantId: string,
    filter: ResolvedFilter | undefined,
    now: string,
  ): Promise<number>
  /**
   * Groups the rows matching a filter and computes measures per group, in the database. Groups come back
   * ordered by their keys; a group exists only if at least one row falls in it.
   */
  aggregate(entity: EntityDescription, tenantId: string, query: AggregateQuery): Promise<AggregateRow[]>
  /**
   * Full-text search over the entity's `textSearch` fields: the rows matching any term (and the filter),
   * most relevant first. Optional: an adapter without text search leaves it out (and says so in
   * `capabilities.textSearch`); the features that need it then throw a ConfigError.
   */
  searchText?<E extends EntityDescription>(
    entity: E,
    tenantId: string,
    query: TextSearchQuery,
  ): Promise<TextSearchHit<StoredRecord<E>>[]>
}

/**
 * Reads and writes inside one transaction. It has no `transaction` method: nesting is a type error.
 */
export interface StorageTransaction extends StorageReader {
  /**
   * Inserts rows (each must carry every field of the entity). Many rows may take a faster bulk path.
   * @throws ConflictError (details.reason = 'unique') when a unique index would be broken.
   */
  insert(entity: EntityDescription, tenantId: string, rows: readonly StoredRow[]): Promise<void>
  /**
   * Compare-and-set update of a versioned row, as one atomic statement: when the row exists in this tenant
   * and its `version` is still `expectedVersion`, writes `changes` plus `version = expectedVersion + 1` and
   * returns true; otherwise writes nothing and returns false.
   *
   * Race semantics: of any number of concurrent calls naming the same expected version, exactly one returns
   * true. The others return false, whether they ran before or after the winner committed (on Postgres the
   * losers wait for the winner's row lock, then re-check the version).
   */
  updateIfVersion(
    entity: EntityDescription,
    tenantId: string,
    id: string,
    expectedVersion: number,
    changes: Readonly<Record<string, unknown>>,
  ): Promise<boolean>
  /**
   * {@link updateIfVersion} for many rows at once: each row is written iff its version is still the expected
   * one; returns the ids written. The same race semantics, row by row: of concurrent writers naming the same
   * version of a row exactly one writes it. Rows are locked in id order, so concurrent batches never
   * deadlock. Optional: without it callers update row by row.
   */
  updateManyIfVersion?(
    entity: EntityDescription,
    tenantId: string,
    updates: readonly VersionedUpdate[],
  ): Promise<ReadonlySet<string>>
  /** Deletes the rows matching a filter; returns how many. Only for rows without history (links). */
  deleteWhere(entity: EntityDescription, tenantId: string, filter: ResolvedFilter): Promise<number>
  /** Appends events to the outbox. */
  appendEvents(tenantId: string, events: readonly OutboxRow[]): Promise<void>
}

/** What an adapter declares about itself; the conformance suite reads it. */
export interface StorageCapabilities {
  /**
   * Do transactions from different callers run at the same time (Postgres), or one after the other on a
   * single connection (SQLite)? Both are correct; the suite's race tests use it to know what they prove.
   */
  readonly concurrentTransactions: boolean
  /**
   * Can it search text (`reader.searchText`)? Similar cases need it.
   * @default false
   */
  readonly textSearch?: boolean
}

/** What a migration run did. */
export interface MigrationReport {
  /** Names of the migrations applied by this run, in order. */
  readonly applied: readonly string[]
}

/**
 * The storage port: everything Rapport's services need from a database. An adapter for another database
 * implements this interface and passes the conformance suite in `@rapport/core/testing`.
 */
export interface StoragePort {
  /** The adapter's name, for messages (`sqlite`, `postgres`). */
  readonly name: string
  readonly capabilities: StorageCapabilities
  /** Creates or upgrades Rapport's tables. Safe to call on every start. */
  migrate(): Promise<MigrationReport>
  /** Reads outside a transaction. */
  readonly reader: StorageReader
  /**
   * Runs `work` in one transaction: commits when it resolves, rolls back when it throws (and rethrows).
   */
  transaction<T>(work: (tx: StorageTransaction) => Promise<T>): Promise<T>
  /** Releases connections the adapter opened (not ones the app passed in). */
  close(): Promise<void>
  /**
   * Creates an index (if it does not exist) on `tenant_id` and the given fields, using the exact
   * expressions filters compile to, so queries on those fields (custom fields too) can use it. Optional:
   * adapters without secondary indexes leave it out.
   */
  ensureIndex?(index: IndexRequest): Promise<void>
}

/** An index an app asks for, on fields as the filter language names them. */
export interface IndexRequest {
  readonly entity: EntityDescription
  /** Name without the adapter's table prefix. */
  readonly name: string
  readonly fields: readonly FilterField[]
}
