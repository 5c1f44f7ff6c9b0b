import { z } from 'zod'
import type { Page } from '../entities/records'
import { ValidationError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { FieldCatalog } from '../filter/field-catalog'
import { readFieldValue } from '../filter/read-field'
import { resolveFilter } from '../filter/resolve-filter'
import { andFilters, type ResolvedFilter } from '../filter/resolved-filter'
import type { FilterFieldsOf, UntypedFields } from '../filter/typed-filter'
import type { RecordFilter, UncheckedFilter, UncheckedSort } from '../filter/unchecked-filter'
import { textProblem } from '../kernel/text'
import { parseIsoDateTime } from '../kernel/timestamps'
import type { SortKey, StorageReader } from '../storage/storage-port'
import { resolveWithSegments } from './segment-filters'

/** One sort key as a caller gives it. `Fields` are the record type's fields ({@link FilterFieldsOf}). */
export interface SortInput<Fields = UntypedFields> {
  /** A field name, as in filters (`lastName`, `custom.score`). Lists and JSON fields cannot sort. */
  readonly field: keyof Fields & string
  /** @default 'asc' */
  readonly direction?: 'asc' | 'desc'
}

/**
 * Options of every `list` call. `Fields` are the record type's fields ({@link FilterFieldsOf}), so a
 * filter or sort naming another field, or comparing with a value of another type, does not compile.
 */
export interface ListOptions<Fields = UntypedFields> {
  /** Which records; see the filter language guide. */
  readonly filter?: RecordFilter<Fields>
  /**
   * Order; `id` is always the last tie-breaker. Missing values sort last ascending, first descending.
   * Text sorts by Unicode code point (so `Z` before `a`), the same on every adapter.
   * @default [{ field: 'createdAt', direction: 'desc' }]
   */
  readonly sort?: SortInput<Fields> | readonly SortInput<Fields>[] | UncheckedSort | readonly UncheckedSort[]
  /**
   * Page size, 1–1000.
   * @default 50
   */
  readonly limit?: number
  /** `nextCursor` of the previous page. Only valid with the same sort. */
  readonly cursor?: string | null
}

/**
 * List options read from outside (a query string), whose filter and sort were marked with
 * `uncheckedFilter` / `uncheckedSort`: every `list` accepts them and checks them when it runs.
 */
export interface UncheckedListOptions {
  readonly filter?: UncheckedFilter
  readonly sort?: UncheckedSort | readonly UncheckedSort[]
  readonly limit?: number
  readonly cursor?: string | null
  /** Honoured by the lists of archivable records. */
  readonly includeArchived?: boolean
}

/** List options of archivable records. */
export interface ArchivableListOptions<Fields = UntypedFields> extends ListOptions<Fields> {
  /**
   * Include archived records.
   * @default false
   */
  readonly includeArchived?: boolean
}

const listOptionsSchema = z
  .object({
    filter: z.unknown().optional(),
    sort: z
      .union([
        z.object({ field: z.string(), direction: z.enum(['asc', 'desc']).optional() }).strict(),
        z
          .array(z.object({ field: z.string(), direction: z.enum(['asc', 'desc']).optional() }).strict())
          .max(8),
      ])
      .optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    cursor: z.string().max(4096).nullish(),
    includeArchived: z.boolean().optional(),
  })
  .strict()

const cursorSchema = z.object({ s: z.string(), a: z.array(z.unknown()) })

/** A resolved list query, ready for the storage port. */
export interface ResolvedListQuery {
  readonly filter: ResolvedFilter | undefined
  readonly sort: readonly SortKey[]
  readonly after: readonly unknown[] | undefined
  readonly limit: number
  readonly includeArchived: boolean
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Whether a decoded cursor value can stand for a value of this field kind. A cursor comes back from the
 * caller, so it may be forged: a value of the wrong type must be a validation error, never a driver error
 * (`invalid input syntax for type double precision`, a bind of an object).
 */
function fitsKind(kind: SortKey['field']['kind'], value: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'enum':
      return typeof value === 'string' && textProblem(value) === undefined
    case 'timestamp':
      return typeof value === 'string' && Number.isFinite(parseIsoDateTime(value))
    case 'date':
      return typeof value === 'string' && CALENDAR_DATE.test(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
    default:
      return false
  }
}

/** True when `after` holds one value of the right kind (or null) per sort key, then a non-empty id. */
function fitsSort(sort: readonly SortKey[], after: readonly unknown[]): boolean {
  if (after.length !== sort.length + 1) return false
  const id = after[sort.length]
  if (typeof id !== 'string' || id === '' || textProblem(id) !== undefined) return false
  return sort.every((key, i) => after[i] === null || fitsKind(key.field.kind, after[i]))
}

function signature(sort: readonly SortKey[]): string {
  return sort.map((k) => `${k.field.name}:${k.direction}`).join(',')
}

/**
 * Validates list options against an entity's catalog. The caller's `filter` is resolved against the catalog
 * alone (no segments); `within` narrows every page (a company's links, an activity's owner) and is and-ed
 * with it.
 */
export function resolveListQuery(
  catalog: FieldCatalog,
  input: unknown,
  defaultSort: readonly SortInput[],
  within?: ResolvedFilter,
): ResolvedListQuery {
  const options = validate(listOptionsSchema, input ?? {}, 'list options')
  const paging = resolvePaging(catalog, options, defaultSort)
  const filter = options.filter === undefined ? undefined : resolveFilter(options.filter, catalog)
  return { ...paging, filter: andFilters(within, filter) }
}

/**
 * {@link resolveListQuery} for a caller's filter that may name segments (`{ inSegment }`): those are read
 * first, through `reader`, since resolution itself is synchronous.
 */
export async function resolveListQueryWithSegments(
  reader: StorageReader,
  tenantId: string,
  catalog: FieldCatalog,
  input: unknown,
  defaultSort: readonly SortInput[],
  within?: ResolvedFilter,
): Promise<ResolvedListQuery> {
  // The filter before the other options, as it always was: a bad filter is the error a caller sees first.
  const given =
    typeof input === 'object' && input !== null ? (input as { filter?: unknown }).filter : undefined
  const filter = given === undefined ? undefined : await resolveWithSegments(reader, tenantId, catalog, given)
  const options = validate(listOptionsSchema, input ?? {}, 'list options')
  return { ...resolvePaging(catalog, options, defaultSort), filter: andFilters(within, filter) }
}

/** The sort, the cursor and the page size of validated list options. */
function resolvePaging(
  catalog: FieldCatalog,
  options: z.output<typeof listOptionsSchema>,
  defaultSort: readonly SortInput[],
): Omit<ResolvedListQuery, 'filter'> {
  const sortInput =
    options.sort === undefined ? defaultSort : Array.isArray(options.sort) ? options.sort : [options.sort]
  const sort = (sortInput as readonly SortInput[]).map((s, i): SortKey => {
    const field = catalog.fields.get(s.field)
    if (!field || field.kind === 'list' || field.kind === 'json') {
      const sortable = [...catalog.fields.values()]
        .filter((f) => f.kind !== 'list' && f.kind !== 'json')
        .map((f) => f.name)
      throw new ValidationError(
        `Cannot sort ${catalog.entity.name} by "${s.field}". Sortable fields: ${sortable.join(', ')}`,
        [
          {
            code: 'custom',
            path: ['sort', i, 'field'],
            message: `Not a sortable field: ${s.field}`,
            input: s.field,
          },
        ],
      )
    }
    return { field, direction: s.direction ?? 'asc' }
  })
  let after: unknown[] | undefined
  if (options.cursor) {
    const bad = () =>
      new ValidationError('Invalid cursor: pass the nextCursor of a previous page, with the same sort', [
        { code: 'custom', path: ['cursor'], message: 'Invalid cursor', input: options.cursor },
      ])
    let decoded: unknown
    try {
      decoded = JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8'))
    } catch (error) {
      throw Object.assign(bad(), { cause: error })
    }
    const parsed = cursorSchema.safeParse(decoded)
    if (!parsed.success || parsed.data.s !== signature(sort) || !fitsSort(sort, parsed.data.a)) throw bad()
    after = parsed.data.a
  }
  return {
    sort,
    after,
    limit: options.limit ?? 50,
    includeArchived: options.includeArchived ?? false,
  }
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R extends object, T>(
  rows: readonly R[],
  query: ResolvedListQuery,
  present: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > query.limit
  const items = hasMore ? rows.slice(0, query.limit) : rows
  let nextCursor: string | null = null
  if (hasMore) {
    const last = items[items.length - 1]!
    const a = [...query.sort.map((k) => readFieldValue(last, k.field)), (last as { id?: unknown }).id]
    nextCursor = Buffer.from(JSON.stringify({ s: signature(query.sort), a }), 'utf8').toString('base64url')
  }
  return { items: items.map(present), nextCursor }
}
