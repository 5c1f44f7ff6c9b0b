import type { Page } from '../entities/records'
import type { PredicateContext } from '../filter/compile-predicate'
import type { Filter } from '../filter/filter-types'
import type { FilterFieldsOf, UntypedFields } from '../filter/typed-filter'
import { plainFilter, type RecordFilter } from '../filter/unchecked-filter'
import type { RecordService } from './record-service'

/** Options of commands that may name the version the caller read (a mismatch is a conflict). */
export interface VersionOption {
  readonly expectedVersion?: number
}

/** Options of `update`: naming the version read is required. */
export interface UpdateOptions {
  /** The `version` of the record as the caller read it; a different stored version is a ConflictError. */
  readonly expectedVersion: number
}

/** Options of `count`. `Fields` are the record type's fields, as for `list`. */
export interface CountOptions<Fields = UntypedFields> {
  readonly filter?: RecordFilter<Fields>
  /** @default false */
  readonly includeArchived?: boolean
}

/**
 * Commands and queries every stored record type has. `Fields` are what filters and sorts may name: by
 * default the record type's own fields ({@link FilterFieldsOf}), checked at compile time.
 */
export interface RecordApi<R, CreateInput, UpdateInput, List, Fields = FilterFieldsOf<R>> {
  /** Creates one record. @throws ValidationError (nothing written). */
  create(input: CreateInput): Promise<R>
  /**
   * Creates many records in one transaction: all or none. Every input is validated first; a ValidationError
   * lists the problems by index. Emits one `*.createdMany` event, not one event per record.
   */
  createMany(inputs: readonly CreateInput[]): Promise<R[]>
  /** @throws NotFoundError */
  get(id: string): Promise<R>
  /** The record, or null when it does not exist. */
  tryGet(id: string): Promise<R | null>
  /**
   * Changes some fields. Custom fields merge key by key and are validated as a whole.
   * @throws ConflictError when the stored version is not `expectedVersion`.
   */
  update(id: string, patch: UpdateInput, options: UpdateOptions): Promise<R>
  /** A page of records matching a filter, sorted, after a cursor. */
  list(options?: List): Promise<Page<R>>
  /** How many records match a filter. */
  count(options?: CountOptions<Fields>): Promise<number>
  /**
   * Does a record match a filter now? The in-memory twin of `list`'s SQL. A filter over related records
   * (`{ related: 'purchases', ... }`, `rfm.*` fields) reads them from `context.related`.
   */
  matches(record: R, filter: RecordFilter<Fields>, context?: PredicateContext): boolean
  /** Validates and compiles a filter once, for testing many records. Relative dates use the time of this call. */
  compileFilter(filter: RecordFilter<Fields>): (record: R, context?: PredicateContext) => boolean
}

/** Archive and restore, for records that are archived rather than deleted. */
export interface ArchivableApi<R> {
  /** Archives (idempotent). Archived records are left out of lists and cannot be updated. */
  archive(id: string, options?: VersionOption): Promise<R>
  /** Restores an archived record (idempotent). */
  restore(id: string, options?: VersionOption): Promise<R>
}

/**
 * The public commands and queries of a record service, named one by one: what every record API starts
 * from (`createIn`, the in-transaction create, stays with the service). Typed by the service, whose inputs
 * are validated at run time, so the capability's interface decides the input types it shows.
 */
export function recordApi<R, Fields = FilterFieldsOf<R>>(
  records: RecordService<R, unknown, unknown>,
): RecordApi<R, unknown, unknown, object, Fields> {
  return {
    create: records.create,
    createMany: records.createMany,
    get: records.get,
    tryGet: records.tryGet,
    update: records.update,
    list: records.list,
    count: (options) => records.count(options && { ...options, filter: optionalFilter(options.filter) }),
    matches: (record, filter, context) => records.matches(record, plainFilter(filter), context),
    compileFilter: (filter) => records.compileFilter(plainFilter(filter)),
  }
}

function optionalFilter<Fields>(filter: RecordFilter<Fields> | undefined): Filter | undefined {
  return filter === undefined ? undefined : plainFilter(filter)
}

/** Archive and restore of a record service, for the record types that are archived rather than deleted. */
export function archivableApi<R>(records: RecordService<R, unknown, unknown>): ArchivableApi<R> {
  return { archive: records.archive, restore: records.restore }
}
