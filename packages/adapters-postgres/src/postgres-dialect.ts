import type { BulkInsert, RowInsert, SqlDialect } from '@rapport/core/sql'
import { encodeJson } from '@rapport/core/sql'
import type { FieldKind, FilterField, ListElementKind } from '@rapport/core/storage'
import { type RawBuilder, type SqlBool, sql } from 'kysely'
import { classifyPostgresFailure } from './postgres-failures'
import { postgresTextSearch } from './postgres-text-search'
import { updateManyIfVersion } from './postgres-versioned-updates'

// Text columns use the "C" collation: byte order of UTF-8 is code-point order, the same order SQLite's
// BINARY collation and the in-memory predicate use, whatever the database's locale.
const COLUMN_TYPES: Record<FieldKind, string> = {
  string: 'text collate "C"',
  enum: 'text collate "C"',
  number: 'double precision',
  integer: 'bigint',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  date: 'text collate "C"',
  list: 'jsonb',
  json: 'jsonb',
}

// Array types for bulk inserts through unnest(); json and list values are already JSON text.
const ARRAY_TYPES: Record<FieldKind, string> = {
  string: 'text[]',
  enum: 'text[]',
  number: 'double precision[]',
  integer: 'bigint[]',
  boolean: 'boolean[]',
  timestamp: 'timestamptz[]',
  date: 'text[]',
  list: 'jsonb[]',
  json: 'jsonb[]',
}

// Array types for `= any($1)` lists; integers compare as double precision, as a filter's numbers may
// have fractions.
const LIST_ARRAY_TYPES: Partial<Record<FieldKind, string>> = {
  string: 'text[]',
  enum: 'text[]',
  date: 'text[]',
  number: 'double precision[]',
  integer: 'double precision[]',
  timestamp: 'timestamptz[]',
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const BULK_CHUNK_ROWS = 5000

/**
 * Postgres' quirks for the shared SQL store: jsonb for JSON, timestamptz for instants, bigint for integers
 * (returned as strings by pg, decoded to numbers), `COLLATE "C"` for text, and bulk inserts as one
 * `jsonb_populate_recordset` statement per chunk.
 */
export function postgresDialect(): SqlDialect {
  return {
    name: 'postgres',
    concurrentTransactions: true,
    maxParameters: 65_535,
    supportsTransactionalDdl: true,
    textSearch: postgresTextSearch(),
    updateManyIfVersion,

    async currentSchema(executor) {
      const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
        executor,
      )
      return rows[0]?.schema ?? undefined
    },

    columnType: (kind) => sql.raw(COLUMN_TYPES[kind]),

    encode(kind, value) {
      // pg turns JS arrays into Postgres arrays, so JSON must go over the wire as text.
      if (kind === 'json' || kind === 'list') return encodeJson(value)
      return value
    },

    decode(kind, value) {
      switch (kind) {
        case 'integer':
        case 'number':
          return typeof value === 'number' ? value : Number(value)
        case 'timestamp':
          return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
        case 'json':
        case 'list':
          return typeof value === 'string' ? JSON.parse(value) : value
        case 'boolean':
          return value === true || value === 't' || value === 'true'
        default:
          return value
      }
    },

    fieldValue(field: FilterField, table?: string): RawBuilder<unknown> {
      const column = sql.ref(table ? `${table}.${field.column}` : field.column)
      if (field.path.length === 0) return column
      const path = sql.lit(`{${field.path.join(',')}}`)
      const node = sql`(${column} #> ${path})`
      switch (field.kind) {
        case 'string':
        case 'enum':
        case 'timestamp':
        case 'date':
          return sql`((case when jsonb_typeof(${node}) = 'string' then ${column} #>> ${path} end) collate "C")`
        case 'number':
        case 'integer':
          return sql`(case when jsonb_typeof(${node}) = 'number' then (${column} #>> ${path})::double precision end)`
        case 'boolean':
          return sql`(case when jsonb_typeof(${node}) = 'boolean' then (${column} #>> ${path})::boolean end)`
        case 'list':
          return sql`(case when jsonb_typeof(${node}) = 'array' then ${node} end)`
        case 'json':
          return sql`nullif(jsonb_typeof(${node}), 'null')`
      }
    },

    // The list travels as one array parameter: Postgres numbers a statement's parameters with 16 bits,
    // so 65,536 of them wrap. Equality of text ignores the collation ("C" and every database default are
    // deterministic: equal means byte-equal), so `text[]` matches the columns' `collate "C"` exactly.
    inList: (value, values, kind) =>
      sql<SqlBool>`(${value} = any(${[...values]}::${sql.raw(LIST_ARRAY_TYPES[kind] ?? 'text[]')}))`,

    listHasAny(list, values, elementKind: ListElementKind): RawBuilder<SqlBool> {
      if (elementKind === 'number') {
        return sql<SqlBool>`exists (select 1 from jsonb_array_elements(${list}) as je(v) where jsonb_typeof(je.v) = 'number' and (je.v #>> '{}')::double precision = any(${[...values]}::double precision[]))`
      }
      // `?|`: does the array have any of these strings as an element (numbers and objects never match)?
      return sql<SqlBool>`coalesce(${list} ?| ${[...values]}::text[], false)`
    },

    listIsNonEmpty: (list) => sql<SqlBool>`coalesce(jsonb_array_length(${list}) > 0, false)`,

    likeAsciiInsensitive: (value, pattern) =>
      sql<SqlBool>`translate(${value}, ${sql.lit(UPPER)}, ${sql.lit(LOWER)}) like ${pattern} escape '\\'`,

    instantAsText: (value) =>
      sql<string>`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,

    isUniqueViolation(error) {
      return (error as { code?: unknown } | null)?.code === '23505'
    },

    classifyFailure: classifyPostgresFailure,

    // Data-modifying CTEs run every insert in one statement, so a command's history and outbox rows cost
    // one round trip. Foreign keys are checked at the end of the statement, so rows may refer to each other.
    async insertRowsTogether(executor, rows: readonly RowInsert[]) {
      const inserts = rows.map(
        (row) =>
          sql`insert into ${sql.table(row.table)} (${sql.join(row.columns.map((c) => sql.ref(c)))}) values (${sql.join(row.values)})`,
      )
      const last = inserts.pop()!
      const ctes = inserts.map((insert, i) => sql`${sql.ref(`w${i}`)} as (${insert})`)
      await sql`with ${sql.join(ctes)} ${last}`.execute(executor)
    },

    // One statement per chunk: each column travels as one typed array and unnest() turns them back into
    // rows, which avoids a round trip per row and stays far below Postgres' 65,535 bind parameters.
    async bulkInsert(executor, insert: BulkInsert) {
      const table = sql.table(insert.table)
      const columns = sql.join(insert.columns.map((c) => sql.ref(c)))
      const casts = insert.kinds.map((kind) => sql.raw(ARRAY_TYPES[kind]))
      const rows = insert.rows[Symbol.iterator]()
      for (let done = false; !done; ) {
        const arrays: unknown[][] = insert.columns.map(() => [])
        let count = 0
        for (; count < BULK_CHUNK_ROWS; count++) {
          const next = rows.next()
          if (next.done) {
            done = true
            break
          }
          for (let c = 0; c < arrays.length; c++) arrays[c]!.push(next.value[c] ?? null)
        }
        if (count === 0) break
        const unnested = sql.join(arrays.map((values, c) => sql`${values}::${casts[c]!}`))
        await sql`insert into ${table} (${columns}) select * from unnest(${unnested})`.execute(executor)
      }
    },
  }
}
